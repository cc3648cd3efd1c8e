// Builds the ModuleContext a module sees on one host for one task: run, mustRun and put with the task's become.
import { CommandError } from '../errors.ts';
import type { ModuleContext } from '../module.ts';
import { toDisplay } from '../quote.ts';
import type { Become } from '../transport/transport.ts';

/** What the context is made of: the module-facing fields, plus the task's become and a secret masker. */
export interface ContextSettings extends Pick<ModuleContext, 'transport' | 'hostName' | 'vars' | 'baseDir' | 'check' | 'diff' | 'facts' | 'where'> {
  /** sudo settings for every command and write of this task; undefined = connect as the login user. */
  become?: Become;
  /** Masks secret text in error messages (stderr may echo a secret). */
  mask: (text: string) => string;
}

export function createModuleContext(s: ContextSettings): ModuleContext {
  const ctx: ModuleContext = {
    hostName: s.hostName,
    vars: s.vars,
    baseDir: s.baseDir,
    check: s.check,
    diff: s.diff,
    facts: s.facts,
    transport: s.transport,
    where: s.where,
    run: (command, options = {}) => s.transport.run(command, { become: s.become, ...options }),
    async mustRun(command, options = {}) {
      const { okCodes = [0], ...runOptions } = options;
      const result = await ctx.run(command, runOptions);
      if (result.code === null || !okCodes.includes(result.code)) {
        throw new CommandError('command failed', s.mask(toDisplay(command)), result.code, s.mask(result.stderr || result.stdout), s.where);
      }
      return result;
    },
    put: (path, content, options) => s.transport.put(path, content, { become: s.become, ...options }),
  };
  return ctx;
}
