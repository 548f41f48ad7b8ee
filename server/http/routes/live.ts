/**
 * Live collaboration on one map:
 * - GET  /api/maps/:id/events?since=N&clientId=X  Server-sent events (view role and up).
 * - POST /api/maps/:id/ops                         One change set (edit role and up).
 * - POST /api/maps/:id/presence                    "I am here / my selection / my pointer".
 * - POST /api/maps/:id/walkthrough                 The presenter's current stage (edit role and up).
 */
import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { ID_PATTERN } from '../../../src/domain/ids';
import type { AccessControl } from '../../access/require';
import type { Role } from '../../access/roles';
import type { LiveEvent, Participant } from '../../live/events';
import type { LiveHub } from '../../live/hub';
import { opRequestSchema } from '../../live/changeset-schema';
import type { OpService } from '../../live/op-service';
import type { PresenceRoster } from '../../live/presence';
import type { MapRepository } from '../../maps/map-repository';
import { readBody } from '../body';
import { ApiError, mapNotFound } from '../errors';
import { route } from '../router';

/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

export const clientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, - or _');

export const presenceSchema = z.strictObject({
  clientId: clientIdSchema,
  name: z.string().trim().max(80).default(''),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f77b4'),
  selection: z.array(z.string().max(64)).max(500).default([]),
  cursor: z.strictObject({ x: z.number().finite(), y: z.number().finite() }).nullable().default(null),
});

export const walkthroughSchema = z.strictObject({
  clientId: clientIdSchema,
  name: z.string().trim().max(80).default(''),
  /** null: the walkthrough ended. */
  stageId: z.string().max(64).nullable(),
});

function mapIdOf(c: Context): string {
  const id = c.req.param('id');
  if (!id || !ID_PATTERN.test(id)) throw mapNotFound();
  return id;
}

export interface LiveDeps {
  access: AccessControl;
  repo: MapRepository;
  hub: LiveHub;
  ops: OpService;
  roster: PresenceRoster;
}

export function liveRoutes(app: Hono, { access, repo, hub, ops, roster }: LiveDeps): void {
  route(app, '/api/maps/:id/events', {
    GET: async (c) => {
      const mapId = mapIdOf(c);
      const principal = await access.require(c, mapId, 'view');
      const role = (await access.roleOn(c, mapId)) as Role;
      const sinceRaw = c.req.query('since');
      const since = sinceRaw !== undefined && /^\d{1,9}$/.test(sinceRaw) ? Number(sinceRaw) : null;
      const clientIdRaw = c.req.query('clientId');
      const clientId = clientIdRaw !== undefined && clientIdSchema.safeParse(clientIdRaw).success ? clientIdRaw : null;
      const stored = await repo.getJson(mapId);
      if (!stored) throw mapNotFound();
      const linkId = principal.kind === 'guest' ? principal.linkId : null;

      return streamSSE(c, async (stream) => {
        // Subscribe first, then replay: events arriving meanwhile are queued, never lost.
        const queue: LiveEvent[] = [];
        let live = false;
        let lastVersion = stored.version;
        let done: () => void = () => {};
        const finished = new Promise<void>((resolve) => {
          done = resolve;
        });
        const send = async (event: LiveEvent): Promise<void> => {
          if (stream.closed || stream.aborted) return;
          if (event.type === 'op') {
            if (event.version <= lastVersion) return; // already part of what this stream sent
            lastVersion = event.version;
          }
          await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
        };
        let chain = Promise.resolve();
        const unsubscribe = hub.subscribe(mapId, (event) => {
          if (event.type === 'revoked' && event.linkId === linkId) {
            chain = chain.then(() => stream.writeSSE({ event: 'revoked', data: JSON.stringify(event) })).then(done, done);
            return;
          }
          if (!live) {
            queue.push(event);
            return;
          }
          chain = chain.then(() => send(event)).catch(done);
          if (event.type === 'deleted') chain = chain.then(done, done);
        });
        stream.onAbort(() => done());

        await stream.writeSSE({ event: 'hello', data: JSON.stringify({ type: 'hello', version: stored.version, role } satisfies LiveEvent) });
        if (since !== null && since < stored.version) {
          const missed = await ops.since(mapId, since, stored.version);
          if (missed === null) {
            await stream.writeSSE({ event: 'reset', data: JSON.stringify({ type: 'reset', version: stored.version, reason: 'gap' } satisfies LiveEvent) });
          } else {
            lastVersion = since;
            for (const e of missed) await send(e);
          }
        }
        await stream.writeSSE({
          event: 'roster',
          data: JSON.stringify({ type: 'roster', participants: roster.participants(mapId) } satisfies LiveEvent),
        });
        live = true;
        for (const e of queue.splice(0)) await send(e);

        const heartbeat = setInterval(() => {
          chain = chain.then(() => stream.write(': keep-alive\n\n')).then(() => undefined, done);
        }, HEARTBEAT_MS);
        await finished;
        clearInterval(heartbeat);
        unsubscribe();
        if (clientId) hub.publish(mapId, { type: 'left', clientId });
      });
    },
  });

  route(app, '/api/maps/:id/ops', {
    POST: async (c) => {
      const mapId = mapIdOf(c);
      await access.require(c, mapId, 'edit');
      const op = await readBody(c, opRequestSchema);
      const result = await ops.apply(mapId, op);
      return c.json(result, 200);
    },
  });

  route(app, '/api/maps/:id/presence', {
    POST: async (c) => {
      const mapId = mapIdOf(c);
      await access.require(c, mapId, 'view');
      const role = (await access.roleOn(c, mapId)) as Role;
      const body = await readBody(c, presenceSchema);
      // A page that said it is gone cannot come back (clientIds are per page load): an
      // announcement it sent just before leaving, arriving after its goodbye, is dropped.
      if (roster.isGone(mapId, body.clientId)) return c.body(null, 204);
      const participant: Participant = { ...body, role, seenAt: new Date().toISOString() };
      hub.publish(mapId, { type: 'presence', participant });
      return c.body(null, 204);
    },
    DELETE: async (c) => {
      const mapId = mapIdOf(c);
      await access.require(c, mapId, 'view');
      const clientId = c.req.query('clientId');
      if (!clientId || !clientIdSchema.safeParse(clientId).success) throw new ApiError(400, 'clientId is missing or not valid');
      hub.publish(mapId, { type: 'left', clientId, final: true });
      return c.body(null, 204);
    },
  });

  route(app, '/api/maps/:id/walkthrough', {
    POST: async (c) => {
      const mapId = mapIdOf(c);
      await access.require(c, mapId, 'edit');
      const body = await readBody(c, walkthroughSchema);
      hub.publish(mapId, {
        type: 'walkthrough',
        presenter: body.stageId === null ? null : { clientId: body.clientId, name: body.name },
        stageId: body.stageId,
      });
      return c.body(null, 204);
    },
  });
}
