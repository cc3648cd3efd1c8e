// The error tree: every failure tsible reports is a TsibleError with a name, a location and a cause.

/** Where bad input was found: any of file, line, host, task, field. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  host?: string;
  task?: string;
  field?: string;
}

/** Root of tsible's errors. `exitCode` is what the CLI exits with when this error ends a run. */
/** Names of the error classes an error belongs to, shared by every copy of tsible loaded in the process. */
const KINDS = Symbol.for('tsible.error.kinds');

export class TsibleError extends Error {
  override name = 'TsibleError';
  /** Process exit code when this error aborts the whole run (Ansible's codes: 1 other, 5 bad options). */
  exitCode = 1;
  constructor(message: string, readonly where: ErrorLocation = {}, options?: { cause?: unknown }) {
    super(withLocation(message, where), options);
    const kinds: string[] = [];
    for (let c: unknown = new.target; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) kinds.push((c as { name: string }).name);
    Object.defineProperty(this, KINDS, { value: kinds });
  }
  /**
   * `e instanceof ArgsError` also holds for errors made by another copy of tsible's files (a playbook
   * or plugin module loaded through tsx gets its own copy), by class name along the class chain.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const kinds = typeof value === 'object' && value !== null ? (value as Record<symbol, unknown>)[KINDS] : undefined;
    return Array.isArray(kinds) && kinds.includes(this.name);
  }
}

/** Bad user input (options, inventory, playbook, module arguments): found before anything runs. */
export class ArgsError extends TsibleError {
  override name = 'ArgsError';
  override exitCode = 5;
}

/** Could not open or keep the SSH connection (unreachable, auth refused, host key refused). */
export class ConnectError extends TsibleError {
  override name = 'ConnectError';
}

/** The host key did not match, or is unknown and the user did not opt into accepting new keys. */
export class HostKeyError extends ConnectError {
  override name = 'HostKeyError';
}

/** A fact command ran but its output could not be understood. */
export class FactError extends TsibleError {
  override name = 'FactError';
}

/** A remote command exited with a status the caller did not accept. */
export class CommandError extends TsibleError {
  override name = 'CommandError';
  constructor(
    message: string,
    readonly command: string,
    readonly exitStatus: number | null,
    readonly stderr: string,
    where: ErrorLocation = {},
    options?: { cause?: unknown },
  ) {
    super(`${message}: \`${command}\` exited ${exitStatus ?? 'without status'}${stderr.trim() ? `: ${stderr.trim()}` : ''}`, where, options);
  }
}

/** A command or connection took longer than its limit. */
export class TimeoutError extends TsibleError {
  override name = 'TimeoutError';
}

function withLocation(message: string, where: ErrorLocation): string {
  const parts: string[] = [];
  if (where.file) parts.push(where.line ? `${where.file}:${where.line}` : where.file);
  if (where.host) parts.push(`host ${where.host}`);
  if (where.task) parts.push(`task "${where.task}"`);
  if (where.field) parts.push(`field "${where.field}"`);
  return parts.length ? `${parts.join(', ')}: ${message}` : message;
}
