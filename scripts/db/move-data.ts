/**
 * Copy every map — with its share links, versions, votes and operation log — and the workspace
 * settings from one database to another, then check the counts (see move.ts):
 *
 *   npm run db:move -- --from-data-dir ./data --to-url postgres://user@host/db
 *   npm run db:move -- --from-url postgres://… --to-data-dir ./other-data
 *
 * The target is migrated first. Rows are copied as they are (ids, documents, versions, tokens,
 * timestamps); a row whose key already exists in the target is never overwritten — it is reported
 * as skipped, and the run fails if its content differs. At the end every source row must be in the
 * target with the same content, or the command exits 1. Stop the servers on the source first.
 */
import { resolve } from 'node:path';
import { openDatabase } from '../../server/db/database';
import { moveData } from './move';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function target(prefix: 'from' | 'to'): { dataDir: string; databaseUrl: string | undefined } | null {
  const url = arg(`${prefix}-url`);
  const dir = arg(`${prefix}-data-dir`);
  if (url && dir) return null;
  if (url) return { dataDir: '', databaseUrl: url };
  if (dir) return { dataDir: resolve(dir), databaseUrl: undefined };
  return null;
}

async function main(): Promise<void> {
  const fromCfg = target('from');
  const toCfg = target('to');
  if (!fromCfg || !toCfg) {
    console.error('usage: npm run db:move -- (--from-data-dir DIR | --from-url URL) (--to-data-dir DIR | --to-url URL)');
    process.exit(2);
  }
  const from = await openDatabase(fromCfg);
  const to = await openDatabase(toCfg);
  try {
    const r = await moveData(from, to);
    for (const [name, t] of Object.entries(r.tables)) {
      console.log(
        `${name.padEnd(18)} in source: ${t.source}; copied: ${t.copied}; already in target (not overwritten): ${t.skipped}; mismatched: ${t.mismatched.length}`,
      );
    }
    for (const w of r.warnings) console.warn(`warning: ${w}`);
    if (!r.ok) {
      for (const [name, t] of Object.entries(r.tables)) {
        if (t.mismatched.length) console.error(`${name}: these rows differ between source and target: ${t.mismatched.join(', ')}`);
      }
      process.exitCode = 1;
    } else console.log('Counts checked: every source row is in the target with the same content.');
  } finally {
    await from.close();
    await to.close();
  }
}

await main();
