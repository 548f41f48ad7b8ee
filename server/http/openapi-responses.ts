/**
 * zod schemas of the response bodies (and live events) of the workshop routes, for the OpenAPI
 * document. The routes build these bodies from TypeScript types, not from zod, so each schema is
 * tied to the type the code actually sends by a compile-time check at the bottom of this file:
 * adding, removing or retyping a field in the code without updating its schema here fails
 * `npm run typecheck`.
 */
import { z } from 'zod';
import { CARD_FIELDS, MOT_FIELDS, PERSONA_FIELDS, SETTING_FIELDS, type MapComparison } from '../../src/domain/map-compare';
import { VOTE_TARGET_KINDS } from '../../src/domain/dot-voting';
import { commentSchema, CUSTOMER_GROUPS, journeyMapShapeSchema, mapSettingsSchema } from '../../src/domain/schema';
import type { LiveEvent, Participant } from '../../src/live/live-events';
import { SHARE_ROLES, type Role, type ShareRole } from '../access/roles';
import type { ShareLink } from '../access/share-links';
import { changesetSchema } from '../live/changeset-schema';
import type { OpResult } from '../live/op-service';
import { VERSION_KINDS, type VersionMeta } from '../versions/version-repository';
import type { sessionView } from './routes/votes';

const iso = z.iso.datetime({ offset: true });
const int = z.number().int();

export const roleSchema = z.enum(['view', 'comment', 'edit', 'owner']).describe('Roles are ordered: view < comment < edit < owner.');
export const shareRoleSchema = z.enum(SHARE_ROLES);

// ── access ───────────────────────────────────────────────────────────────────────────────

export const sessionResponseSchema = z
  .union([
    z.object({
      role: z.literal('owner'),
      workspaceKey: z.string().describe('Members may see the key: they invite teammates with it.'),
    }),
    z.object({ role: shareRoleSchema, mapId: z.string().describe('The one map this share link opens.') }),
  ])
  .describe('Who the caller is: a workspace member (owner) or the holder of a share link.');

export const shareInfoSchema = z.object({ mapId: z.string(), role: shareRoleSchema, label: z.string(), title: z.string() });

export const shareLinkSchema = z.object({
  id: z.string(),
  role: shareRoleSchema,
  label: z.string(),
  token: z.string().describe('Send as `Authorization: Bearer <token>`.'),
  path: z.string().describe('The app path that opens the link: /s/<token>.'),
  createdAt: iso,
  revokedAt: iso.nullable(),
});
export const shareLinkListSchema = z.object({ links: z.array(shareLinkSchema) });
export const shareLinkResponseSchema = z.object({ link: shareLinkSchema });

// ── live ─────────────────────────────────────────────────────────────────────────────────

export const opResultSchema = z.object({
  version: int.describe("The map's version after this operation (unchanged when it changed nothing)."),
  lost: z.array(z.string()).describe('Where this operation lost to a change that reached the server first ("touchpoints/<id>/title").'),
  duplicate: z.boolean().describe('True when this opId had been applied before: nothing was done again.'),
});

export const participantSchema = z.object({
  clientId: z.string().describe('One per browser tab.'),
  name: z.string(),
  color: z.string(),
  role: roleSchema,
  selection: z.array(z.string()).describe('Ids of what this person has selected on the canvas.'),
  cursor: z.object({ x: z.number(), y: z.number() }).nullable().describe('Canvas coordinates of the pointer.'),
  seenAt: iso,
});

