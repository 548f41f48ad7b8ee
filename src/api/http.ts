import { z } from 'zod';
import { authHeaders } from './credentials';

/** An error answered by the server (or the network), carrying its message and details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

const errorBodySchema = z.object({ error: z.string(), details: z.unknown().optional() });

/** Fetch JSON from the API and validate the answer with a zod schema. */
export async function requestJson<T>(
  path: string,
  schema: z.ZodType<T>,
  init: RequestInit & { json?: unknown } = {},
): Promise<{ data: T; etag: string | null; headers: Headers }> {
  const { json, headers, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(path, {
      ...rest,
      headers: {
        Accept: 'application/json',
        ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...authHeaders(),
        ...headers,
      },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  } catch (e) {
    throw new ApiError(0, e instanceof Error ? e.message : 'network error');
  }
  if (res.status === 204) return { data: undefined as T, etag: res.headers.get('ETag'), headers: res.headers };
  let body: unknown = null;
  const text = await res.text();
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(body);
    throw new ApiError(res.status, parsed.success ? parsed.data.error : `HTTP ${res.status}`, parsed.success ? parsed.data.details : undefined);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError(res.status, `Unexpected answer from the server for ${path}`, parsed.error.issues);
  return { data: parsed.data, etag: res.headers.get('ETag'), headers: res.headers };
}
