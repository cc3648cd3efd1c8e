// Runs one module on one host: resolve and check arguments, gather facts, plan, then apply unless in check mode.
import { ArgsError, TsibleError, type ErrorLocation } from '../errors.ts';
import { binaryArgs, parseArgs } from '../args.ts';
import type { Change, Module, ModuleContext, StepResult } from '../module.ts';
import { checkReceivable } from '../receivable.ts';
import type { ArgsOf } from '../task.ts';
import type { Become, Transport } from '../transport/transport.ts';
import { Host, readingContext } from './host.ts';
import { maskAll, maskDeep, secretsIn } from './secrets-in.ts';
import { holdsJinjaCode, templateCode } from '../template/template-value.ts';

/** Where the module runs: a Host of a run (its transport and facts), or a bare transport (a fresh Host around it). */
export type RunModuleTarget = { host: Host; transport?: undefined } | { transport: Transport; host?: undefined };

export type RunModuleInput<A = any> = RunModuleTarget & {
  module: Module<A>;
  /** Literal arguments, ad hoc strings already split into an object, or a function of the host's vars. */
  args: ArgsOf<A> | Record<string, unknown>;
  /** The name errors and the module see (default the host's). */
  hostName?: string;
  vars?: Record<string, unknown>;
  check?: boolean;
  diff?: boolean;
  /** Folder templates and files are found relative to (default: cwd). */
  baseDir?: string;
  /** sudo settings for the task (Host.becomeFor); undefined = the login user. */
  become?: Become;
  /** Where errors point (task name, playbook file). */
  where?: ErrorLocation;
};

/** What one module run did on one host. */
export interface ModuleRun {
  status: 'ok' | 'changed' | 'failed' | 'skipped';
  /** The planned changes (applied unless check). Diffs and summaries have secrets masked. */
  changes: Change[];
  /** Result data for register / --json: module output plus changed, failed, msg. */
  data: Record<string, unknown>;
  error?: Error;
  msg?: string;
}

/** Resolves ArgsOf (a function of vars, or a literal, rendered when it holds `{{ }}`), then validates it against the module's specs. Throws ArgsError. */
export function prepareArgs<A>(module: Module<A>, raw: unknown, vars: Record<string, unknown>, where: ErrorLocation = {}): A {
  let value = raw;
  if (typeof raw === 'function') {
    try {
      value = (raw as (v: Record<string, unknown>) => unknown)(vars);
    } catch (e) {
      throw new ArgsError(`the arguments function of module ${module.name} threw: ${(e as Error).message}`, where, { cause: e });
    }
  } else if (holdsJinjaCode(raw)) {
    // Literal arguments holding `{{ }}` render with the host's vars, as Ansible's do (and tsible's ad hoc -a).
    value = templateCode(raw, vars, { label: 'task arguments', where, revealInStrings: true });
  }
  const args = parseArgs<A>(module.name, module.args, value, where);
  checkReceivable(args, where, binaryArgs(module.args));
  module.validate?.(args, where);
  return args;
}

/** Runs `module` once. Never throws: every failure (arguments, connection, command) is a failed ModuleRun. */
export async function runModule<A>(input: RunModuleInput<A>): Promise<ModuleRun> {
  const host = input.host ?? Host.over(input.transport, input.hostName);
  const hostName = input.hostName ?? host.name;
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
    const ctx = host.context({ vars, baseDir: input.baseDir ?? process.cwd(), check, diff: input.diff ?? false, become: input.become, where, mask });
    const gathered = await input.module.gather(readingContext(ctx), args);
    changes = input.module.plan(args, gathered);
    let results: StepResult[] = [];
    if (!check && changes.length) {
      try {
        results = await applyChanges(ctx, changes);
      } finally {
        ctx.facts.invalidate(); // every user's facts; also after a partial apply: later tasks (ignoreErrors) must not read stale facts
      }
    }
    const output = input.module.output?.(args, gathered, results, check) ?? {};
    // The module may fail the task from what its steps printed (output `failed: true` with `msg`).
    const failed = output.failed === true;
    const msg = input.module.message?.(args, gathered, changes) ?? (typeof output.msg === 'string' ? output.msg : undefined);
    // A module may skip in check mode (command/shell without creates/removes, as Ansible): neither changed nor ok.
    const skipped = output.skipped === true && !failed;
    const changed = changes.length > 0 && !skipped;
    const data = maskDeep({ ...output, changed, failed, ...(msg !== undefined ? { msg } : {}) }, secrets);
    const shown = msg === undefined ? undefined : mask(msg);
    if (failed) {
      const error = new TsibleError(shown ?? `module ${input.module.name} reported a failure`, where);
      return { status: 'failed', changes: maskChanges(changes, mask), data, error, msg: shown };
    }
    return { status: skipped ? 'skipped' : changed ? 'changed' : 'ok', changes: maskChanges(changes, mask), data, msg: shown };
  } catch (e) {
    const error = asMaskedError(e, mask, where);
    return { status: 'failed', changes: maskChanges(changes, mask), data: { changed: false, failed: true, msg: error.message }, error, msg: error.message };
  }
}

/** Runs every step of every change in order on the host; the first failing step stops the task. Each step's result, in order (empty for writes). */
async function applyChanges(ctx: ModuleContext, changes: Change[]): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const change of changes) {
    for (const step of change.steps) {
      const started = performance.now();
      let result: StepResult;
      if (step.kind === 'run') {
        result = await ctx.mustRun(step.command, { ...step.options, stdin: step.stdin ?? step.options?.stdin, okCodes: step.okCodes });
      } else if (step.kind === 'put') {
        await ctx.put(step.path, step.content, { mode: step.mode, owner: step.owner, group: step.group });
        result = { code: 0, stdout: '', stderr: '' };
      } else {
        result = (await step.call(ctx)) ?? { code: 0, stdout: '', stderr: '' };
      }
      results.push({ ...result, durationMs: performance.now() - started });
    }
  }
  return results;
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
