/**
 * Dot voting in workshops (weighted by customer group: "not one person, one vote").
 *
 * - GET  /api/maps/:id/votes?participantId=P       The active session and past ones (view and up).
 *        While a session is open nobody sees other people's ballots: only how many people voted
 *        and the caller's own ballot (found by participantId). After the reveal: full results.
 * - POST /api/maps/:id/votes {targetKind, dotsPerPerson, title}   Start one (owner; one active per map).
 * - PUT  /api/maps/:id/votes/:sessionId/ballot {participantId, name, group, dots}
 *        Replace the caller's ballot (comment and up; while open; targets of the voted kind; ≤ budget).
 * - POST /api/maps/:id/votes/:sessionId/reveal     open → revealed (owner).
 * - POST /api/maps/:id/votes/:sessionId/close      → closed (owner).
 * - POST /api/maps/:id/votes/:sessionId/apply      Add the dots per group to each MOT's votes, once (owner).
 *
 * Every change publishes `{ type: 'votes', sessionId }` so open browsers fetch the state again.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import {
  applyToMotVotes,
  ballotProblems,
  compactDots,
  dotsUsed,
  MAX_DOTS_PER_PERSON,
  MIN_DOTS_PER_PERSON,
  tally,
  votableTargets,
  VOTE_TARGET_KINDS,
} from '../../../src/domain/dot-voting';
import { ID_PATTERN } from '../../../src/domain/ids';
import { CUSTOMER_GROUPS, type JourneyMap } from '../../../src/domain/schema';
import type { AccessControl } from '../../access/require';
import type { LiveHub } from '../../live/hub';
import type { OpService } from '../../live/op-service';
import type { MapRepository } from '../../maps/map-repository';
import { PAST_SESSIONS_LIMIT, type StoredBallot, type VoteRepository, type VoteSession } from '../../voting/vote-repository';
import { readBody } from '../body';
import { ApiError, mapNotFound } from '../errors';
import { route } from '../router';

export const participantIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, - or _');

export const startSchema = z.strictObject({
  targetKind: z.enum(VOTE_TARGET_KINDS, 'must be touchpoint or mot'),
  dotsPerPerson: z
    .number('must be a number')
    .int('must be a whole number')
    .min(MIN_DOTS_PER_PERSON, `must be at least ${MIN_DOTS_PER_PERSON}`)
    .max(MAX_DOTS_PER_PERSON, `must be at most ${MAX_DOTS_PER_PERSON}`),
  title: z.string().trim().max(200, 'must be at most 200 characters').default(''),
});

const MAX_BALLOT_ENTRIES = 500;

export const ballotSchema = z.strictObject({
  participantId: participantIdSchema,
  name: z.string().trim().max(80, 'must be at most 80 characters').default(''),
  group: z.enum(CUSTOMER_GROUPS, 'must be love, like or dislike'),
  dots: z
    .record(
      z.string().regex(ID_PATTERN, 'must be a touchpoint or MOT id'),
      z.number('must be a number').int('must be a whole number').min(0, 'cannot be negative').max(MAX_DOTS_PER_PERSON, `must be at most ${MAX_DOTS_PER_PERSON}`),
    )
    .refine((d) => Object.keys(d).length <= MAX_BALLOT_ENTRIES, `at most ${MAX_BALLOT_ENTRIES} targets`),
});

function mapIdOf(c: Context): string {
  const id = c.req.param('id');
  if (!id || !ID_PATTERN.test(id)) throw mapNotFound();
  return id;
}

function sessionIdOf(c: Context): string {
  const id = c.req.param('sessionId');
  if (!id || !ID_PATTERN.test(id)) throw voteNotFound();
  return id;
}

const voteNotFound = (): ApiError => new ApiError(404, 'Vote not found on this map');

/** What a caller may see of one session. */
export function sessionView(session: VoteSession, ballots: readonly StoredBallot[], map: JourneyMap, participantId: string | null) {
  const mine = participantId ? ballots.find((b) => b.participantId === participantId) : undefined;
  const voters = ballots.filter((b) => dotsUsed(b.dots) > 0).length;
  const visible = session.revealedAt !== null;
  const weights = map.settings.groupWeights;
  return {
    id: session.id,
    targetKind: session.targetKind,
    dotsPerPerson: session.dotsPerPerson,
    title: session.title,
    status: session.status,
    createdAt: session.createdAt,
    revealedAt: session.revealedAt,
    appliedAt: session.appliedAt,
    voters,
    myBallot: mine ? { name: mine.name, group: mine.group, dots: mine.dots, updatedAt: mine.updatedAt } : null,
    results: visible
      ? {
          weights,
          ...tally(ballots, weights, votableTargets(map, session.targetKind)),
          ballots: ballots
            .filter((b) => dotsUsed(b.dots) > 0)
            .map((b) => ({ name: b.name, group: b.group, dots: dotsUsed(b.dots) })),
        }
      : null,
  };
}

