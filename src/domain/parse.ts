import { journeyMapSchema, type JourneyMap } from './schema';
import { migrateDocument, SchemaVersionError } from './migrations';
import { describeZodError, type FieldProblem } from './validation';

export type ParseMapResult =
  | { ok: true; map: JourneyMap; migratedFrom: number }
  | { ok: false; kind: 'version' | 'invalid'; message: string; problems: FieldProblem[] };

/** Migrate then validate any raw document. Never throws. */
export function parseJourneyMap(raw: unknown): ParseMapResult {
  let migrated;
  try {
    migrated = migrateDocument(raw);
  } catch (e) {
    if (e instanceof SchemaVersionError) return { ok: false, kind: 'version', message: e.message, problems: [] };
    throw e;
  }
  const result = journeyMapSchema.safeParse(migrated.doc);
  if (!result.success) {
    const problems = describeZodError(result.error);
    return {
      ok: false,
      kind: 'invalid',
      message: `The journey map is not valid: ${problems.length} problem${problems.length === 1 ? '' : 's'} found`,
      problems,
    };
  }
  return { ok: true, map: result.data, migratedFrom: migrated.fromVersion };
}
