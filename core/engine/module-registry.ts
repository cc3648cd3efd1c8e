// Finds modules by name: the built-ins, a `modules/` folder beside the playbook (or cwd), --module-path folders, and npm packages named in tsible.config.json.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ArgsError } from '../errors.ts';
import { importTypeScript } from '../import-typescript.ts';
import { isModule, type Module } from '../module.ts';

/** The built-in modules, given by the application layer (core imports none of them). */
export interface BuiltinModules {
  /** A module file's exports: every module among them is registered as 'built-in'. */
  exports: Record<string, unknown>;
  /** Folders the built-ins live in: never scanned again as a user's modules folder. */
  dirs: string[];
  /** The module the implicit fact-gathering task runs (gatherFacts: true). */
  setup?: Module;
}

export interface RegistryOptions {
  /** Folder whose `modules/` subfolder holds the user's modules (the playbook's folder, or cwd for ad hoc). */
  baseDir: string;
  /** --module-path folders. */
  modulePaths?: string[];
  /** Folder of tsible.config.json (default baseDir). */
  configDir?: string;
  /** The built-in modules (none when omitted). */
  builtins?: BuiltinModules;
}

/** Where each module came from, for `tsible modules`. */
export interface RegisteredModule {
  module: Module;
  source: string;
}

/** Every module visible from `opts`, by name; a later source replaces an earlier one of the same name (user over built-in). */
export async function loadModuleRegistry(opts: RegistryOptions): Promise<Map<string, RegisteredModule>> {
  const out = new Map<string, RegisteredModule>();
  const add = (exports: Record<string, unknown>, source: string) => {
    for (const value of Object.values(exports)) if (isModule(value)) out.set(value.name, { module: value, source });
  };
  if (opts.builtins) add(opts.builtins.exports, 'built-in');
  const builtinDirs = new Set((opts.builtins?.dirs ?? []).map((d) => resolve(d)));
  const folders = [join(opts.baseDir, 'modules'), ...(opts.modulePaths ?? []).map((p) => resolve(opts.baseDir, p))];
  for (const folder of folders) {
    if (builtinDirs.has(resolve(folder))) continue;
    if (!existsSync(folder)) {
      if (folder !== join(opts.baseDir, 'modules')) throw new ArgsError(`module path ${folder} does not exist`, { field: 'module-path' });
      continue;
    }
    for (const file of readdirSync(folder).sort()) {
      const path = join(folder, file);
      if (!/\.(ts|mts|js|mjs)$/.test(file) || /\.(test|d)\.[mc]?[tj]s$/.test(file) || !statSync(path).isFile()) continue;
      add(await importModuleFile(path), path);
    }
  }
  const configFile = join(opts.configDir ?? opts.baseDir, 'tsible.config.json');
  for (const pkg of readConfig(configFile).modules ?? []) {
    let entry: string;
    try {
      entry = createRequire(configFile).resolve(pkg);
    } catch (e) {
      throw new ArgsError(`module package "${pkg}" is not installed (npm install ${pkg})`, { file: configFile, field: 'modules' }, { cause: e });
    }
    add(await importModuleFile(entry), pkg);
  }
  return out;
}

/** The module called `name`, or an ArgsError listing the known ones. */
export function findModule(registry: Map<string, RegisteredModule>, name: string): Module {
  const found = registry.get(name);
  if (!found) throw new ArgsError(`unknown module "${name}"; known modules: ${[...registry.keys()].sort().join(', ')}`, { field: 'module' });
  return found.module;
}

async function importModuleFile(path: string): Promise<Record<string, unknown>> {
  try {
    const mod = (await (/\.[cm]?tsx?$/.test(path) ? importTypeScript(path) : import(pathToFileURL(path).href))) as Record<string, unknown>;
    const def = mod.default;
    return def && typeof def === 'object' && !isModule(def) ? { ...(def as Record<string, unknown>), ...mod } : mod;
  } catch (e) {
    throw new ArgsError(`cannot load module file: ${(e as Error).message}`, { file: path }, { cause: e });
  }
}

function readConfig(file: string): { modules?: string[] } {
  if (!existsSync(file)) return {};
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as { modules?: unknown };
    if (c.modules !== undefined && !(Array.isArray(c.modules) && c.modules.every((m) => typeof m === 'string'))) throw new Error('"modules" must be a list of package names');
    return c as { modules?: string[] };
  } catch (e) {
    throw new ArgsError((e as Error).message, { file }, { cause: e });
  }
}
