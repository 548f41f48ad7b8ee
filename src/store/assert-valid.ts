/**
 * Dev/test helper: throw a readable error unless `doc` is a complete, valid journey map.
 * Beyond `journeyMapSchema.parse`, it also fails when parsing would *change* the document
 * (a command that forgot a defaulted field such as `description: ''`).
 * Not for production paths: O(document).
 */
import { journeyMapSchema, type JourneyMap } from '../domain/schema';
import { describeZodError } from '../domain/validation';
import { deepEqual } from './equal';

export function assertValid(doc: unknown): asserts doc is JourneyMap {
  const result = journeyMapSchema.safeParse(doc);
  if (!result.success) {
    const lines = describeZodError(result.error).map((p) => `  ${p.path || '(document)'}: ${p.message}`);
    throw new Error(`Invalid journey map:\n${lines.join('\n')}`);
  }
  if (!deepEqual(result.data, doc)) {
    throw new Error('Journey map is incomplete: parsing it would fill in defaults (a field is missing)');
  }
}