/** Every live event, by its SSE `event:` name (the same as its `type`). */
export const liveEventSchemas = {
  hello: z
    .object({ type: z.literal('hello'), version: int, role: roleSchema })
    .describe('First event of every stream: the current version and what this stream’s holder may do.'),
  roster: z.object({ type: z.literal('roster'), participants: z.array(participantSchema) }).describe('Sent after hello: everyone present right now.'),
  op: z
    .object({
      type: z.literal('op'),
      version: int,
      opId: z.string().nullable(),
      clientId: z.string().nullable(),
      author: z.string(),
      changeset: changesetSchema,
      at: iso,
    })
    .describe('One accepted change, in server order; `changeset` is what it did to the stored document.'),
  reset: z
    .object({ type: z.literal('reset'), version: int, reason: z.enum(['saved', 'restored', 'gap']) })
    .describe('The document was replaced as a whole (or the stream missed operations): fetch it again.'),
  deleted: z.object({ type: z.literal('deleted') }).describe('The map was deleted; the stream ends.'),
  presence: z.object({ type: z.literal('presence'), participant: participantSchema }).describe('Someone joined or moved (selection, cursor, name).'),
  left: z
    .object({ type: z.literal('left'), clientId: z.string(), final: z.boolean().optional() })
    .describe('Someone left (final: the page said it is gone; without it, one of its streams closed and it may come back).'),
  votes: z
    .object({ type: z.literal('votes'), sessionId: z.string() })
    .describe('Dot voting changed (started, ballot placed, revealed, closed): fetch the vote state.'),
  walkthrough: z
    .object({
      type: z.literal('walkthrough'),
      presenter: z.object({ clientId: z.string(), name: z.string() }).nullable(),
      stageId: z.string().nullable(),
    })
    .describe('Walkthrough: the presenter moved to a stage (null: the walkthrough ended).'),
  versions: z.object({ type: z.literal('versions') }).describe('Named or automatic versions changed: fetch the list again.'),
  revoked: z.object({ type: z.literal('revoked'), linkId: z.string() }).describe('A share link was revoked: streams opened with it are closed.'),
} as const;

export const liveEventSchema = z
  .discriminatedUnion('type', Object.values(liveEventSchemas) as unknown as [(typeof liveEventSchemas)[keyof typeof liveEventSchemas]])
  .describe('The JSON `data:` of one server-sent event.');

// ── comments ─────────────────────────────────────────────────────────────────────────────

const mapVersion = int.describe("The map's version after the change.");
export const commentResponseSchema = z.object({ comment: commentSchema, version: mapVersion });
export const commentDeletedSchema = z.object({
  removed: int.describe('How many comments were removed (a thread takes its replies with it).'),
  version: mapVersion,
});

// ── versions ─────────────────────────────────────────────────────────────────────────────

export const versionMetaSchema = z.object({
  id: z.string(),
  kind: z.enum(VERSION_KINDS).describe('auto: a snapshot the server took; named: kept by someone; restore: kept before a restore.'),
  name: z.string(),
  author: z.string(),
  mapVersion: int.describe("The map's version number when the snapshot was taken."),
  createdAt: iso,
  title: z.string().describe("The map's title then."),
  summary: z.object({ stages: int, cards: int, mots: int, personas: int, comments: int }),
});
export const versionListSchema = z.object({ versions: z.array(versionMetaSchema).describe('Newest first.') });
export const versionCreatedSchema = z.object({ version: versionMetaSchema });
export const versionWithMapSchema = z.object({ version: versionMetaSchema, map: journeyMapShapeSchema });

const named = z.object({ id: z.string(), name: z.string() });
const renamed = z.object({ id: z.string(), from: z.string(), to: z.string() });
const listChanges = z.object({
  added: z.array(named),
  removed: z.array(named),
  renamed: z.array(renamed),
  moved: z.array(z.object({ id: z.string(), name: z.string(), from: int, to: int })),
});
const cardRef = z.object({ id: z.string(), title: z.string(), stage: z.string(), lane: z.string() });
const motRef = z.object({ id: z.string(), card: z.string(), who: z.string() });
export const mapComparisonSchema = z
  .object({
    title: z.object({ from: z.string(), to: z.string() }).nullable(),
    settings: z.array(z.enum(SETTING_FIELDS)),
    stages: listChanges,
    lanes: listChanges,
    cards: z.object({
      added: z.array(cardRef),
      removed: z.array(cardRef),
      moved: z.array(
        z.object({ id: z.string(), title: z.string(), fromStage: z.string(), toStage: z.string(), fromLane: z.string(), toLane: z.string() }),
      ),
      retitled: z.array(renamed),
      changed: z.array(z.object({ id: z.string(), title: z.string(), fields: z.array(z.enum(CARD_FIELDS)) })),
    }),
    emotions: z.array(
      z.object({
        personaId: z.string(),
        persona: z.string(),
        cardId: z.string(),
        card: z.string(),
        from: z.number().nullable(),
        to: z.number().nullable(),
        targetFrom: z.number().nullable().optional(),
        targetTo: z.number().nullable().optional(),
      }),
    ),
    mots: z.object({
      added: z.array(motRef),
      removed: z.array(motRef),
      changed: z.array(motRef.extend({ fields: z.array(z.enum(MOT_FIELDS)) })),
    }),
    personas: listChanges.extend({
      changed: z.array(z.object({ id: z.string(), name: z.string(), fields: z.array(z.enum(PERSONA_FIELDS)) })),
    }),
    comments: z.object({ from: int, to: int }),
    total: int.describe('How many differences are listed in all (0: the same content).'),
  })
  .describe('What changed between the version and the current map, matched by id and named in the map’s own words.');
