// The yaml library, loaded on first use: an INI inventory and a play that reads no YAML never pay for its ~70 files (about 45 ms of start-up).
import { createRequire } from 'node:module';

let loaded: typeof import('yaml') | undefined;

/** The yaml package (the same copy for every caller). */
export function yaml(): typeof import('yaml') {
  loaded ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return loaded;
}
