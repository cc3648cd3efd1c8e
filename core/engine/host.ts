// One host during a run: its transport (opened once, lazily), the become decision, its facts (one cache per become user), registered variables, notified handlers, counters, and the ModuleContext its modules get.
import { CommandError, FactError } from '../errors.ts';
import type { FactCache, FactDefinition } from '../facts.ts';
import type { ModuleContext } from '../module.ts';
import { toDisplay } from '../quote.ts';
import type { Play, TaskOptions } from '../task.ts';
import type { InventoryHost } from '../inventory/types.ts';
import type { Become, Transport } from '../transport/transport.ts';
import { emptyStats, type HostStats } from './results.ts';

/** What one task's context on a host is made of, besides the host itself. */
export interface TaskContext extends Pick<ModuleContext, 'vars' | 'baseDir' | 'check' | 'diff' | 'where'> {
  /** sudo settings for every command, fact read and write of this task (Host.becomeFor); undefined = the login user. */
  become?: Become;
  /** Masks secret text in error messages (stderr may echo a secret). */
  mask: (text: string) => string;
}

/**
 * What the become decision needs from the host's connection (core/transport/connection.ts's Connection has it;
 * named here so that a module's type-check does not pull in the transports).
 */
export interface LoginSettings {
  transport: 'ssh' | 'local';
  user?: string;
  become?: boolean;
  becomeUser?: string;
  /** How to become: sudo (default) or su. */
  becomeMethod?: 'sudo' | 'su';
}

export class Host {
  /** Variables set by `register` and by fact gathering; they outlive the play, as in Ansible. */
  readonly registered: Record<string, unknown> = {};
  /** Handler names notified and not yet run. */
  readonly notified = new Set<string>();
  readonly stats: HostStats = emptyStats();
  /** Failed in this play: no more tasks for this host in this play. */
  failed = false;
  /** Could not be reached: no more tasks for this host in this run. */
  unreachable = false;
  private transport?: Transport;
  /** Fact reads by fact name, then by the user they were read as ('' = the login user): a root-only path reads differently as another user. */
  private readonly factReads = new Map<string, Map<string, Promise<unknown>>>();

  constructor(
    readonly name: string,
    /** The inventory host (its groups and variables; none for a Host made around a bare transport). */
    readonly host: InventoryHost,
    /** Its login and inventory become settings (none for a Host made around a bare transport). */
    readonly connection: LoginSettings | undefined,
    /** Makes the host's transport (called once, on first use). */
    private readonly makeTransport: () => Transport,
  ) {}

  /** A host reached through `transport` (runModule without a run, tests). */
  static over(transport: Transport, name = transport.hostName): Host {
    return new Host(name, { name, groups: [], vars: {} }, undefined, () => transport);
  }

  /** The host's one transport (created on first use; it connects on its first command). */
  open(): Transport {
    this.transport ??= this.makeTransport();
    return this.transport;
  }

  /**
   * Whether a task's commands go through sudo and as whom: task over play over inventory/CLI. Undefined runs
   * as the login user (also when already logged in as the target user). The one place this is decided.
   */
  becomeFor(task?: Pick<TaskOptions, 'become' | 'becomeUser'>, play?: Pick<Play, 'become' | 'becomeUser'>): Become | undefined {
    const conn = this.connection;
    const enabled = task?.become ?? play?.become ?? conn?.become ?? false;
    if (!enabled) return undefined;
    const user = task?.becomeUser ?? play?.becomeUser ?? conn?.becomeUser ?? 'root';
    if (conn?.transport === 'ssh' && conn.user === user) return undefined;
    return conn?.becomeMethod === 'su' ? { user, method: 'su' } : { user };
  }

  /**
   * The facts as `become` reads them: each fact is read once per user (concurrent readers share the read).
   * Forgetting a fact (after a change) forgets it for every user.
   */
  facts(become?: Become): FactCache {
    const user = become ? become.user ?? 'root' : '';
    return {
      get: <T>(fact: FactDefinition<T>): Promise<T> => {
        let byUser = this.factReads.get(fact.name);
        if (!byUser) this.factReads.set(fact.name, (byUser = new Map()));
        let pending = byUser.get(user) as Promise<T> | undefined;
        if (!pending) {
          pending = this.open().run(fact.command, { become, tsibleOwn: true }).then((result) => {
            try {
              return fact.parse(result);
            } catch (e) {
              if (e instanceof FactError) throw e;
              throw new FactError(`cannot read fact ${fact.name}: ${(e as Error).message}`, { host: this.name }, { cause: e });
            }
          });
          // A failed read is not cached: the next caller tries again.
          const read = pending;
          pending.catch(() => {
            if (byUser.get(user) === read) byUser.delete(user);
          });
          byUser.set(user, pending);
        }
        return pending;
      },
      invalidate: (name?: string): void => {
        if (name === undefined) this.factReads.clear();
        else this.factReads.delete(name);
      },
    };
  }

  /** What a module sees on this host for one task: run, mustRun, put and facts, all with the task's become. */
  context(task: TaskContext): ModuleContext {
    const transport = this.open();
    const ctx: ModuleContext = {
      hostName: this.name,
      vars: task.vars,
      baseDir: task.baseDir,
      check: task.check,
      diff: task.diff,
      facts: this.facts(task.become),
      transport,
      where: task.where,
      run: (command, options = {}) => transport.run(command, { become: task.become, ...options }),
      async mustRun(command, options = {}) {
        const { okCodes = [0], ...runOptions } = options;
        const result = await ctx.run(command, runOptions);
        if (result.code === null || !okCodes.includes(result.code)) {
          throw new CommandError('command failed', task.mask(toDisplay(command)), result.code, task.mask(result.stderr || result.stdout), task.where);
        }
        return result;
      },
      put: (path, content, options) => transport.put(path, content, { become: task.become, ...options }),
    };
    return ctx;
  }

  async close(): Promise<void> {
    await this.transport?.close().catch(() => {});
  }
}

/**
 * The context `gather` gets: it only reads the host, so its commands are tsible's own (RunOptions.tsibleOwn: no
 * session of their own, a script run in the command shell's subshell itself), as fact reads are.
 */
export function readingContext(ctx: ModuleContext): ModuleContext {
  return {
    ...ctx,
    run: (command, options = {}) => ctx.run(command, { tsibleOwn: true, ...options }),
    mustRun: (command, options = {}) => ctx.mustRun(command, { tsibleOwn: true, ...options }),
  };
}
