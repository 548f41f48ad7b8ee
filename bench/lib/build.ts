/**
 * Builds for the benchmark and the reliability suite. The app is served from `dist/` when that build
 * is newer than every source file; otherwise it is built into a private temp directory (served with
 * DIST_DIR), so that other people's Playwright runs, which read `dist/`, are never disturbed by a
 * rebuild in the middle of their run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** The newest modification time of anything that goes into the app bundle. */
export function appSourcesMtime(): number {
  return Math.max(
    ...['src', 'public', 'index.html', 'vite.config.ts', 'tailwind.config.ts', 'package-lock.json'].map((p) => newestMtime(join(repoRoot, p))),
  );
}

function viteBuild(args: string[], label: string): void {
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`vite build (${label}) failed:\n${r.stdout}\n${r.stderr}`);
  console.error(`  built ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export interface AppBuild {
  distDir: string;
  /** 'dist' when the repository's dist/ was fresh, 'rebuilt' when built into a temp dir. */
  source: 'dist' | 'rebuilt';
}

/** A build of the app that is at least as new as its sources. */
export function ensureAppBuild(opts: { log?: boolean } = {}): AppBuild {
  const dist = join(repoRoot, 'dist');
  const index = join(dist, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= appSourcesMtime()) return { distDir: dist, source: 'dist' };
  const out = join(tmpdir(), `mot-bench-app-${process.pid}`);
  if (opts.log !== false) console.error('  dist/ is missing or older than src/: building the app into a temp dir');
  viteBuild(['--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], 'app');
  return { distDir: out, source: 'rebuilt' };
}

/** Build the bare React Flow baseline page (bench/baseline) into a temp dir. */
export function buildBaseline(): string {
  const out = join(tmpdir(), `mot-bench-baseline-${process.pid}`);
  viteBuild(['--config', join(repoRoot, 'bench/vite.baseline.config.ts'), '--outDir', out, '--emptyOutDir'], 'baseline');
  return out;
}

/** Build the export harness page (bench/export-harness: src/export in a page) into a temp dir. */
export function buildHarness(): string {
  const out = join(tmpdir(), `mot-bench-harness-${process.pid}`);
  viteBuild(['--config', join(repoRoot, 'bench/vite.harness.config.ts'), '--outDir', out, '--emptyOutDir'], 'export harness');
  return out;
}
