// Stopping a run on SIGINT/SIGTERM: no new task starts, tasks in flight get a grace period, then their connections close.
import type { HostTaskResult } from './results.ts';

/** Exit codes of an interrupted run: 128 + the signal's number, as a shell reports it. */
export const INTERRUPT_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

export type InterruptSignal = keyof typeof INTERRUPT_EXIT;

/** How long tasks in flight may go on after the first signal before their connections are closed. */
export const DEFAULT_GRACE_MS = 3000;

/** One task on one host that was running when the interrupt came. */
interface InFlight {
  host: string;
  task: string;
  /** Set once it ended: its status, or 'aborted' when its connection was closed under it. */
  outcome?: string;
}

/**
 * The interrupt state of one run. `request()` (from a signal handler, or a test) stops new work;
 * the engine asks `requested` before starting a task on a host and wraps each one in `track()`.
 * After `graceMs` (or at a second request) `onAbort` callbacks run: the engine closes every
 * connection, so a write still in flight is abandoned by the host (see put-script.ts: the old
 * content stays). `report()` says what was in flight and how it ended.
 */
export class RunInterrupt {
  signal?: InterruptSignal;
  private aborted = false;
  private timer?: NodeJS.Timeout;
  private readonly aborters: (() => Promise<unknown>)[] = [];
  private readonly running = new Set<InFlight>();
  private readonly caught: InFlight[] = [];
  private listening?: () => void;

  constructor(readonly graceMs = DEFAULT_GRACE_MS) {}

  /** True once a signal came: start nothing new. */
  get requested(): boolean {
    return this.signal !== undefined;
  }

  /** The process exit code for the run (130, 143), or undefined when not interrupted. */
  get exitCode(): number | undefined {
    return this.signal ? INTERRUPT_EXIT[this.signal] : undefined;
  }

  /** First call: stop new work, abort in-flight work after the grace period. Second call: abort now. */
  request(signal: InterruptSignal): void {
    if (this.signal) {
      void this.abort();
      return;
    }
    this.signal = signal;
    this.caught.push(...this.running);
    if (!this.running.size) return void this.abort();
    this.timer = setTimeout(() => void this.abort(), this.graceMs);
    this.timer.unref();
  }

  /** Registers what aborting does (close connections); runs at once if already aborted. */
  onAbort(fn: () => Promise<unknown>): void {
    this.aborters.push(fn);
    if (this.aborted) void fn().catch(() => undefined);
  }

  /** Runs `work` as task `task` on `host`, remembered while it runs. */
  async track(host: string, task: string, work: () => Promise<HostTaskResult>): Promise<HostTaskResult> {
    const entry: InFlight = { host, task };
    this.running.add(entry);
    try {
      const r = await work();
      entry.outcome = this.aborted && r.status === 'unreachable' ? 'aborted' : r.status;
      return r;
    } catch (e) {
      entry.outcome = this.aborted ? 'aborted' : 'failed';
      throw e;
    } finally {
      this.running.delete(entry);
    }
  }

  /** Lines saying what was interrupted and how each task in flight ended ([] when not interrupted). */
  report(): string[] {
    if (!this.signal) return [];
    const lines = [`INTERRUPTED by ${this.signal}: no task was started after it${this.caught.length ? `; ${this.caught.length} in flight:` : '.'}`];
    for (const c of this.caught) {
      const how = c.outcome === 'aborted'
        ? `aborted after the ${this.graceMs / 1000} s grace period (a file being written keeps its old content)`
        : `finished: ${c.outcome ?? 'unknown'}`;
      lines.push(`  ${c.host}: task "${c.task}" ${how}`);
    }
    return lines;
  }

  /** Makes SIGINT and SIGTERM of this process call request() until close(); a third signal exits at once. */
  listen(): this {
    let count = 0;
    const on = (sig: InterruptSignal) => (): void => {
      if (++count >= 3) process.exit(INTERRUPT_EXIT[sig]);
      this.request(sig);
    };
    const handlers = { SIGINT: on('SIGINT'), SIGTERM: on('SIGTERM') };
    process.on('SIGINT', handlers.SIGINT);
    process.on('SIGTERM', handlers.SIGTERM);
    this.listening = () => {
      process.off('SIGINT', handlers.SIGINT);
      process.off('SIGTERM', handlers.SIGTERM);
    };
    return this;
  }

  /** Stops listening for signals and cancels a pending abort (the run is over). */
  close(): void {
    this.listening?.();
    this.listening = undefined;
    clearTimeout(this.timer);
  }

  private async abort(): Promise<void> {
    if (this.aborted) return;
    this.aborted = true;
    clearTimeout(this.timer);
    await Promise.all(this.aborters.map((fn) => fn().catch(() => undefined)));
  }
}
