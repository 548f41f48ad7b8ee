/**
 * Profile the server under the benchmark's write load: `node --import tsx bench/profile-server.ts [seconds]`.
 * Starts the server with --cpu-prof, runs 20 clients (GET → PUT with If-Match), stops it gracefully
 * (the profile is written on exit) and prints where its CPU time went.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../tests/api/helpers/server';
import { serverLoad } from './lib/server-load';
import { printTop, summarise, type CpuProfile } from './lib/cpuprofile';
import { repoRoot } from './lib/build';

const seconds = Number(process.argv[2] ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'mot-server-prof-'));
const file = join(dir, 'server.cpuprofile');
const server = await startServer({
  env: { NODE_OPTIONS: `--import=${join(repoRoot, 'bench/lib/server-profiler.mjs')}`, MOT_CPU_PROFILE: file },
});
const ids: string[] = [];
for (let i = 0; i < 20; i++) {
  const r = await server.api('/api/maps', { method: 'POST', json: { locale: 'en', template: 'airline' } });
  ids.push(r.body.map.id as string);
}
const load = await serverLoad(server.baseUrl, ids, seconds);
console.log(`${load.editsPerSecond.toFixed(1)} edits/s, PUT p50 ${load.putP50.toFixed(1)} ms, p99 ${load.putP99.toFixed(1)} ms, lost ${load.lost}`);
await server.dispose();
if (!existsSync(file)) throw new Error(`no profile written to ${file}`);
console.log(`profile: ${file}`);
console.log(printTop('server CPU', summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, repoRoot), 30));
