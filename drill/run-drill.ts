// One drill: a request stream against the VIP, a named fault injected then restored while it runs, and the report.
import { ArgsError } from '../core/errors.ts';
import type { Fault, FaultContext } from './faults.ts';
import { buildReport, type DrillEvent, type DrillReport } from './report.ts';
import { runStream, type Sample } from './stream.ts';

/** When and how hard a drill runs. */
export interface DrillPlan {
  fault: Fault;
  /** The host the fault hits (default: the fault's own choice, asked before the stream starts). */
  target?: string;
  url: string;
  rate: number;
  durationS: number;
  /** Seconds into the stream the fault is injected. */
  faultAtS: number;
  /** Seconds into the stream the restore starts (≥ faultAtS). */
  restoreAtS: number;
  timeoutMs: number;
  /** Failures counted "after the fault settled" from this many seconds after the injection. */
  settleS: number;
}

/** Checks the numbers before anything runs. */
export function checkPlan(p: DrillPlan): void {
  const fail = (field: string, msg: string): never => { throw new ArgsError(msg, { field }); };
  if (!(p.rate > 0 && p.rate <= 200)) fail('rate', '--rate must be between 0 and 200 requests a second');
  if (!(p.durationS > 0)) fail('duration', '--duration must be a positive number of seconds');
  if (!(p.faultAtS >= 0 && p.faultAtS < p.durationS)) fail('fault-at', `--fault-at must fall within the stream (0 to ${p.durationS} s)`);
  if (!(p.restoreAtS >= p.faultAtS && p.restoreAtS <= p.durationS)) fail('restore-at', `--restore-at must fall between --fault-at (${p.faultAtS} s) and the end (${p.durationS} s)`);
  if (!(p.timeoutMs >= 50)) fail('timeout', '--timeout must be at least 50 ms');
}

/** Runs the drill; `log` sees each event as it happens. The fault is restored even if the injection failed halfway. */
export async function runDrill(p: DrillPlan, ctx: FaultContext, log: (line: string) => void = () => {}): Promise<DrillReport & { samples: Sample[] }> {
  checkPlan(p);
  if (p.fault.labOnly && !ctx.lab) throw new ArgsError(`fault ${p.fault.name} needs the lab (power, cables); on real hosts use apache or heartbeat`, { field: 'fault' });
  const target = p.target ?? (await p.fault.defaultTarget(ctx));
  const events: DrillEvent[] = [];
  const t0 = Date.now();
  const mark = (kind: DrillEvent['kind'], what: string) => {
    const e = { t: Date.now() - t0, kind, what };
    events.push(e);
    log(`${(e.t / 1000).toFixed(1).padStart(6)} s  ${kind}: ${what}`);
  };
  const sleepUntil = (s: number) => new Promise((r) => setTimeout(r, Math.max(0, t0 + s * 1000 - Date.now())));
  const stream = runStream({ url: p.url, rate: p.rate, durationS: p.durationS, timeoutMs: p.timeoutMs });
  /** Marks `start`, runs `action` and marks `done` with what it said, or with its failure (returned). */
  const step = async (start: 'fault' | 'restore', done: 'faulted' | 'restored', action: () => Promise<string>): Promise<unknown> => {
    mark(start, `${p.fault.name} on ${target}`);
    try {
      mark(done, await action());
      return undefined;
    } catch (e) {
      mark(done, `FAILED: ${(e as Error).message}`);
      return e;
    }
  };
  let injectError: unknown;
  let restoreError: unknown;
  const faults = (async () => {
    await sleepUntil(p.faultAtS);
    injectError = await step('fault', 'faulted', () => p.fault.inject(ctx, target));
    await sleepUntil(p.restoreAtS);
    restoreError = await step('restore', 'restored', () => p.fault.restore(ctx, target));
  })();
  const [samples] = await Promise.all([stream, faults]);
  if (injectError || restoreError) log(`the fault's ${injectError ? 'injection' : 'restore'} failed: the figures do not measure the fault as named`);
  const report = buildReport({ fault: p.fault.name, target, url: p.url, rate: p.rate, durationS: p.durationS, settleS: p.settleS }, samples, events);
  return { ...report, samples };
}
