// The arguments command and shell share (creates, removes, chdir, stdin, output trimming, timeout), and their resolution.
import type { ArgSpecs } from '../../core/args.ts';
import { ArgsError, type ErrorLocation } from '../../core/errors.ts';
import { isSecret, Secret } from '../../core/secret.ts';
import { peelFreeForm } from './free-form.ts';

/** Arguments shared by command and shell. */
export interface ExecCommonArgs {
  /** A path (or glob pattern): when it exists, the command is not run (status ok). Relative paths are relative to `chdir`. */
  creates?: string;
  /** A path (or glob pattern): when it does NOT exist, the command is not run (status ok). Relative paths are relative to `chdir`. */
  removes?: string;
  /** Directory to run the command in (it must exist). */
  chdir?: string;
  /** Text written to the command's standard input (a Secret is never printed). */
  stdin?: string | Secret;
  /** Append a newline to `stdin` (default true, as Ansible). */
  stdinAddNewline?: boolean;
  /** Remove trailing newlines from stdout and stderr in the result (default true, as Ansible). */
  stripEmptyEnds?: boolean;
  /** Kill the command and fail after this many seconds (default: the connection's command timeout). */
  timeout?: number;
}

/** ArgSpecs of ExecCommonArgs. */
export const execCommonSpecs: ArgSpecs = {
  creates: { type: 'string', description: 'A path or glob: when it exists, the command is not run (status ok). Relative to chdir.' },
  removes: { type: 'string', description: 'A path or glob: when it does NOT exist, the command is not run (status ok). Relative to chdir.' },
  chdir: { type: 'string', description: 'Directory to run the command in.' },
  stdin: { type: 'string', description: "Text written to the command's standard input." },
  stdinAddNewline: { type: 'bool', description: 'Append a newline to stdin.', default: true, aliases: ['stdin_add_newline'] },
  stripEmptyEnds: { type: 'bool', description: 'Remove trailing newlines from stdout and stderr in the result.', default: true, aliases: ['strip_empty_ends'] },
  timeout: { type: 'int', description: 'Kill the command and fail after this many seconds.' },
};

/** Leading `key=value` words a free-form `cmd` may start with (Ansible's free form). */
const FREE_FORM_KEYS = ['creates', 'removes', 'chdir'] as const;

/** What command and shell run, resolved from their arguments. */
export interface ExecSpec {
  /** Module name, for errors. */
  module: string;
  /** The argv, or `{ shell }` for a script run by sh -c. */
  command: readonly (string | Secret)[] | { readonly shell: string | Secret };
  /** The command for the result's `cmd` field (argv list for command, script for shell), secrets as ***. */
  cmd: string[] | string;
  /** One line for people (summary, messages), secrets as ***. */
  display: string;
  /** Skip the command when this path or glob matches (relative to chdir). */
  creates?: string;
  /** Skip the command unless this path or glob matches (relative to chdir). */
  removes?: string;
  /** Working directory of the command. */
  chdir?: string;
  /** stdin as sent (newline added if asked). */
  stdin?: string | Secret;
  /** Per-command limit in milliseconds (undefined: the connection's default). */
  timeoutMs?: number;
  /** Trim trailing newlines of stdout/stderr in the result. */
  stripEmptyEnds: boolean;
}

/**
 * Takes leading `creates=… removes=… chdir=…` (and `extraKeys`) words off a free-form `cmd` and merges them
 * into the arguments; a key given both ways is an ArgsError. A Secret `cmd` is left as is.
 */
export function withFreeForm<A extends ExecCommonArgs & { cmd?: string | Secret }>(
  args: A,
  moduleName: string,
  where: ErrorLocation,
  extraKeys: readonly string[] = [],
): A {
  if (typeof args.cmd !== 'string') return args;
  const { options, rest } = peelFreeForm(args.cmd, [...FREE_FORM_KEYS, ...extraKeys], { ...where, field: 'cmd' });
  const out: Record<string, unknown> = { ...(args as Record<string, unknown>), cmd: rest };
  for (const [key, value] of Object.entries(options)) {
    if ((args as Record<string, unknown>)[key] !== undefined) {
      throw new ArgsError(`module ${moduleName}: "${key}" is given both as an argument and in cmd`, { ...where, field: key });
    }
    out[key] = value;
  }
  return out as A;
}

/** The common part of an ExecSpec from the common arguments. */
export function commonSpec(args: ExecCommonArgs): Pick<ExecSpec, 'creates' | 'removes' | 'chdir' | 'stdin' | 'timeoutMs' | 'stripEmptyEnds'> {
  let stdin = args.stdin;
  if (stdin !== undefined && args.stdinAddNewline !== false) {
    stdin = isSecret(stdin) ? new Secret(stdin.reveal() + '\n') : stdin + '\n';
  }
  return {
    creates: args.creates,
    removes: args.removes,
    chdir: args.chdir,
    stdin,
    timeoutMs: args.timeout === undefined ? undefined : args.timeout * 1000,
    stripEmptyEnds: args.stripEmptyEnds !== false,
  };
}

/** Checks the common arguments that the spec cannot (empty paths, a non-positive timeout). */
export function validateCommon(args: ExecCommonArgs, moduleName: string, where: ErrorLocation): void {
  for (const key of ['creates', 'removes', 'chdir'] as const) {
    if (isSecret(args[key])) throw new ArgsError(`module ${moduleName}: ${key} cannot be a secret`, { ...where, field: key });
    if (args[key] === '') throw new ArgsError(`module ${moduleName}: ${key} must not be empty`, { ...where, field: key });
  }
  if (args.timeout !== undefined && args.timeout <= 0) {
    throw new ArgsError(`module ${moduleName}: timeout must be a positive number of seconds`, { ...where, field: 'timeout' });
  }
}
