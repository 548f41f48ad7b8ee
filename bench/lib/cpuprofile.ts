/** Summarise a V8 .cpuprofile: self and inclusive time per function (name, file:line). */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  fn: string;
  selfMs: number;
  totalMs: number;
}

function label(n: ProfileNode, root: string): string {
  const f = n.callFrame;
  const url = f.url.replace(/^file:\/\//, '').replace(root, '').replace(/^https?:\/\/[^/]+/, '');
  return `${f.functionName || '(anonymous)'} ${url ? `${url}:${f.lineNumber + 1}` : ''}`.trim();
}

export function summarise(profile: CpuProfile, root = ''): { totalMs: number; top: FunctionTime[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    all += dt;
    const node = byId.get(id);
    if (!node) return;
    const own = label(node, root);
    self.set(own, (self.get(own) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (!n) break;
      const l = label(n, root);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + dt);
    }
  });
  const top = [...total.keys()].map((fn) => ({ fn, selfMs: self.get(fn) ?? 0, totalMs: total.get(fn) ?? 0 }));
  return { totalMs: all, top };
}

export function printTop(title: string, s: { totalMs: number; top: FunctionTime[] }, n = 20): string {
  const lines = [`${title} (${Math.round(s.totalMs)} ms sampled)`];
  lines.push('  by self time:');
  for (const f of [...s.top].sort((a, b) => b.selfMs - a.selfMs).slice(0, n)) lines.push(`    ${f.selfMs.toFixed(0).padStart(6)} ms self  ${f.totalMs.toFixed(0).padStart(6)} ms total  ${f.fn}`);
  lines.push('  by inclusive time:');
  for (const f of [...s.top].sort((a, b) => b.totalMs - a.totalMs).slice(0, n)) lines.push(`    ${f.totalMs.toFixed(0).padStart(6)} ms total  ${f.selfMs.toFixed(0).padStart(6)} ms self  ${f.fn}`);
  return lines.join('\n');
}