export interface VoteRouteDeps {
  access: AccessControl;
  repo: MapRepository;
  votes: VoteRepository;
  hub: LiveHub;
  ops: OpService;
}

export function voteRoutes(app: Hono, { access, repo, votes, hub, ops }: VoteRouteDeps): void {
  const loadMap = async (mapId: string): Promise<JourneyMap> => {
    const stored = await repo.get(mapId);
    if (!stored) throw mapNotFound();
    return stored.map;
  };
  const loadSession = async (mapId: string, sessionId: string): Promise<VoteSession> => {
    const session = await votes.get(mapId, sessionId);
    if (!session) throw voteNotFound();
    return session;
  };
  const viewOf = async (session: VoteSession, map: JourneyMap, participantId: string | null) =>
    sessionView(session, await votes.ballots([session.id]), map, participantId);

  route(app, '/api/maps/:id/votes', {
    GET: async (c) => {
      const mapId = mapIdOf(c);
      await access.require(c, mapId, 'view');
      const raw = c.req.query('participantId');
      if (raw !== undefined && !participantIdSchema.safeParse(raw).success) {
        throw new ApiError(400, 'participantId is not valid', [{ path: 'participantId', message: 'must be 8–64 letters, digits, - or _' }]);
      }
      const map = await loadMap(mapId);
      const sessions = await votes.list(mapId);
      const ballots = await votes.ballots(sessions.map((s) => s.id));
      const views = sessions.map((s) =>
        sessionView(
          s,
          ballots.filter((b) => b.sessionId === s.id),
          map,
          raw ?? null,
        ),
      );
      const current = views.find((v) => v.status !== 'closed') ?? null;
      const past = views.filter((v) => v.status === 'closed').slice(0, PAST_SESSIONS_LIMIT);
      return c.json({ current, past });
    },
    POST: async (c) => {
      const mapId = mapIdOf(c);
      await access.require(c, mapId, 'owner');
      const body = await readBody(c, startSchema);
      const map = await loadMap(mapId);
      if (votableTargets(map, body.targetKind).length === 0) {
        throw new ApiError(
          409,
          body.targetKind === 'mot' ? 'This map has no Moments of Truth to vote on: pin some first.' : 'This map has no touchpoints to vote on.',
          { reason: 'no-targets' },
        );
      }
      const started = await votes.start(mapId, body);
      if (!started) throw mapNotFound();
      if (!started.ok) {
        throw new ApiError(409, 'A vote is already running on this map: close it before starting another.', {
          reason: 'vote-active',
          activeSessionId: started.active.id,
        });
      }
      hub.publish(mapId, { type: 'votes', sessionId: started.session.id });
      return c.json({ session: sessionView(started.session, [], map, null) }, 201);
    },
  });

  route(app, '/api/maps/:id/votes/:sessionId/ballot', {
    PUT: async (c) => {
      const mapId = mapIdOf(c);
      const sessionId = sessionIdOf(c);
      await access.require(c, mapId, 'comment');
      const body = await readBody(c, ballotSchema);
      const session = await loadSession(mapId, sessionId);
      if (session.status !== 'open') throw notOpen(session.status);
      const map = await loadMap(mapId);
      const problems = ballotProblems(body.dots, session.dotsPerPerson, new Set(votableTargets(map, session.targetKind)));
      if (problems.length > 0) {
        const kindText = session.targetKind === 'mot' ? 'Moment of Truth' : 'touchpoint';
        const over = problems.find((p) => p.kind === 'over-budget');
        throw new ApiError(
          400,
          over && over.kind === 'over-budget'
            ? `Too many dots: this ballot uses ${over.used}, each person has ${over.budget}.`
            : `Dots can only go on a ${kindText} of this map.`,
          problems.map((p) =>
            p.kind === 'over-budget'
              ? { path: 'dots', message: `uses ${p.used} dots; the budget is ${p.budget}` }
              : p.kind === 'unknown-target'
                ? { path: `dots.${p.targetId}`, message: `is not a ${kindText} of this map` }
                : { path: `dots.${p.targetId}`, message: 'must be a whole number of dots' },
          ),
        );
      }
      const saved = await votes.putBallot(mapId, {
        sessionId,
        participantId: body.participantId,
        name: body.name,
        group: body.group,
        dots: compactDots(body.dots),
      });
      if (!saved) throw voteNotFound();
      if (!saved.ok) throw notOpen(saved.status);
      hub.publish(mapId, { type: 'votes', sessionId });
      return c.json({ session: await viewOf(session, map, body.participantId) });
    },
  });

  route(app, '/api/maps/:id/votes/:sessionId/reveal', {
    POST: async (c) => {
      const mapId = mapIdOf(c);
      const sessionId = sessionIdOf(c);
      await access.require(c, mapId, 'owner');
      const before = await loadSession(mapId, sessionId);
      if (before.status !== 'open') throw new ApiError(409, before.status === 'closed' ? 'This vote is closed.' : 'This vote has been revealed already.', { reason: before.status });
      const after = await votes.reveal(mapId, sessionId);
      if (!after) throw voteNotFound();
      hub.publish(mapId, { type: 'votes', sessionId });
      return c.json({ session: await viewOf(after, await loadMap(mapId), null) });
    },
  });

  route(app, '/api/maps/:id/votes/:sessionId/close', {
    POST: async (c) => {
      const mapId = mapIdOf(c);
      const sessionId = sessionIdOf(c);
      await access.require(c, mapId, 'owner');
      const before = await loadSession(mapId, sessionId);
      if (before.status === 'closed') throw new ApiError(409, 'This vote is closed already.', { reason: 'closed' });
      const after = await votes.close(mapId, sessionId);
      if (!after) throw voteNotFound();
      hub.publish(mapId, { type: 'votes', sessionId });
      return c.json({ session: await viewOf(after, await loadMap(mapId), null) });
    },
  });

  route(app, '/api/maps/:id/votes/:sessionId/apply', {
    POST: async (c) => {
      const mapId = mapIdOf(c);
      const sessionId = sessionIdOf(c);
      await access.require(c, mapId, 'owner');
      const session = await loadSession(mapId, sessionId);
      if (session.targetKind !== 'mot') {
        throw new ApiError(409, 'Only votes on Moments of Truth can be added to MOT votes.', { reason: 'not-mot-vote' });
      }
      if (session.revealedAt === null) throw new ApiError(409, 'Reveal the results before applying them.', { reason: 'not-revealed' });
      const map0 = await loadMap(mapId);
      if (session.appliedAt !== null || !(await votes.claimApply(mapId, sessionId))) {
        const now = await loadSession(mapId, sessionId);
        return c.json({ session: await viewOf(now, map0, null), alreadyApplied: true, applied: [], missing: [], version: null });
      }
      let applied: string[] = [];
      let missing: string[] = [];
      let version: number;
      try {
        const ballots = await votes.ballots([sessionId]);
        const { targets } = tally(ballots, map0.settings.groupWeights);
        const author = session.title ? `Dot vote “${session.title}”` : 'Dot vote';
        version = await ops.change(mapId, author, (current) => {
          const outcome = applyToMotVotes(current, targets);
          applied = outcome.applied;
          missing = outcome.missing;
          return outcome.map;
        });
      } catch (e) {
        await votes.releaseApply(mapId, sessionId);
        throw e;
      }
      hub.publish(mapId, { type: 'votes', sessionId });
      const after = await loadSession(mapId, sessionId);
      return c.json({ session: await viewOf(after, await loadMap(mapId), null), alreadyApplied: false, applied, missing, version });
    },
  });
}

function notOpen(status: string): ApiError {
  return new ApiError(409, status === 'closed' ? 'This vote is closed: ballots can no longer change.' : 'The results have been revealed: ballots can no longer change.', {
    reason: status,
  });
}
