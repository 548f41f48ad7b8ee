#!/usr/bin/env node
/**
 * `npm test`: typecheck, lint (0 warnings), unit + API tests (Vitest), build, browser tests
 * (Playwright in Debian's Chromium). Each check and each test counts; the last line is
 * `N passed, N failed` summed over everything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const want = (name) => only.length === 0 || only.includes(name);
let passed = 0;
let failed = 0;
const lines = [];

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}
function check(name, ok) {
  if (ok) passed++;
  else failed++;
  lines.push(`${ok ? 'PASS' : 'FAIL'} ${name}`);
}

mkdirSync('test-results', { recursive: true });

if (want('typecheck')) check('typecheck (tsc --noEmit)', run('npx', ['tsc', '-p', '.', '--noEmit']));
if (want('lint')) check('lint (eslint, 0 warnings)', run('npx', ['eslint', '.', '--max-warnings', '0']));

/** Run Vitest with a JSON report and add its counts. `prefix` runs it through another command. */
function vitest(label, projects, out, prefix = [], extra = []) {
  rmSync(out, { force: true });
  const args = ['vitest', 'run', ...extra, ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile=${out}`];
  const ok = prefix.length ? run(prefix[0], [...prefix.slice(1), 'npx', ...args]) : run('npx', args);
  if (!existsSync(out)) {
    // with-postgres exits 0 without a report when this machine has no PostgreSQL server.
    if (!ok) check(`${label} (no report)`, false);
    else lines.push(`${label}: skipped (nothing ran)`);
    return;
  }
  const r = JSON.parse(readFileSync(out, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  lines.push(`${label}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests ?? 0} skipped`);
  if (!ok && !r.numFailedTests) check(`${label} (run failed: ${r.numFailedTestSuites ?? 0} files could not run)`, false);
}

if (want('unit') || want('api')) vitest('vitest (' + ['unit', 'api'].filter(want).join(', ') + ', embedded PGlite)', ['unit', 'api'].filter(want), 'test-results/vitest.json');
// The same API suite against a real PostgreSQL server (a throwaway cluster), where one is installed.
if (want('pg')) vitest('vitest (api on PostgreSQL)', ['api'], 'test-results/vitest-pg.json', ['node', 'scripts/with-postgres.mjs', '--']);

// Crash (kill -9), concurrency, hostile-input fuzzing and XSS against the real server and browser.
if (want('reliability')) vitest('vitest (reliability)', [], 'test-results/vitest-reliability.json', [], ['--config', 'vitest.reliability.config.ts']);

/** Run Playwright with a JSON report and add its counts. `prefix` runs it through another command. */
function playwright(label, out, args, prefix = []) {
  rmSync(out, { force: true });
  const cmd = [...prefix, 'npx', 'playwright', 'test', ...args, '--reporter=list,json'];
  const ok = run(cmd[0], cmd.slice(1), { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  if (existsSync(out)) {
    const s = JSON.parse(readFileSync(out, 'utf8')).stats ?? {};
    const p = (s.expected ?? 0) + (s.flaky ?? 0);
    const f = s.unexpected ?? 0;
    passed += p;
    failed += f;
    lines.push(`${label}: ${p} passed, ${f} failed, ${s.skipped ?? 0} skipped`);
    if (!ok && f === 0) check(`${label} run`, false);
  } else if (prefix.length && ok) {
    // with-postgres exits 0 without running anything when this machine has no PostgreSQL server.
    lines.push(`${label}: skipped (nothing ran)`);
  } else check(`${label} run (no report)`, false);
}

let built = null; // the SPA in dist/, built once for the browser steps
const build = () => {
  if (built === null) {
    built = run('npx', ['vite', 'build', '--logLevel', 'warn']);
    check('build (vite build)', built);
  }
  return built;
};

if (want('e2e') && build()) playwright('playwright', 'test-results/playwright.json', []);

// One browser on each of two app instances sharing a throwaway PostgreSQL: live co-editing across
// instances, and kill -9 of one instance while its browser is connected (playwright.multi.config.ts).
if (want('e2e-pg') && build()) {
  playwright('playwright (2 instances on PostgreSQL)', 'test-results/playwright-pg.json', ['--config', 'playwright.multi.config.ts'], ['node', 'scripts/with-postgres.mjs', '--']);
}

console.log('\n── summary ──');
for (const l of lines) console.log(l);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
