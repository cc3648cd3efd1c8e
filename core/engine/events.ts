// The events a run emits, in order, for the console and JSON reporters.
import type { HostStats, HostTaskResult } from './results.ts';

export interface RunReporter {
  playStart(play: { name: string; hosts: string[]; check: boolean }): void;
  taskStart(task: { name: string; handler: boolean; module: string }): void;
  hostResult(task: { name: string; module: string }, result: HostTaskResult): void;
  /** Play-level notices (no hosts matched, max fail percentage reached…). */
  notice(message: string): void;
  recap(stats: Map<string, HostStats>): void;
}
