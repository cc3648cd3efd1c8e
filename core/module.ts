// The module contract: read facts → pure plan → apply. Check mode is the same plan with apply skipped.
import type { Command } from './quote.ts';
import type { Secret } from './secret.ts';
import type { ErrorLocation } from './errors.ts';
import type { RunOptions, RunResult, Transport } from './transport/transport.ts';
import type { ArgSpecs } from './args.ts';
import type { FactCache } from './facts.ts';
import type { TaskOptions, ModuleCall, ArgsOf } from './task.ts';

/** One action that closes part of the gap between the host and the wanted state. Never run in check mode. */
export type Step =
  /** Run a command; any exit status outside okCodes (default [0]) fails the task. */
  | { kind: 'run'; command: Command; stdin?: string | Buffer | Secret; okCodes?: number[]; options?: RunOptions }
  /** Write a file atomically with its final mode (see Transport.put). */
  | { kind: 'put'; path: string; content: string | Buffer | Secret; mode: number; owner?: string; group?: string }
  /** An action that cannot be one command (e.g. waiting); `describe` is what check mode shows. */
  | { kind: 'call'; describe: string; call: (ctx: ModuleContext) => Promise<RunResult | void> };

/** A file's content before and after a change, for --diff. Secret content is masked before printing. */
export interface FileDiff {
  path: string;
  before: string;
  after: string;
}

/** One difference between the host and the wanted state, and the steps that remove it. */
export interface Change {
  /** One line for people: 'net.ipv4.ip_forward: 0 → 1'. */
  summary: string;
  diff?: FileDiff;
  steps: Step[];
}

/** What each applied step returned, in order (put and void calls give an empty result). */
export type StepResult = RunResult & {
  /** Wall time the step took, in milliseconds (set by the engine when it applies the step). */
  durationMs?: number;
};

/** Everything a module may use on one host during one task. */
export interface ModuleContext {
  /** Inventory name of the host. */
  hostName: string;
  /** The host's merged variables for this task (inventory, play, extra vars, registered results, item). */
  vars: Record<string, unknown>;
  /** Folder of the playbook (templates and files are found relative to it); cwd for ad hoc runs. */
  baseDir: string;
  check: boolean;
  diff: boolean;
  /** Facts gathered on demand and cached for this host (setup facts and others). */
  facts: FactCache;
  /** Runs a command with the task's become settings; a non-zero exit is a result, not an exception. */
  run(command: Command, options?: RunOptions): Promise<RunResult>;
  /** Like run, but throws CommandError (naming the host and task) unless the exit status is in okCodes (default [0]). */
  mustRun(command: Command, options?: RunOptions & { okCodes?: number[] }): Promise<RunResult>;
  /** Atomic file write with the task's become settings. */
  put(path: string, content: string | Buffer | Secret, options: { mode: number; owner?: string; group?: string }): Promise<void>;
  /** The raw connection, for modules that need it (rare). */
  transport: Transport;
  /** Where errors should point (host and task). */
  where: ErrorLocation;
}

/** Text shown by `tsible modules NAME`. */
export interface ModuleDoc {
  /** One line: what the module manages. */
  summary: string;
  /** What "changed" means for this module. */
  changed: string;
  /** What check mode does. */
  checkMode: string;
  /** Where the module deliberately behaves otherwise than Ansible's module of the same name, and why (one sentence each). */
  ansibleDifferences?: string[];
  /** Example calls, as TypeScript or ad hoc. */
  examples?: string[];
}

/** A module: a plugin that reads facts, plans the changes, and lets the engine apply them. */
export interface ModuleDefinition<Args, Facts> {
  /** Name used by ad hoc (-m NAME), output and docs. */
  readonly name: string;
  readonly doc: ModuleDoc;
  /** Argument specs: validation, coercion of ad hoc strings, defaults and docs. */
  readonly args: ArgSpecs;
  /** Extra checks after the spec (field combinations); throws ArgsError naming the field. */
  validate?(args: Args, where: ErrorLocation): void;
  /** Read-only: gathers what plan needs. Must change nothing on the host. */
  gather(ctx: ModuleContext, args: Args): Promise<Facts>;
  /** Pure: the changes that bring the host from `facts` to `args`. [] means converged. */
  plan(args: Args, facts: Facts): Change[];
  /**
   * Data returned to `register` (and --json), from the facts and what the steps printed.
   * `failed: true` fails the task after its steps ran (e.g. a command's non-zero exit), with `msg` as the reason;
   * a string `msg` is the result message when `message` gives none.
   */
  output?(args: Args, facts: Facts, results: StepResult[], check: boolean): Record<string, unknown>;
  /** Human message for the result line (e.g. 'pong'). */
  message?(args: Args, facts: Facts, changes: Change[]): string | undefined;
}

/** A module object that is also the typed task builder: `apt({ name: 'apache2' }, { name: 'Install' })`. */
export type Module<Args = any, Facts = any> = ModuleDefinition<Args, Facts> & {
  (args: ArgsOf<Args>, options?: TaskOptions): ModuleCall<Args> & TaskOptions;
};

/** Declares a module; the result is both the plugin and its typed task builder. */
export function defineModule<Args, Facts>(def: ModuleDefinition<Args, Facts>): Module<Args, Facts> {
  const builder = (args: ArgsOf<Args>, options: TaskOptions = {}) => ({ ...options, module: moduleObject, args });
  // A function's own `name` is read-only, so it is defined rather than assigned.
  const { name, ...rest } = def;
  const moduleObject = Object.assign(builder, rest) as unknown as Module<Args, Facts>;
  Object.defineProperty(moduleObject, 'name', { value: name });
  return moduleObject;
}

/** True for objects made by defineModule (used when loading plugin modules). */
export function isModule(value: unknown): value is Module {
  return typeof value === 'function' && typeof (value as Module).plan === 'function' && typeof (value as Module).gather === 'function';
}
