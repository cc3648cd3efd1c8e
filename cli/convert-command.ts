// `tsible convert PLAYBOOK.yml`: reads an Ansible playbook and writes the tsible TypeScript playbook it converts to (stdout or -o FILE), listing what was not converted.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { EXIT } from '../core/engine/exit-codes.ts';
import { ArgsError } from '../core/errors.ts';
import { parseYamlWithLines } from '../core/inventory/yaml-data.ts';
import { isModule, type Module } from '../core/module.ts';
import { writeFileAtomicSync } from '../core/write-file-atomic.ts';
import { builtinModules } from './builtins.ts';
import { convertPlaybook } from './convert-playbook.ts';
import type { CliIo } from './io.ts';

export interface ConvertArgs {
  playbook: string;
  output?: string;
  force?: boolean;
}

export async function convertCommand(a: ConvertArgs, io: CliIo): Promise<number> {
  const path = resolve(io.cwd, a.playbook);
  if (!existsSync(path)) throw new ArgsError('the playbook could not be found', { file: a.playbook });
  const { data } = parseYamlWithLines(readFileSync(path, 'utf8'), a.playbook);
  const modules = new Map<string, Module>();
  for (const value of Object.values((await builtinModules()).exports)) if (isModule(value)) modules.set(value.name, value);
  const base = dirname(path);
  const sources = {
    load: (rel: string) => {
      const file = resolve(base, rel);
      return existsSync(file) ? parseYamlWithLines(readFileSync(file, 'utf8'), relative(io.cwd, file)).data ?? [] : undefined;
    },
    exists: (rel: string) => existsSync(resolve(base, rel)),
  };
  const { source, problems } = convertPlaybook(data, modules, a.playbook, sources);
  if (a.output === undefined || a.output === '-') io.out(source);
  else {
    const out = resolve(io.cwd, a.output);
    if (existsSync(out) && !a.force) throw new ArgsError('exists already; give --force to replace it', { file: a.output });
    writeFileAtomicSync(out, source, { mode: 0o644 });
    io.err(`wrote ${a.output}; check it with: tsible play ${a.output} --syntax-check\n`);
  }
  for (const p of problems) io.err(`[WARNING]: not converted: ${p}\n`);
  return EXIT.ok;
}
