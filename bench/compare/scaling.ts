// Bench report parts for growth with the host count: issue 13's goals, the wall / tool CPU / memory table from the smallest to the largest host count, and its gnuplot plot.

/** One cell of the results (median wall and CPU, peak memory) as main.ts computes it. */
export interface ScaleRow {
  hosts: number;
  set: string;
  kind: 'first' | 'converged';
  tool: string;
  wallMs: number;
  cpuS: number;
  /** Largest single process's peak RSS, MiB. */
  maxRssMb: number;
  /** Peak PSS of all the run's processes, MiB. */
  pssMb: number;
  valid: number;
}

const KINDS = ['first', 'converged'] as const;
const fin = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x);
const verdict = (ok: boolean | undefined) => (ok === undefined ? '—' : ok ? 'met' : '**missed**');
/** Memory as issue 13 counts it: the largest process or the PSS of all, whichever is more, in MB (10^6 bytes). */
const memMb = (r: ScaleRow | undefined) => (r && r.valid ? Math.max(r.maxRssMb, r.pssMb) * 1.048576 : undefined);

/**
 * Issue 13's goals: tsible ÷ floor ≤ 1.15 at 20 and 150 hosts and ≤ 1.10 at 1,000 (both sets, first and converged);
 * tsible's peak memory ≤ 150 MB at 150 hosts and ≤ 300 MB at 1,000; Ansible ÷ tsible ≥ 15 on the pyinfra set at 20 hosts
 * (Ansible at its best: the faster of plain Ansible and Ansible + Mitogen).
 */
export function goalsTable(rows: ScaleRow[], sets: string[]): string {
  const cell = (n: number, set: string, kind: string, tool: string) => rows.find((r) => r.hosts === n && r.set === set && r.kind === kind && r.tool === tool && r.valid);
  const counts = [...new Set(rows.map((r) => r.hosts))].filter((n) => [20, 150, 1000].includes(n)).sort((a, b) => a - b);
  const lines = ['Goals (issue 13), at the host counts measured of 20, 150 and 1,000:', '', '| hosts | set | run | tsible ÷ floor (goal) | tsible peak memory (goal) | best Ansible ÷ tsible (goal ≥ 15 at 20 hosts, pyinfra) |', '|---:|---|---|---|---|---|'];
  for (const n of counts)
    for (const set of sets)
      for (const kind of KINDS) {
        const t = cell(n, set, kind, 'tsible');
        const f = cell(n, set, kind, 'floor');
        const ansibles = ['ansible', 'mitogen'].map((x) => cell(n, set, kind, x)).filter((r): r is ScaleRow => !!r && fin(r.wallMs));
        const best = ansibles.length ? Math.min(...ansibles.map((r) => r.wallMs)) : undefined;
        const tf = t && f ? t.wallMs / f.wallMs : undefined;
        const goalTf = n >= 1000 ? 1.1 : 1.15;
        const mem = memMb(t);
        const goalMem = n >= 1000 ? 300 : n >= 150 ? 150 : undefined;
        const af = t && fin(best) ? best / t.wallMs : undefined;
        const afGoal = n === 20 && set === 'pyinfra';
        lines.push(
          `| ${n} | ${set} | ${kind} | ${fin(tf) ? tf.toFixed(2) : '—'} (≤ ${goalTf.toFixed(2)}): ${verdict(fin(tf) ? tf <= goalTf : undefined)} ` +
            `| ${fin(mem) ? `${mem.toFixed(0)} MB` : '—'}${goalMem ? ` (≤ ${goalMem}): ${verdict(fin(mem) ? mem <= goalMem : undefined)}` : ''} ` +
            `| ${fin(af) ? af.toFixed(1) : '—'}${afGoal ? `: ${verdict(fin(af) ? af >= 15 : undefined)}` : ''} |`,
        );
      }
  return lines.join('\n');
}

/**
 * How tsible and the floor grow with the host count: wall, CPU of the tool and peak memory per host count, and the
 * memory each further host adds (the slope from the smallest to the largest count).
 */