export const versionCompareSchema = z.object({
  version: versionMetaSchema,
  mapVersion: int.describe("The current map's version."),
  comparison: mapComparisonSchema,
});
export const versionRestoreSchema = z.object({
  version: int.describe("The map's version after the restore."),
  kept: versionMetaSchema.describe('The snapshot of the map as it was before the restore (so the restore can be undone).'),
  restored: versionMetaSchema,
});

// ── votes ────────────────────────────────────────────────────────────────────────────────

const groupCounts = z.object({ love: int, like: int, dislike: int });
export const voteSessionSchema = z.object({
  id: z.string(),
  targetKind: z.enum(VOTE_TARGET_KINDS),
  dotsPerPerson: int,
  title: z.string(),
  status: z.enum(['open', 'revealed', 'closed']),
  createdAt: iso,
  revealedAt: iso.nullable(),
  appliedAt: iso.nullable(),
  voters: int.describe('People who placed at least one dot.'),
  myBallot: z
    .object({ name: z.string(), group: z.enum(CUSTOMER_GROUPS), dots: z.record(z.string(), int), updatedAt: iso })
    .nullable()
    .describe("The caller's own ballot (found by participantId), else null."),
  results: z
    .object({
      weights: mapSettingsSchema.shape.groupWeights.unwrap(),
      targets: z.array(
        z.object({ targetId: z.string(), raw: int, byGroup: groupCounts, weighted: z.number(), rank: int.describe('1 = best; unique.') }),
      ),
      voters: int,
      votersByGroup: groupCounts,
      totalDots: int,
      ballots: z.array(z.object({ name: z.string(), group: z.enum(CUSTOMER_GROUPS), dots: int })),
    })
    .nullable()
    .describe('Null until the reveal: while a vote is open nobody sees other people’s ballots.'),
});
export const votesStateSchema = z.object({
  current: voteSessionSchema.nullable().describe('The open or revealed session, if any.'),
  past: z.array(voteSessionSchema).describe('Closed sessions, newest first.'),
});
export const voteSessionResponseSchema = z.object({ session: voteSessionSchema });
export const voteApplyResponseSchema = z.object({
  session: voteSessionSchema,
  alreadyApplied: z.boolean(),
  applied: z.array(z.string()).describe('MOT ids whose votes were increased.'),
  missing: z.array(z.string()).describe('Voted MOTs no longer on the map.'),
  version: int.nullable().describe("The map's version after the change (null when it had been applied already)."),
});

// ── compile-time ties to the code's types ────────────────────────────────────────────────

/** Mutual assignability: the documented shape and the sent shape have the same fields and types. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type DeepMutable<T> = T extends readonly (infer U)[] ? DeepMutable<U>[] : T extends object ? { -readonly [K in keyof T]: DeepMutable<T[K]> } : T;
type Out<S extends z.ZodType> = z.output<S>;
type OpEvent = Extract<LiveEvent, { type: 'op' }>;

export const typeChecks = {
  shareLink: true satisfies Same<Out<typeof shareLinkSchema>, Omit<ShareLink, 'mapId'> & { path: string }>,
  role: true satisfies Same<Out<typeof roleSchema>, Role>,
  shareRole: true satisfies Same<Out<typeof shareRoleSchema>, ShareRole>,
  opResult: true satisfies Same<Out<typeof opResultSchema>, OpResult>,
  participant: true satisfies Same<Out<typeof participantSchema>, Participant>,
  eventTypes: true satisfies Same<keyof typeof liveEventSchemas, LiveEvent['type']>,
  // The op event's changeset is documented with the wire schema the ops route validates with.
  events: true satisfies Same<
    Exclude<Out<typeof liveEventSchema>, { type: 'op' }> | Omit<Extract<Out<typeof liveEventSchema>, { type: 'op' }>, 'changeset'>,
    Exclude<LiveEvent, OpEvent> | Omit<OpEvent, 'changeset'>
  >,
  versionMeta: true satisfies Same<Out<typeof versionMetaSchema>, Omit<VersionMeta, 'mapId'>>,
  comparison: true satisfies Same<Out<typeof mapComparisonSchema>, MapComparison>,
  voteSession: true satisfies Same<Out<typeof voteSessionSchema>, DeepMutable<ReturnType<typeof sessionView>>>,
} as const;
