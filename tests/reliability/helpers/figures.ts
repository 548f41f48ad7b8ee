/**
 * Figures of the reliability run, summed over all test files: each file appends its counts to a
 * JSON-lines file whose path the global setup provides; the global teardown prints the total.
 */
import { appendFileSync } from 'node:fs';
import { inject } from 'vitest';

export interface Figures {
  cases: number;
  faults: number;
  acked: number;
  found: number;
  lost: number;
  serverErrors: number;
}

export const ZERO: Figures = { cases: 0, faults: 0, acked: 0, found: 0, lost: 0, serverErrors: 0 };

declare module 'vitest' {
  export interface ProvidedContext {
    reliabilityFiguresFile: string;
  }
}

export function recordFigures(part: Partial<Figures>): void {
  appendFileSync(inject('reliabilityFiguresFile'), `${JSON.stringify({ ...ZERO, ...part })}\n`);
}

export function sumFigures(lines: string): Figures {
  const total = { ...ZERO };
  for (const line of lines.split('\n')) {
    if (!line.trim()) continue;
    const f = JSON.parse(line) as Figures;
    for (const k of Object.keys(total) as (keyof Figures)[]) total[k] += f[k] ?? 0;
  }
  return total;
}

export function figuresLine(f: Figures): string {
  return `reliability: ${f.cases} cases, ${f.faults} faults, ${f.acked} acked, ${f.found} found, ${f.lost} lost, ${f.serverErrors} server errors`;
}