export function scalingTable(rows: ScaleRow[], sets: string[], tools = ['tsible', 'floor']): string {
  const counts = [...new Set(rows.map((r) => r.hosts))].sort((a, b) => a - b);
  if (counts.length < 2) return '';
  const out: string[] = [];
  for (const set of sets)
    for (const kind of KINDS) {
      const get = (n: number, tool: string) => rows.find((r) => r.hosts === n && r.set === set && r.kind === kind && r.tool === tool && r.valid);
      if (!counts.some((n) => get(n, 'tsible'))) continue;
      out.push(`Set ${set}, ${kind} run:`, '');
      out.push(`| hosts | ${tools.map((t) => `${t} wall (s) | ${t} CPU (s) | ${t} peak RSS (MiB)`).join(' | ')} | tsible ÷ floor, wall | tsible ÷ floor, CPU |`);
      out.push(`|---:|${tools.map(() => '---:|---:|---:').join('|')}|---:|---:|`);
      for (const n of counts) {
        const cells = tools.map((t) => {
          const r = get(n, t);
          return r ? `${(r.wallMs / 1000).toFixed(2)} | ${r.cpuS.toFixed(1)} | ${r.maxRssMb.toFixed(0)}` : '— | — | —';
        });
        const t = get(n, 'tsible');
        const f = get(n, 'floor');
        out.push(`| ${n} | ${cells.join(' | ')} | ${t && f ? (t.wallMs / f.wallMs).toFixed(2) : '—'} | ${t && f ? (t.cpuS / f.cpuS).toFixed(2) : '—'} |`);
      }
      // From the smallest to the largest host count each tool has a valid run for.
      const slope = (tool: string): string => {
        const have = counts.filter((n) => get(n, tool));
        if (have.length < 2) return `${tool} —`;
        const [lo, hi] = [have[0], have[have.length - 1]];
        return `${tool} ${(((get(hi, tool)!.maxRssMb - get(lo, tool)!.maxRssMb) * 1024) / (hi - lo)).toFixed(0)} KiB (${lo} → ${hi} hosts)`;
      };
      out.push('', `Memory each further host adds (peak RSS of the largest process): ${tools.map(slope).join(', ')}.`, '');
    }
  return out.join('\n').trimEnd();
}

/** A gnuplot script: wall time, CPU of the tool and peak RSS against hosts (one panel each, both run kinds of `set`), one line per tool and kind. */
export function scalingPlot(rows: ScaleRow[], set: string, png: string, tools: string[]): string {
  const counts = [...new Set(rows.map((r) => r.hosts))].sort((a, b) => a - b);
  const metrics: [string, string, (r: ScaleRow) => number][] = [
    ['wall time (s)', 'Median wall time', (r) => r.wallMs / 1000],
    ['CPU of the tool (s)', 'CPU of the tool (user + system)', (r) => r.cpuS],
    ['peak RSS, largest process (MiB)', 'Peak memory', (r) => r.maxRssMb],
  ];
  const blocks: string[] = [];
  const panels: string[] = [];
  for (const [ylabel, title, value] of metrics) {
    const plots: string[] = [];
    for (const tool of tools)
      for (const kind of KINDS) {
        const points = counts.map((n) => rows.find((r) => r.hosts === n && r.set === set && r.kind === kind && r.tool === tool && r.valid)).filter((r): r is ScaleRow => !!r && fin(value(r)));
        if (!points.length) continue;
        const name = `$s${blocks.length}`;
        blocks.push(`${name} << EOD\n${points.map((r) => `${r.hosts} ${value(r).toFixed(3)}`).join('\n')}\nEOD`);
        plots.push(`${name} using 1:2 with linespoints lw 2 pt 7 dt ${kind === 'first' ? 1 : 2} title '${tool}, ${kind}'`);
      }
    panels.push(`set ylabel '${ylabel}'\nset title '${title}, set ${set}'\n${plots.length ? `plot ${plots.join(', ')}` : 'plot [0:1] [1:10] NaN notitle'}`);
  }
  return [
    `set terminal pngcairo size 1500,450 font 'sans,10'`,
    `set output '${png}'`,
    ...blocks,
    `set multiplot layout 1,3 title 'Growth with the number of hosts (loopback sshd hosts)'`,
    "set xlabel 'hosts'",
    'set logscale xy',
    'set grid',
    'set key top left',
    `set xtics (${counts.join(', ')})`,
    ...panels,
    'unset multiplot',
  ].join('\n') + '\n';
}
