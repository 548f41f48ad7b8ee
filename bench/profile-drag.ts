/**
 * Profile one drag on a generated map: `node --import tsx bench/profile-drag.ts 300 card|point`.
 * Prints the wall time of 30 pointer moves and the functions with the most self time (CPU profile).
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMap } from './generate-map';

const port = 4811;
const srv = spawn('node', ['--import', 'tsx', 'server/index.ts'], { cwd: '/work/main', env: { ...process.env, PORT: String(port), DATA_DIR: mkdtempSync(join(tmpdir(), 'prof-')) }, stdio: 'ignore' });
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 120; i++) { try { if ((await fetch(`${base}/api/health`)).ok) break; } catch { /* not up yet */ } await new Promise(r => setTimeout(r, 500)); }
const size = Number(process.argv[2] ?? 300);
const map = generateMap(size);
async function ownerHeaders(b: string): Promise<Record<string, string>> {
  const session = (await (await fetch(`${b}/api/session`)).json()) as { workspaceKey: string };
  return { authorization: `Bearer ${session.workspaceKey}` };
}
const res = await fetch(`${base}/api/maps/import`, { method: 'POST', headers: { 'content-type': 'application/json', ...(await ownerHeaders(base)) }, body: JSON.stringify(map) });
const { map: saved } = await res.json() as { map: { id: string } };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(`${base}/maps/${saved.id}`);
await page.getByTestId('touchpoint-card').first().waitFor();
await page.waitForTimeout(1500);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
const mode = process.argv[3] ?? 'point';
const target = mode === 'point' ? page.getByTestId('emotion-point').nth(3) : page.getByTestId('touchpoint-card').nth(2);
await target.scrollIntoViewIfNeeded();
const box = (await target.boundingBox())!;
await cdp.send('Profiler.start');
const t0 = Date.now();
await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
await page.mouse.down();
for (let i = 1; i <= 30; i++) await page.mouse.move(box.x + box.width / 2 + (mode === 'point' ? 0 : i * 6), box.y + box.height / 2 + (mode === 'point' ? (i % 10) * 6 - 30 : i * 2));
await page.mouse.up();
const elapsed = Date.now() - t0;
const { profile } = await cdp.send('Profiler.stop');
const self = new Map<string, number>();
const dt = profile.timeDeltas ?? [];
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
(profile.samples ?? []).forEach((id, i) => {
  const n = byId.get(id)!; const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
});
console.log(`drag ${mode} at ${size}: ${elapsed} ms for 30 moves`);
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0).padStart(6)} ms  ${k}`).join('\n'));
await browser.close(); srv.kill();
