/**
 * One error shape for every API answer: `{ error: string, details?: … }`.
 * Handlers throw ApiError; anything else becomes a logged 500 with a generic message.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { describeZodError, type FieldProblem } from '../../src/domain/validation';

export type ErrorDetails = FieldProblem[] | Record<string, unknown>;

export interface ErrorBody {
  error: string;
  details?: ErrorDetails;
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly details?: ErrorDetails,
    /** Extra response headers, e.g. `Allow` on a 405. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (message = 'Not found'): ApiError => new ApiError(404, message);
export const mapNotFound = (): ApiError => new ApiError(404, 'Map not found');

/** A 400 listing every field problem of a zod failure. */
export function validationError(message: string, error: z.ZodError): ApiError {
  return new ApiError(400, message, describeZodError(error));
}

export function errorResponse(c: Context, err: ApiError): Response {
  const body: ErrorBody = { error: err.message };
  if (err.details !== undefined) body.details = err.details;
  for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
  c.header('Cache-Control', 'no-store');
  return c.json(body, err.status);
}

export const onError: ErrorHandler = (err, c) => {
  if (err instanceof ApiError) return errorResponse(c, err);
  if (err instanceof HTTPException && err.status < 500) {
    return errorResponse(c, new ApiError(err.status, err.message || 'Bad request'));
  }
  console.error(`${c.req.method} ${c.req.path} failed:`, err);
  return errorResponse(c, new ApiError(500, 'Internal server error: the request could not be completed. Try again later.'));
};

/** Unknown routes: JSON under /api, plain text elsewhere (the SPA fallback answers GETs before this). */
export const onNotFound: NotFoundHandler = (c) => {
  if (c.req.path === '/api' || c.req.path.startsWith('/api/')) {
    return errorResponse(c, new ApiError(404, `No API route ${c.req.method} ${c.req.path}`));
  }
  return c.text('Not found', 404);
};

/** A handler for every method a path does not support. */
export function methodNotAllowed(allowed: readonly string[]) {
  const allow = [...new Set([...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])])].join(', ');
  return (c: Context): Response =>
    errorResponse(c, new ApiError(405, `Method ${c.req.method} is not allowed here; use ${allow}`, undefined, { Allow: allow }));
}
