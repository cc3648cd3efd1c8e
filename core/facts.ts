// Facts: a command plus a parser, read on demand and cached per host for the length of a run.
import type { Command } from './quote.ts';
import type { RunResult } from './transport/transport.ts';

/** A named piece of host state: the command that reads it and the pure function that parses it. */
export interface FactDefinition<T> {
  /** Cache key, e.g. 'os', 'interfaces'. */
  name: string;
  /** Run as tsible's own (RunOptions.tsibleOwn): it must not signal its process group; `$0`, `$PPID` are the command shell's. */
  command: Command;
  /** Pure: turns the command's result into the fact. Throws FactError if it cannot. */
  parse(result: RunResult): T;
}

/** Per-host cache of facts. */
export interface FactCache {
  /** Reads the fact once per host and run (concurrent callers share one read). */
  get<T>(fact: FactDefinition<T>): Promise<T>;
  /** Forgets cached facts (after a change that may have altered them); no name = all. */
  invalidate(name?: string): void;
}
