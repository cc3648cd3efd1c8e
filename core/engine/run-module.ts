// Runs one module on one host: resolve and check arguments, gather facts, plan, then apply unless in check mode.
import { ArgsError, TsibleError, type ErrorLocation } from '../errors.ts';
import { parseArgs } from '../args.ts';
import { checkReceivable } from '../receivable.ts';
import type { FactCache } from '../facts.ts';
import type { Change, Module, StepResult } from '../module.ts';
import type { ArgsOf } from '../task.ts';
import type { Become, Transport } from '../transport/transport.ts';
import { createFactCache } from './fact-cache.ts';
import { createModuleContext } from './module-context.ts';
import { maskAll, maskDeep, secretsIn } from './secrets-in.ts';
import { applyChanges } from './apply.ts';

export interface RunModuleInput<A = any> {
  module: Module<A>;
  /** Literal arguments, ad hoc strings already split into an object, or a function of the host's vars. */
  args: ArgsOf<A> | Record<string, unknown>;
  transport: Transport;
  hostName?: string;
  vars?: Record<string, unknown>;
  check?: boolean;
  diff?: boolean;
  /** Folder templates and files are found relative to (default: cwd). */
  baseDir?: string;
  become?: Become;
  /** The host's fact cache (default: a fresh one). */
  facts?: FactCache;
  /** Where errors point (task name, playbook file). */
  where?: ErrorLocation;
}

/** What one module run did on one host. */
export interface ModuleRun {
  status: 'ok' | 'changed' | 'failed';
  /** The planned changes (applied unless check). Diffs and summaries have secrets masked. */
  changes: Change[];
  /** Result data for register / --json: module output plus changed, failed, msg. */
  data: Record<string, unknown>;
  error?: Error;
  msg?: string;
}

/** Resolves ArgsOf (a function of vars, or a literal), then validates it against the module's specs. Throws ArgsError. */
export function prepareArgs<A>(module: Module<A>, raw: unknown, vars: Record<string, unknown>, where: ErrorLocation = {}): A {
  let value = raw;
  if (typeof raw === 'function') {
    try {
      value = (raw as (v: Record<string, unknown>) => unknown)(vars);
    } catch (e) {
      throw new ArgsError(`the arguments function of module ${module.name} threw: ${(e as Error).message}`, where, { cause: e });
    }
  }
  const args = parseArgs<A>(module.name, module.args, value, where);
  checkReceivable(args, where, new Set(Object.entries(module.args).filter(([, s]) => s.binary).map(([n]) => n)));
  module.validate?.(args, where);
  return args;
}

/** Runs `module` once. Never throws: every failure (arguments, connection, command) is a failed ModuleRun. */
export async function runModule<A>(input: RunModuleInput<A>): Promise<ModuleRun> {
  const hostName = input.hostName ?? input.transport.hostName;
  const where: ErrorLocation = { host: hostName, ...input.where };
  const vars = input.vars ?? {};
  const secrets = secretsIn(vars);
  secretsIn(input.args, secrets);
  const mask = (t: string): string => maskAll(t, secrets);
  const check = input.check ?? false;
  let changes: Change[] = [];
  try {
    const args = prepareArgs(input.module, input.args, vars, where);
    secretsIn(args, secrets);
    const facts = input.facts ?? createFactCache(hostName, (c, o) => input.transport.run(c, { become: input.become, ...o }));
    const ctx = createModuleContext({
      transport: input.transport, hostName, vars, baseDir: input.baseDir ?? process.cwd(), check,
      diff: input.diff ?? false, facts, become: input.become, where, mask,
    });
    const gathered = await input.module.gather(ctx, args);
    changes = input.module.plan(args, gathered);
    let results: StepResult[] = [];
    if (!check && changes.length) {
      try {
        results = await applyChanges(ctx, changes);
      } finally {
        facts.invalidate(); // also after a partial apply: later tasks (ignoreErrors) must not read stale facts
      }
    }
    const output = input.module.output?.(args, gathered, results, check) ?? {};
    // The module may fail the task from what its steps printed (output `failed: true` with `msg`).
    const failed = output.failed === true;
    const msg = input.module.message?.(args, gathered, changes) ?? (typeof output.msg === 'string' ? output.msg : undefined);
    const changed = changes.length > 0;
    const data = maskDeep({ ...output, changed, failed, ...(msg !== undefined ? { msg } : {}) }, secrets);
    const shown = msg === undefined ? undefined : mask(msg);
    if (failed) {
      const error = new TsibleError(shown ?? `module ${input.module.name} reported a failure`, where);
      return { status: 'failed', changes: maskChanges(changes, mask), data, error, msg: shown };
    }
    return { status: changed ? 'changed' : 'ok', changes: maskChanges(changes, mask), data, msg: shown };
  } catch (e) {
    const error = asMaskedError(e, mask, where);
    return { status: 'failed', changes: maskChanges(changes, mask), data: { changed: false, failed: true, msg: error.message }, error, msg: error.message };
  }
}

function maskChanges(changes: Change[], mask: (t: string) => string): Change[] {
  return changes.map((c) => ({
    ...c,
    summary: mask(c.summary),
    diff: c.diff ? { path: c.diff.path, before: mask(c.diff.before), after: mask(c.diff.after) } : undefined,
  }));
}

/** Errors raised without a host (e.g. from plan(), which gets no location) are re-made naming the host and task. */
const RELOCATABLE = new Set(['TsibleError', 'ArgsError', 'FactError', 'TimeoutError']);

function asMaskedError(e: unknown, mask: (t: string) => string, where: ErrorLocation): Error {
  if (e instanceof TsibleError && !e.where.host && RELOCATABLE.has(e.name)) {
    const Kind = e.constructor as new (m: string, w: ErrorLocation, o?: { cause?: unknown }) => TsibleError;
    e = new Kind(e.message, { host: where.host, task: where.task }, { cause: e });
  }
  if (e instanceof Error) {
    const masked = mask(e.message);
    if (masked !== e.message) {
      const copy = new TsibleError(masked, {}, { cause: undefined });
      copy.name = e.name;
      return copy;
    }
    return e;
  }
  return new TsibleError(mask(String(e)), where);
}
