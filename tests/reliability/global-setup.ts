/** Provides the figures file to every test file, and prints the summed figures at the very end. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { figuresLine, sumFigures } from './helpers/figures';

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'mot-reliability-'));
  const file = join(dir, 'figures.jsonl');
  project.provide('reliabilityFiguresFile', file);
  return () => {
    const total = sumFigures(existsSync(file) ? readFileSync(file, 'utf8') : '');
    rmSync(dir, { recursive: true, force: true });
    console.log(`\n${figuresLine(total)}`);
  };
}
