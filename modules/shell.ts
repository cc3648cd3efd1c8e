// The shell module: runs the user's script with sh -c (or another shell) on the host; creates/removes make it idempotent.
import { ArgsError, type ErrorLocation } from '../core/errors.ts';
import { defineModule } from '../core/module.ts';
import { toDisplay } from '../core/quote.ts';
import { isSecret, MASK, type Secret } from '../core/secret.ts';
import { commonSpec, execCommonSpecs, validateCommon, withFreeForm, type ExecCommonArgs, type ExecSpec } from './exec/exec-args.ts';
import { gatherExec, outputExec, planExec, type ExecFacts } from './exec/exec-run.ts';

/** The default shell: the script goes through core/quote.ts's `{ shell }` form, `sh -c SCRIPT`. */
const DEFAULT_SHELL = '/bin/sh';

/** Arguments of the shell module. */
export interface ShellArgs extends ExecCommonArgs {
  /**
   * The shell script (pipes, redirections, $VARS, globs…). It is the user's own shell code, run as written:
   * put variable values into it with quoteWord() from tsible's API. It may start with
   * `creates=… removes=… chdir=… executable=…` words (Ansible's free form).
   */
  cmd: string | Secret;
  /** The shell that runs `cmd` with `-c` (default /bin/sh), e.g. /bin/bash. */
  executable?: string;
}

/** What shell runs, from its (validated) arguments. */
export function shellSpec(raw: ShellArgs, where: ErrorLocation = {}): ExecSpec {
  const args = withFreeForm(raw, 'shell', where, ['executable']);
  const script = args.cmd;
  if (!isSecret(script) && script.trim() === '') throw new ArgsError('module shell: cmd has no command in it', { ...where, field: 'cmd' });
  const executable = args.executable ?? DEFAULT_SHELL;
  const shown = isSecret(script) ? MASK : script;
  return {
    module: 'shell',
    command: executable === DEFAULT_SHELL ? { shell: script } : [executable, '-c', script],
    cmd: shown,
    display: executable === DEFAULT_SHELL ? shown : toDisplay([executable, '-c', script]),
    ...commonSpec(args),
  };
}

export const shell = defineModule<ShellArgs, ExecFacts>({
  name: 'shell',
  doc: {
    summary: 'Runs a shell script on the host with sh -c (or `executable`): pipes, redirections, variables and globs work.',
    changed: 'Always when the script runs (like Ansible); ok when creates/removes skip it. A non-zero exit status fails the task (rc and stderr in the message).',
    checkMode: 'Nothing runs. As Ansible: without creates/removes the task is skipped ("Command would have run if not in check mode"); with them, they are checked for real (read-only) and the task is changed (would run) or ok (would not).',
    examples: [
      "shell({ cmd: 'ipvsadm -Sn > /etc/ipvsadm.rules', creates: '/etc/ipvsadm.rules' })",
      "shell({ cmd: 'set -o pipefail; dmesg | tail -n 5', executable: '/bin/bash' })",
      "tsible web -m shell -a 'df -h / | tail -n 1'",
      "tsible web -m shell -a 'chdir=/var/log ls | wc -l'",
    ],
  },
  args: {
    cmd: { type: 'string', description: 'The shell script. May start with creates=/removes=/chdir=/executable= words.', required: true, aliases: ['_raw_params'] },
    executable: { type: 'string', description: `The shell that runs cmd with -c (default ${DEFAULT_SHELL}).` },
    ...execCommonSpecs,
  },
  validate(args, where) {
    const merged = withFreeForm(args, 'shell', where, ['executable']);
    validateCommon(merged, 'shell', where);
    shellSpec(args, where);
    if (merged.executable === '') throw new ArgsError('module shell: executable must not be empty', { ...where, field: 'executable' });
  },
  gather: (ctx, args) => gatherExec(ctx, shellSpec(args, ctx.where)),
  plan: (args, facts) => planExec(shellSpec(args), facts),
  output: (args, facts, results, check) => outputExec(shellSpec(args), facts, results, check),
});
