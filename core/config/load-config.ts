// Resolves every setting from TSIBLE_* and ANSIBLE_* variables, tsible.cfg, ansible.cfg and defaults, keeping where each value came from.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { ArgsError, type ErrorLocation } from '../errors.ts';
import { expandUser, findConfigFile, type ConfigPlace } from './find-config-file.ts';
import { parseIni, type IniSections } from './ini-file.ts';
import { SETTINGS, tsibleEnvName, type ConfigValues, type SettingDefinition } from './settings.ts';

/** Where a value came from: `default`, `env: NAME`, or `FILE:LINE`. */
export type ConfigOrigin = string;

/** The run's configuration: typed values, their origins, the files read, warnings to print. */
export interface Config {
  values: ConfigValues;
  origins: Record<keyof ConfigValues, ConfigOrigin>;
  /** ansible.cfg and tsible.cfg read, if any. */
  files: { ansible?: string; tsible?: string };
  warnings: string[];
}

/**
 * Each setting's value, first found wins: TSIBLE_* variable, ANSIBLE_* variable, tsible.cfg, ansible.cfg, default.
 * (Command-line flags and inventory variables are applied later, over these: see docs/config.md.) A value of the
 * wrong type is an ArgsError naming the file and line or the variable, as Ansible's exit 5.
 */
export function loadConfig(partial: Partial<ConfigPlace> = {}): Config {
  const place: ConfigPlace = { env: partial.env ?? process.env, cwd: partial.cwd ?? process.cwd(), home: partial.home ?? homedir(), systemDir: partial.systemDir };
  const ansible = findConfigFile('ansible', place);
  const tsible = findConfigFile('tsible', place);
  const read = (file: string | undefined): IniSections | undefined => {
    if (!file) return undefined;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new ArgsError(`cannot read the config file: ${(e as Error).message}`, { file }, { cause: e });
    }
    return parseIni(text, file);
  };
  const files = [{ file: tsible.file, ini: read(tsible.file) }, { file: ansible.file, ini: read(ansible.file) }];
  const values: Record<string, unknown> = {};
  const origins: Record<string, string> = {};
  for (const def of SETTINGS) {
    const found = fromEnv(def, place) ?? fromFiles(def, files, place.home);
    if (found) {
      values[def.name] = found.value;
      origins[def.name] = found.origin;
    } else {
      values[def.name] = def.default;
      origins[def.name] = 'default';
    }
  }
  return {
    values: values as unknown as ConfigValues, origins: origins as Config['origins'],
    files: { ansible: ansible.file, tsible: tsible.file }, warnings: [...ansible.warnings, ...tsible.warnings],
  };
}

function fromEnv(def: SettingDefinition, place: ConfigPlace): { value: unknown; origin: string } | undefined {
  for (const name of [tsibleEnvName(def), ...def.ansibleEnv]) {
    const raw = place.env[name];
    if (raw === undefined || raw === '') continue;
    const separator = name === 'TSIBLE_INVENTORY' ? ':' : ',';
    return { value: typed(def, raw, place.cwd, place.home, { field: name }, separator), origin: `env: ${name}` };
  }
  return undefined;
}

function fromFiles(def: SettingDefinition, files: { file?: string; ini?: IniSections }[], home: string): { value: unknown; origin: string } | undefined {
  for (const { file, ini } of files) {
    const section = ini?.get(def.section);
    if (!file || !section) continue;
    for (const key of [def.name, ...(def.iniAliases ?? [])]) {
      const entry = section.get(key);
      if (!entry) continue;
      return { value: typed(def, entry.value, dirname(file), home, { file, line: entry.line, field: key }, ','), origin: `${file}:${entry.line}` };
    }
  }
  return undefined;
}

/** `raw` as the setting's type; relative paths are resolved against `base` (the config file's folder, as Ansible does). */
export function typed(def: SettingDefinition, raw: string, base: string, home: string, where: ErrorLocation, separator: string): unknown {
  const text = raw.trim();
  const path = (p: string): string => resolve(base, expandUser(p.trim(), home));
  switch (def.type) {
    case 'string':
      return text;
    case 'path':
      return path(text);
    case 'pathlist':
      return text.split(separator).map((p) => p.trim()).filter(Boolean).map(path);
    case 'int': {
      if (!/^[+-]?\d+$/.test(text)) throw new ArgsError(`${def.name} must be a whole number, got "${text}"`, where);
      return Number(text);
    }
    case 'bool': {
      const s = text.toLowerCase();
      if (['y', 'yes', 'on', '1', 'true', 't'].includes(s)) return true;
      if (['n', 'no', 'off', '0', 'false', 'f', ''].includes(s)) return false;
      throw new ArgsError(`${def.name} must be a boolean (true/false, yes/no, on/off, 1/0), got "${text}"`, where);
    }
  }
}
