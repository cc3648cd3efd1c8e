// The command module: runs a program with its arguments on the host, with no shell (creates/removes make it idempotent).
import { ArgsError, type ErrorLocation } from '../core/errors.ts';
import { defineModule } from '../core/module.ts';
import { toDisplay } from '../core/quote.ts';
import { isSecret, MASK, type Secret } from '../core/secret.ts';
import { commonSpec, execCommonSpecs, validateCommon, withFreeForm, type ExecCommonArgs, type ExecSpec } from './exec/exec-args.ts';
import { gatherExec, outputExec, planExec, type ExecFacts } from './exec/exec-run.ts';
import { splitCommandWords } from '../core/shell-words.ts';

/** Arguments of the command module. Give `cmd` or `argv`. */
export interface CommandArgs extends ExecCommonArgs {
  /**
   * The command line, split into words as a shell would split them (quotes and backslashes honoured) but run
   * WITHOUT a shell: no variables, globs, pipes or redirections (use the shell module for those).
   * It may start with `creates=… removes=… chdir=…` words (Ansible's free form: `creates=/x touch /x`).
   */
  cmd?: string;
  /** The command as a list of words, run as is (no splitting); words may be Secrets. */
  argv?: (string | Secret)[];
}

/** The argv and the rest of what command runs, from its (validated) arguments. */
export function commandSpec(raw: CommandArgs, where: ErrorLocation = {}): ExecSpec {
  const args = withFreeForm(raw, 'command', where);
  let argv: (string | Secret)[];
  if (args.argv !== undefined) {
    argv = args.argv;
    if (!argv.length) throw new ArgsError('module command: argv must not be empty', { ...where, field: 'argv' });
  } else {
    if (isSecret(args.cmd)) throw new ArgsError('module command: cmd cannot be a secret (give argv with a Secret word)', { ...where, field: 'cmd' });
    argv = splitCommandWords(args.cmd ?? '', { ...where, field: 'cmd' }).map((w) => w.text);
    if (!argv.length) throw new ArgsError('module command: cmd has no command in it', { ...where, field: 'cmd' });
  }
  return {
    module: 'command',
    command: argv,
    cmd: argv.map((w) => (isSecret(w) ? MASK : w)),
    display: toDisplay(argv),
    ...commonSpec(args),
  };
}

export const command = defineModule<CommandArgs, ExecFacts>({
  name: 'command',
  doc: {
    summary: 'Runs a program with arguments on the host, without a shell (no $VARS, globs, pipes or redirections).',
    changed: 'Always when the command runs (like Ansible); ok when creates/removes skip it. A non-zero exit status fails the task (rc and stderr in the message).',
    checkMode: 'Nothing runs. As Ansible: without creates/removes the task is skipped ("Command would have run if not in check mode"); with them, they are checked for real (read-only) and the task is changed (would run) or ok (would not).',
    examples: [
      "command({ cmd: 'uptime' })",
      "command({ argv: ['useradd', '--system', 'web'], creates: '/home/web' })",
      "command({ cmd: 'tar xzf /tmp/site.tgz', chdir: '/srv/www', creates: 'index.html' })",
      "tsible web -m command -a 'uptime'   (a free-form -a string is the cmd)",
      "tsible web -m command -a 'creates=/etc/app.conf /usr/local/bin/app-init'",
    ],
  },
  args: {
    cmd: { type: 'string', description: 'The command line (split into words like a shell, run without one). May start with creates=/removes=/chdir= words.', aliases: ['_raw_params'] },
    argv: { type: 'list', elements: 'string', description: 'The command as a list of words, run as is.' },
    ...execCommonSpecs,
  },
  validate(args, where) {
    if (args.cmd !== undefined && args.argv !== undefined) throw new ArgsError('module command takes cmd or argv, not both', { ...where, field: 'argv' });
    if (args.cmd === undefined && args.argv === undefined) throw new ArgsError('module command requires cmd or argv', { ...where, field: 'cmd' });
    validateCommon(withFreeForm(args, 'command', where), 'command', where);
    commandSpec(args, where); // splits cmd now, so a bad quote is an error before anything runs
  },
  gather: (ctx, args) => gatherExec(ctx, commandSpec(args, ctx.where)),
  plan: (args, facts) => planExec(commandSpec(args), facts),
  output: (args, facts, results, check) => outputExec(commandSpec(args), facts, results, check),
});
