/**
 * One request over a keep-alive node:http Agent, as a workspace member: far less client overhead
 * than fetch when many requests run on a 2-core machine (reliability tests, server benchmark).
 */
import { request, type Agent } from 'node:http';
import { TEST_WORKSPACE_KEY } from './server';

export function keepAliveRequest(
  agent: Agent,
  base: URL,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: { authorization: `Bearer ${TEST_WORKSPACE_KEY}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}
