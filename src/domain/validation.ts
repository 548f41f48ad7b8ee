import type { z } from 'zod';

export interface FieldProblem {
  /** A dotted path such as `touchpoints.3.title`; empty for the whole document. */
  path: string;
  message: string;
}

export function pathToString(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/** Turn zod issues into a flat list of field problems with readable paths. */
export function describeZodError(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ path: pathToString(issue.path), message: issue.message }));
}
