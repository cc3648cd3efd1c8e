// Argument specs and checks shared by the modules that write a whole file (copy, template, lineinfile).
import type { ArgSpecs } from '../../core/args.ts';
import { ArgsError, type ErrorLocation } from '../../core/errors.ts';
import { splitCommandWords } from '../../core/shell-words.ts';

/** mode, owner, group: the attributes every file module takes. */
export const ATTR_ARGS: ArgSpecs = {
  mode: { type: 'mode', description: "Permissions: octal ('0644', '644') or symbolic ('u=rw,g=r,o=r'). Default: kept for an existing file, 0644 for a new one." },
  owner: { type: 'string', description: 'Owner (user name or uid). Default: kept for an existing file, the connecting (or become) user for a new one.' },
  group: { type: 'string', description: "Group (name or gid). Default: kept for an existing file, the owner's group for a new one." },
};

/** backup and validate. */
export const WRITE_ARGS: ArgSpecs = {
  backup: { type: 'bool', default: false, description: 'Before replacing the file, copy it to PATH.PID.YYYY-MM-DD@HH:MM:SS~ (returned as backupFile).' },
  validate: { type: 'string', description: "Command run on the new content before it replaces the file; %s is the path of the temp file holding it (e.g. 'visudo -cf %s'). Split into words like a shell would, but run without a shell. A non-zero exit fails the task and leaves the file unchanged." },
};

/** Checks a path argument: absolute, not a directory path. */
export function checkAbsolutePath(value: unknown, field: string, where: ErrorLocation): void {
  if (typeof value !== 'string' || !value.startsWith('/')) throw new ArgsError(`must be an absolute path on the host, got ${JSON.stringify(String(value))}`, { ...where, field });
  if (value.length > 1 && value.endsWith('/')) throw new ArgsError(`must be a file path (no trailing /), got ${JSON.stringify(value)}`, { ...where, field });
}

/** Checks that a validate command has %s and splits into words. */
export function checkValidate(validate: string | undefined, where: ErrorLocation): void {
  if (validate === undefined) return;
  if (!validate.includes('%s')) throw new ArgsError(`must contain %s (the path of the file to check), got ${JSON.stringify(validate)}`, { ...where, field: 'validate' });
  try {
    if (!splitCommandWords(validate).length) throw new Error('empty command');
  } catch (e) {
    throw new ArgsError(`cannot split the command into words: ${(e as Error).message}`, { ...where, field: 'validate' }, { cause: e });
  }
}
