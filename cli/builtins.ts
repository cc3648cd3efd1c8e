// The built-in modules (modules/): the application layer hands them to the core's module registry and fact gathering.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuiltinModules } from '../core/engine/module-registry.ts';
import { isModule } from '../core/module.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The built-ins and their folder (run compiled from dist/, also the sources' folder it was built from), loaded on first use. */
export async function builtinModules(): Promise<BuiltinModules> {
  const exports = (await import('../modules/index.ts')) as Record<string, unknown>;
  const dirs = [resolve(HERE, '../modules'), ...(/[\\/]dist[\\/]cli$/.test(HERE) ? [resolve(HERE, '../../modules')] : [])];
  return { exports, dirs, setup: isModule(exports.setup) ? exports.setup : undefined };
}
