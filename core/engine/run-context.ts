// Settings shared by every play of one run: inventory, extra vars, CLI modes, reporter, hosts.
import type { CliConnectionOptions, Connection } from '../transport/connection.ts';
import type { Inventory } from '../inventory/types.ts';
import type { TransportOptions } from '../transport/open.ts';
import type { RunReporter } from './events.ts';
import type { Module } from '../module.ts';
import type { Host } from './host.ts';
import type { RunInterrupt } from './interrupt.ts';

export interface RunSettings {
  inventory: Inventory;
  /** -e variables: highest precedence. */
  extraVars: Record<string, unknown>;
  /** -l / --limit. */
  limit?: string;
  check: boolean;
  diff: boolean;
  /** -v count (0 without): tasks see it as ansible_verbosity (debug's verbosity compares with it). */
  verbosity?: number;
  /** Hosts worked on at once (-f). */
  forks: number;
  /** -t: only tasks with one of these tags (plus `always`). */
  tags?: string[];
  /** --skip-tags. */
  skipTags?: string[];
  /** --start-at-task: skip tasks until one with this name. */
  startAtTask?: string;
  /** Folder templates and files are found from (the playbook's). */
  baseDir: string;
  /** The playbook file, for error locations. */
  file?: string;
  /** --force-handlers: notified handlers also run on hosts that failed (not on unreachable ones). */
  forceHandlers?: boolean;
  /** --step: asked before each task; 'n' skips it, 'c' stops asking. */
  step?: (taskName: string) => Promise<'y' | 'n' | 'c'>;
  cli: CliConnectionOptions;
  transportOptions: TransportOptions;
  reporter: RunReporter;
  /** The module of the implicit fact-gathering task (plays with gatherFacts: true); the application layer gives the built-in setup. */
  factsModule?: Module;
  /** SIGINT/SIGTERM handling: stop starting tasks, abort those in flight after a grace period. */
  interrupt?: RunInterrupt;
}

/** A run in progress: settings plus the hosts met so far (one connection each, kept across plays). */
export interface RunContext extends RunSettings {
  hosts: Map<string, Host>;
  /** Each inventory host's connection (inventoryConnections): the hosts' transports and their jump names. */
  connections: (name: string) => Connection | undefined;
}
