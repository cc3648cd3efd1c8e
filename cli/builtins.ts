// The built-in modules (modules/): the application layer hands them to the core's module registry and fact gathering, all of them or only those a run names.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuiltinModules } from '../core/engine/module-registry.ts';
import { isModule } from '../core/module.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The built-ins' folders (run compiled from dist/, also the sources' folder it was built from). */
const DIRS = [resolve(HERE, '../modules'), ...(/[\\/]dist[\\/]cli$/.test(HERE) ? [resolve(HERE, '../../modules')] : [])];

/**
 * Each built-in module's own file by module name, so one loads without the others (an ad hoc run uses one module, fact
 * gathering only setup). test/cli/builtins.test.ts keeps it equal to modules/index.ts.
 */
export const BUILTIN_FILES: Record<string, () => Promise<Record<string, unknown>>> = {
  apt: () => import('../modules/apt.ts'),
  assert: () => import('../modules/assert.ts'),
  command: () => import('../modules/command.ts'),
  copy: () => import('../modules/copy.ts'),
  debug: () => import('../modules/debug.ts'),
  fail: () => import('../modules/fail.ts'),
  file: () => import('../modules/file.ts'),
  group: () => import('../modules/group.ts'),
  hostname: () => import('../modules/hostname.ts'),
  ipvsadm: () => import('../modules/ipvsadm.ts'),
  ldirectord: () => import('../modules/ldirectord.ts'),
  lineinfile: () => import('../modules/lineinfile.ts'),
  ping: () => import('../modules/ping.ts'),
  service: () => import('../modules/service.ts'),
  setup: () => import('../modules/setup.ts'),
  set_fact: () => import('../modules/set-fact.ts'),
  shell: () => import('../modules/shell.ts'),
  stat: () => import('../modules/stat.ts'),
  sysctl: () => import('../modules/sysctl.ts'),
  template: () => import('../modules/template.ts'),
  uri: () => import('../modules/uri.ts'),
  user: () => import('../modules/user.ts'),
  wait_for: () => import('../modules/wait-for.ts'),
};

/** The built-ins and their folder, loaded on first use. */
export async function builtinModules(): Promise<BuiltinModules> {
  const exports = (await import('../modules/index.ts')) as Record<string, unknown>;
  return { exports, dirs: DIRS, setup: isModule(exports.setup) ? exports.setup : undefined };
}

/** Only the built-ins called `names` (all of them when one is not a built-in's name, so an unknown name's error lists them all). */
export async function builtinModulesNamed(names: string[]): Promise<BuiltinModules> {
  if (!names.every((n) => Object.hasOwn(BUILTIN_FILES, n))) return builtinModules();
  const exports = Object.assign({}, ...(await Promise.all(names.map((n) => BUILTIN_FILES[n]())))) as Record<string, unknown>;
  return { exports, dirs: DIRS, setup: isModule(exports.setup) ? exports.setup : undefined };
}
