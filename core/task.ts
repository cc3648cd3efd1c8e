// The playbook DSL types: playbooks, plays, tasks and handlers, written in TypeScript.
import type { Module } from './module.ts';

/** Variables as a task sees them: inventory, play, extra vars, registered results, facts, `item`. */
export type HostVars = Record<string, any>;

/** A string holding `{{ … }}`: rendered with the host's variables, then checked as the argument it stands for. */
export type Jinja = `${string}{{${string}}}${string}`;

/** Literal module arguments: each one of its own type, or a Jinja string standing for it (`port: '{{ http_port }}'`). */
export type Templated<A> = { [K in keyof A]: A[K] | Jinja };

/** Module arguments: a literal object (Jinja allowed in each field), or a function of the host's variables (evaluated per host). */
export type ArgsOf<A> = Templated<A> | ((vars: HostVars) => A);

/** A registered result: what a task returned on one host. */
export interface TaskResultData {
  changed: boolean;
  failed: boolean;
  skipped?: boolean;
  msg?: string;
  /** For command-like modules. */
  rc?: number | null;
  stdout?: string;
  stderr?: string;
  /** For loops: one result per item. */
  results?: TaskResultData[];
  [key: string]: unknown;
}

/**
 * A condition written as Ansible writes it: a Jinja expression of the host's variables (`"ansible_os_family == 'Debian'"`),
 * or a list of them that must all hold, or a constant (`changedWhen: false`). In changedWhen/failedWhen/until the task's result is also there under its
 * `register` name (`"'already' in out.stdout"`), as in Ansible.
 */
export type Condition = string | string[] | boolean;

export interface TaskOptions {
  /** Shown in output; defaults to the module name. Handlers are notified by name. */
  name?: string;
  /** Run only on hosts where this is true. */
  when?: ((vars: HostVars) => boolean) | Condition;
  /** Store the result in this host variable. */
  register?: string;
  /** Handlers (by name or `listen`) to run at the end of the play if this task changed something. */
  notify?: string | string[];
  /** Run once per item; the item is `vars.item` in argument functions and `when`. */
  loop?: unknown[] | ((vars: HostVars) => unknown[]) | string;
  /** Retry until `until` is true, at most `retries` times, `delay` seconds apart (default 5). */
  retries?: number;
  until?: ((result: TaskResultData, vars: HostVars) => boolean) | Condition;
  delay?: number;
  /** A failure is reported but the host goes on. */
  ignoreErrors?: boolean;
  tags?: string[];
  become?: boolean;
  becomeUser?: string;
  /** true: always check mode for this task; false: runs for real even under --check (read-only commands). */
  checkMode?: boolean;
  /** Override --diff for this task. */
  diff?: boolean;
  changedWhen?: ((result: TaskResultData, vars: HostVars) => boolean) | Condition;
  failedWhen?: ((result: TaskResultData, vars: HostVars) => boolean) | Condition;
  /** Task-level variables: above play vars, below registered results, facts and extra vars (as in Ansible). */
  vars?: HostVars;
  /** Handlers only: other names this handler answers to. */
  listen?: string | string[];
}

/** The module call part of a task, made by a module's builder. */
export interface ModuleCall<A = unknown> {
  module: Module<A>;
  args: ArgsOf<A>;
}

export type Task<A = any> = ModuleCall<A> & TaskOptions;

/** Runs the handlers notified so far, at this point of the play (Ansible's meta: flush_handlers). */
export interface FlushHandlers {
  flushHandlers: true;
}
export const flushHandlers: FlushHandlers = { flushHandlers: true };

export interface Play {
  name?: string;
  /** Host pattern: all, group, web*, a:b, a:&b, a:!b. */
  hosts: string;
  vars?: HostVars;
  become?: boolean;
  becomeUser?: string;
  /** Gather setup facts before the tasks (default false: facts are read on demand). */
  gatherFacts?: boolean;
  /** Rolling batches: a count, a percentage ('30%'), or a list of them. */
  serial?: number | string | (number | string)[];
  /** Abort the play when more than this percentage of a batch's hosts failed. */
  maxFailPercentage?: number;
  /** Any failure on any host aborts the play for all hosts. */
  anyErrorsFatal?: boolean;
  tasks: (Task | FlushHandlers)[];
  handlers?: Task[];
}

export interface Playbook {
  plays: Play[];
}

/** Declares a playbook (the default export of a playbook file). */
export function playbook(...plays: Play[]): Playbook {
  return { plays };
}
