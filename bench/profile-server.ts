/**
 * Profile the server under the benchmark's write load:
 * `node --import tsx bench/profile-server.ts [seconds] [ops|put|both] [--no-profile]`.
 * Starts the server with bench/lib/server-profiler.mjs preloaded, creates the maps, then measures
 * only the load: 20 clients (`ops`: small change sets to POST /ops; `put`: GET → PUT with
 * If-Match; default `ops`). Prints the load figures, the server's CPU time per acknowledged edit
 * (a figure that depends far less on what else runs on the machine than edits/s) and, unless
 * --no-profile, where its CPU time went.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer } from '../tests/api/helpers/server';
import { serverLoad, type LoadMode } from './lib/server-load';
import { printTop, summarise, type CpuProfile } from './lib/cpuprofile';
import { repoRoot } from './lib/build';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const profile = !process.argv.includes('--no-profile');
const seconds = Number(args[0] ?? 10);
const which = args[1] ?? 'ops';
const modes: LoadMode[] = which === 'both' ? ['ops', 'put'] : [which === 'put' ? 'put' : 'ops'];
const dir = mkdtempSync(join(tmpdir(), 'mot-server-prof-'));
const server = await startServer({
  env: {
    NODE_OPTIONS: `--import=${join(repoRoot, 'bench/lib/server-profiler.mjs')}`,
    MOT_CPU_PROFILE: join(dir, 'server.cpuprofile'),
    MOT_CPU_PROFILE_OFF: profile ? '0' : '1',
  },
});
const pid = Number(readFileSync(join(dir, 'server.cpuprofile.pid'), 'utf8'));

async function measured(file: string): Promise<{ cpuMs: number; profile: CpuProfile | null }> {
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 200 && !existsSync(`${file}.cpu.json`); i++) await sleep(50);
  const cpu = JSON.parse(readFileSync(`${file}.cpu.json`, 'utf8')) as { user: number; system: number };
  return { cpuMs: (cpu.user + cpu.system) / 1000, profile: existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CpuProfile) : null };
}

try {
  for (const mode of modes) {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await server.api('/api/maps', { method: 'POST', json: { locale: 'en', template: 'airline' } });
      ids.push(r.body.map.id as string);
    }
    // A fresh profile per mode: the profiler module reads MOT_CPU_PROFILE once, so modes share the file name.
    const file = join(dir, 'server.cpuprofile');
    for (const f of [file, `${file}.cpu.json`]) if (existsSync(f)) (await import('node:fs')).rmSync(f);
    process.kill(pid, 'SIGUSR2');
    const load = await serverLoad(server.baseUrl, ids, seconds, mode);
    const { cpuMs, profile: prof } = await measured(file);
    console.log(
      `${mode}: ${load.editsPerSecond.toFixed(1)} edits/s, p50 ${load.writeP50.toFixed(1)} ms, p99 ${load.writeP99.toFixed(1)} ms, ` +
        `${load.conflicts} × 409, ${load.errors} errors, lost ${load.lost} of ${load.acked} (request ${load.bodyBytes} B, doc ${load.docBytes} B); ` +
        `server CPU ${(cpuMs / Math.max(1, load.edits)).toFixed(3)} ms per edit (${Math.round(cpuMs)} ms in ${seconds} s)`,
    );
    if (profile && prof) console.log(printTop(`server CPU (${mode})`, summarise(prof, repoRoot), 40));
  }
} finally {
  await server.dispose();
}
