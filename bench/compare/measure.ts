// Bench measurement: runs one command, timing its wall clock and sampling the memory of its whole process tree from /proc.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** What one run cost. */
export interface Measured {
  /** Wall time from spawn to exit, ms. */
  wallMs: number;
  /** Exit status (or -1 when killed by a signal). */
  code: number;
  stdout: string;
  stderr: string;
  /** Peak of the summed PSS of every process of the run (sampled), KiB: memory the run really held, shared pages split fairly. */
  peakPssKb: number;
  /** Peak of the summed RSS of those processes (sampled), KiB: an upper bound (shared pages counted once per process). */
  peakRssSumKb: number;
  /** Largest single process's maximum RSS (getrusage via GNU time), KiB. */
  maxRssKb: number;
  /** User + system CPU of the command and its waited-for children (GNU time), s. */
  cpuS: number;
  /** Most processes seen at once. */
  peakProcs: number;
}

/** Options for `measure`. */
export interface MeasureOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Processes outside the tree that still belong to the run (Ansible's ControlPersist masters detach): cmdline contains this. */
  alsoCmdline?: string;
  /** Sampling period, ms (default 100). */
  sampleMs?: number;
  /** Kill the run (SIGKILL, tree) after this long, ms. */
  timeoutMs?: number;
}

/** Runs `argv` under GNU time, sampling the PSS/RSS of its process tree every `sampleMs`. */
export async function measure(argv: string[], o: MeasureOptions = {}): Promise<Measured> {
  const timeFile = `/tmp/tsible-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const t0 = performance.now();
  const child = spawn('/usr/bin/time', ['-o', timeFile, '-f', '%M %U %S', ...argv], { env: o.env, cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let peakPssKb = 0;
  let peakRssSumKb = 0;
  let peakProcs = 0;
  const extra = new Map<number, boolean>();
  // Finding the tree reads every process's stat: with 1,000 bench hosts (sshd's and their sessions) that is thousands
  // of reads per sample, CPU taken from the run measured. A tool whose tree is stable (tsible, the floor: node and at
  // most esbuild's service) has it found again once a second; Ansible's (short-lived forks) at every sample.
  const rescanEvery = o.alsoCmdline ? 1 : 10;
  let samples = 0;
  let pids: number[] = [];
  const sample = (): void => {
    if (samples++ % rescanEvery === 0) pids = treeOf(child.pid!, o.alsoCmdline, extra);
    let pss = 0;
    let rss = 0;
    for (const p of pids) {
      const m = memoryOf(p);
      pss += m.pss;
      rss += m.rss;
    }
    peakPssKb = Math.max(peakPssKb, pss);
    peakRssSumKb = Math.max(peakRssSumKb, rss);
    peakProcs = Math.max(peakProcs, pids.length);
  };
  const timer = setInterval(sample, o.sampleMs ?? 100);
  const killer = o.timeoutMs ? setTimeout(() => killAll(child.pid!), o.timeoutMs) : undefined;
  const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? -1)));
  const wallMs = performance.now() - t0;
  clearInterval(timer);
  if (killer) clearTimeout(killer);
  await new Promise((r) => setImmediate(r));
  let maxRssKb = 0;
  let cpuS = 0;
  try {
    const [m, u, s] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    maxRssKb = m;
    cpuS = u + s;
  } catch {
    /* time wrote nothing (killed) */
  }
  rmSync(timeFile, { force: true });
  return { wallMs, code, stdout, stderr, peakPssKb, peakRssSumKb, maxRssKb, cpuS, peakProcs };
}

/** PIDs of `root` and its descendants, plus processes whose cmdline contains `also` (cached per PID in `extra`). */
function treeOf(root: number, also: string | undefined, extra: Map<number, boolean>): number[] {
  const children = new Map<number, number[]>();
  const outside: number[] = [];
  for (const d of readdirSync('/proc')) {
    const c = d.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    const pid = Number(d);
    let stat: string;
    try {
      stat = readFileSync(`/proc/${d}/stat`, 'latin1');
    } catch {
      continue;
    }
    const close = stat.lastIndexOf(')');
    const ppid = Number(stat.slice(close + 4, stat.indexOf(' ', close + 4)));
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
    if (also && stat.slice(stat.indexOf('(') + 1, close) === 'ssh') outside.push(pid);
  }
  const out: number[] = [];
  const queue = [root];
  const seen = new Set<number>();
  while (queue.length) {
    const p = queue.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    out.push(p);
    for (const c of children.get(p) ?? []) queue.push(c);
  }
  for (const p of outside) {
    if (seen.has(p)) continue;
    let mine = extra.get(p);
    if (mine === undefined) {
      try {
        mine = readFileSync(`/proc/${p}/cmdline`, 'latin1').includes(also!);
      } catch {
        mine = false;
      }
      extra.set(p, mine);
    }
    if (mine) out.push(p);
  }
  return out;
}

/** PSS and RSS of one process, KiB (0 when it is gone or a kernel thread). */
function memoryOf(pid: number): { pss: number; rss: number } {
  try {
    const text = readFileSync(join('/proc', String(pid), 'smaps_rollup'), 'latin1');
    const pss = /^Pss:\s+(\d+)/m.exec(text);
    const rss = /^Rss:\s+(\d+)/m.exec(text);
    return { pss: pss ? Number(pss[1]) : 0, rss: rss ? Number(rss[1]) : 0 };
  } catch {
    return { pss: 0, rss: 0 };
  }
}

/** SIGKILLs `root` and its descendants. */
export function killAll(root: number): void {
  for (const p of treeOf(root, undefined, new Map()).reverse()) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

/** PIDs of live processes whose cmdline contains `text` (the ControlPersist masters of a control path dir). */
export function pidsWithCmdline(text: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${d}/cmdline`, 'latin1').includes(text)) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}
