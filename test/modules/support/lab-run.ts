// Lab test helper: one tsible transport per lab host for a suite, and runModule on it (closed after the suite).
import { runModule, type ModuleRun } from '../../../core/engine/run-module.ts';
import type { Module } from '../../../core/module.ts';
import { openTransport } from '../../../core/transport/open.ts';
import type { Transport } from '../../../core/transport/transport.ts';
import type { LabFixture } from '../../support/lab.ts';

/** Runs modules on lab hosts through tsible's own SSH transport (jump host included). Call inside a describe. */
export function useLabRunner(lab: LabFixture): {
  run<A>(host: string, module: Module<A>, args: unknown, opts?: { check?: boolean; diff?: boolean }): Promise<ModuleRun>;
  transport(host: string): Transport;
} {
  const open = new Map<string, Transport>();
  const transport = (host: string): Transport => {
    let t = open.get(host);
    if (!t) {
      t = openTransport(host, lab.connection(host), { sshConfigFile: null, agentSocket: null });
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
    run: (host, module, args, opts = {}) =>
      runModule({ module, args: args as never, transport: transport(host), check: opts.check, diff: opts.diff ?? true, where: { task: `test ${module.name}` } }),
  };
}

/** Throws with the run's error message when it failed (so a failing test shows why). */
export function expectNotFailed(run: ModuleRun): ModuleRun {
  if (run.status === 'failed') throw new Error(`module run failed: ${run.msg ?? run.error?.message}`, { cause: run.error });
  return run;
}
