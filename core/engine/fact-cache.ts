// Per-host fact cache: each fact is read once per run (concurrent readers share the read) until invalidated.
import { FactError } from '../errors.ts';
import type { FactCache, FactDefinition } from '../facts.ts';
import type { RunOptions, RunResult } from '../transport/transport.ts';
import type { Command } from '../quote.ts';

/** Runs a fact's command on the host (the engine passes the host's transport with its default become). */
export type FactRunner = (command: Command, options?: RunOptions) => Promise<RunResult>;

/** A fresh cache for one host; `run` reads facts from it. */
export function createFactCache(host: string, run: FactRunner): FactCache {
  const cache = new Map<string, Promise<unknown>>();
  return {
    get<T>(fact: FactDefinition<T>): Promise<T> {
      let pending = cache.get(fact.name) as Promise<T> | undefined;
      if (!pending) {
        pending = run(fact.command).then((result) => {
          try {
            return fact.parse(result);
          } catch (e) {
            if (e instanceof FactError) throw e;
            throw new FactError(`cannot read fact ${fact.name}: ${(e as Error).message}`, { host }, { cause: e });
          }
        });
        // A failed read is not cached: the next caller tries again.
        pending.catch(() => cache.delete(fact.name));
        cache.set(fact.name, pending);
      }
      return pending;
    },
    invalidate(name?: string): void {
      if (name === undefined) cache.clear();
      else cache.delete(name);
    },
  };
}
