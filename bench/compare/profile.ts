// Bench: summarizes a V8 .cpuprofile (node --cpu-prof) as the functions with the most self time, and time per area (tsible, modules, ssh2, loader, node).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** One line of the summary. */
export interface SelfTime {
  /** `file:line function` (paths relative to the repo). */
  where: string;
  /** Self time, ms. */
  ms: number;
  /** Share of the profile's total time, %. */
  pct: number;
}

/** A profile's self time by function and by area. */
export interface ProfileSummary {
  totalMs: number;
  top: SelfTime[];
  areas: SelfTime[];
  /** Busy time (not idle, not GC) charged to the nearest tsible function on the stack (core/, modules/, bin/), or to the library frame at the root when none. */
  byTsibleFrame: SelfTime[];
}

/** Reads `file` and sums sample time per function (self time) and per area. */
export function summarizeProfile(file: string, repoRoot: string, topN = 20): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const rel = (url: string) => url.replace(/^file:\/\//, '').replace(repoRoot + '/', '');
  const label = (f: ProfileNode['callFrame']) => `${rel(f.url)}:${f.lineNumber + 1} ${f.functionName || '(anonymous)'}`;
  const ours = (url: string) => /^(core|modules|bin)\//.test(rel(url));
  const selfMs = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) selfMs.set(p.samples[i], (selfMs.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  const totalMs = (p.endTime - p.startTime) / 1000;
  const fn = new Map<string, number>();
  const area = new Map<string, number>();
  const charged = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const f = byId.get(id)!.callFrame;
    const url = f.url.replace(/^file:\/\//, '').replace(repoRoot + '/', '');
    const where = url ? `${url}:${f.lineNumber + 1} ${f.functionName || '(anonymous)'}` : f.functionName || '(anonymous)';
    fn.set(where, (fn.get(where) ?? 0) + ms);
    area.set(areaOf(url, f.functionName), (area.get(areaOf(url, f.functionName)) ?? 0) + ms);
    if (!f.url && ['(idle)', '(garbage collector)', '(program)', '(root)'].includes(f.functionName)) continue;
    let at: number | undefined = id;
    let top = id;
    while (at !== undefined && !ours(byId.get(at)!.callFrame.url)) {
      if (byId.get(at)!.callFrame.url) top = at;
      at = parent.get(at);
    }
    const key = at !== undefined ? label(byId.get(at)!.callFrame) : `(no tsible frame) ${label(byId.get(top)!.callFrame)}`;
    charged.set(key, (charged.get(key) ?? 0) + ms);
  }
  const rows = (m: Map<string, number>, n: number): SelfTime[] =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([where, ms]) => ({ where, ms, pct: (100 * ms) / totalMs }));
  return { totalMs, top: rows(fn, topN), areas: rows(area, 20), byTsibleFrame: rows(charged, topN) };
}

/** Which part of the run a frame belongs to. */
function areaOf(url: string, name: string): string {
  if (!url) return name === '(idle)' ? '(idle: waiting for the network)' : name === '(garbage collector)' ? '(garbage collector)' : `(${name || 'native'})`;
  if (url.includes('node_modules/ssh2/')) return 'ssh2 (SSH protocol, crypto)';
  if (url.includes('node_modules/tsx/') || url.includes('node_modules/esbuild/') || url.includes('node_modules/get-tsconfig/')) return 'tsx loader (TypeScript → JS at run time)';
  if (url.includes('node_modules/typescript/')) return 'typescript compiler package';
  if (url.includes('node_modules/')) return `node_modules/${url.split('node_modules/')[1].split('/')[0]}`;
  if (url.startsWith('node:')) return 'node built-ins';
  if (url.startsWith('core/') || url.startsWith('modules/') || url.startsWith('bin/')) return url.split('/').slice(0, 2).join('/');
  return url;
}

/** Markdown for a summary. */
export function profileMarkdown(title: string, s: ProfileSummary): string {
  const fmt = (r: SelfTime) => `| ${r.where.replace(/\|/g, '\\|')} | ${r.ms.toFixed(0)} | ${r.pct.toFixed(1)} |`;
  return [
    `#### ${title} (${(s.totalMs / 1000).toFixed(2)} s profiled)`,
    '',
    '| area | self ms | % |',
    '|---|---:|---:|',
    ...s.areas.map(fmt),
    '',
    '| function (self time) | ms | % |',
    '|---|---:|---:|',
    ...s.top.map(fmt),
    '',
    '| busy time charged to the nearest tsible function on the stack (libraries and node below it included) | ms | % |',
    '|---|---:|---:|',
    ...s.byTsibleFrame.map(fmt),
    '',
  ].join('\n');
}
