/** Registering a path's handlers together with a 405 (and Allow header) for every other method. */
import type { Context, Hono } from 'hono';
import { methodNotAllowed } from './errors';

export type Handler = (c: Context) => Response | Promise<Response>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function route(app: Hono, path: string, handlers: Partial<Record<Method, Handler>>): void {
  const methods = Object.keys(handlers) as Method[];
  for (const method of methods) {
    const handler = handlers[method];
    if (handler) app.on(method, path, handler);
  }
  app.all(path, methodNotAllowed(methods));
}
