// Lab test helper: one tsible transport per lab host for a suite, and runModule on it (closed after the suite).
import { runModule, type ModuleRun } from '../../../core/engine/run-module.ts';
import type { Module } from '../../../core/module.ts';
import { openTransport } from '../../../core/transport/open.ts';
import type { Transport } from '../../../core/transport/transport.ts';
import type { LabFixture } from '../../support/lab.ts';

/**
 * Runs modules on lab hosts through tsible's own SSH transport (jump host included), one persistent connection per
 * host for the suite: the shared lab's jump host is a slow TCG VM, and a fresh OpenSSH login per check (lab.exec)
 * sometimes misses the 5 s ConnectTimeout under load. Call inside a describe.
 */
export function useLabRunner(lab: LabFixture): {
  run<A>(host: string, module: Module<A>, args: unknown, opts?: { check?: boolean; diff?: boolean }): Promise<ModuleRun>;
  transport(host: string): Transport;
  /** Runs an argv on the host over the suite's own connection (plain Transport.run, no module code): state checks. */
  exec(host: string, argv: string[]): Promise<{ stdout: string; stderr: string; code: number }>;
} {
  const open = new Map<string, Transport>();
  const transport = (host: string): Transport => {
    let t = open.get(host);
    if (!t) {
      // 60 s to connect: the jump host lb1 is a TCG VM shared by every engineer's tests and often slow to answer.
      t = openTransport(host, { ...lab.connection(host), connectTimeoutMs: 60_000 }, { sshConfigFile: null, agentSocket: null });
      open.set(host, t);
    }
    return t;
  };
  after(async () => {
    await Promise.all([...open.values()].map((t) => t.close()));
    open.clear();
  });
  return {
    transport,
    async exec(host, argv) {
      const r = await transport(host).run(argv, { timeoutMs: 600_000 });
      return { stdout: r.stdout, stderr: r.stderr, code: r.code ?? 255 };
    },
    run: (host, module, args, opts = {}) =>
      runModule({ module, args: args as never, transport: transport(host), check: opts.check, diff: opts.diff ?? true, where: { task: `test ${module.name}` } }),
  };
}

/** Throws with the run's error message when it failed (so a failing test shows why). */
export function expectNotFailed(run: ModuleRun): ModuleRun {
  if (run.status === 'failed') throw new Error(`module run failed: ${run.msg ?? run.error?.message}`, { cause: run.error });
  return run;
}

