/** The wire form of a change set (src/store/history.ts), checked before the server applies it. */
import { z } from 'zod';
import { COLLECTION_KEYS } from '../../src/store/history';

/** Top-level fields a client may change through an operation. */
export const EDITABLE_FIELDS = ['title', 'description', 'locale', 'settings'] as const;

const id = z.string().min(1).max(64);

const entityChange = z.strictObject({ id, before: z.unknown().optional(), after: z.unknown().optional() });

const collectionChange = z.strictObject({
  key: z.enum(COLLECTION_KEYS),
  entities: z.array(entityChange).max(50_000),
  order: z.strictObject({ before: z.array(id).max(50_000), after: z.array(id).max(50_000) }).optional(),
  whole: z.strictObject({ before: z.unknown().optional(), after: z.unknown().optional() }).optional(),
});

const fieldChange = z.strictObject({ key: z.enum(EDITABLE_FIELDS), before: z.unknown().optional(), after: z.unknown().optional() });

export const changesetSchema = z.strictObject({
  fields: z.array(fieldChange).max(EDITABLE_FIELDS.length),
  collections: z.array(collectionChange).max(COLLECTION_KEYS.length),
});

export const opRequestSchema = z.strictObject({
  /** Unique per operation, chosen by the client: a resent operation is applied once. */
  opId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, - or _'),
  clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, - or _'),
  /** The version the change was made against (informational: the server merges three-way). */
  baseVersion: z.number().int().min(0),
  author: z.string().max(80).default(''),
  changeset: changesetSchema,
});
export type OpRequest = z.infer<typeof opRequestSchema>;
