// Runs an executable inventory script as Ansible does (`SCRIPT --list`, then `--host NAME` when there is no `_meta.hostvars`) and adds its JSON.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ArgsError, type ErrorLocation } from '../errors.ts';
import type { InventoryBuilder } from './builder.ts';
import { checkGroupName } from './ini.ts';
import { isPlainObject } from './secret-vars.ts';
import type { Vars } from './types.ts';

const run = promisify(execFile);

/**
 * Runs `path --list` (in `cwd`) and adds the groups of its JSON output to `into`:
 * `{"web": {"hosts": [...], "vars": {...}, "children": [...]}, "db": ["h1"], "_meta": {"hostvars": {...}}}`.
 * A group given as a list is its hosts; a group given as a mapping without hosts/vars/children is
 * one host of the group's name with those variables (Ansible's shorthand). Without `_meta.hostvars`,
 * each host's variables come from `path --host NAME`. A failing script or bad JSON is an ArgsError
 * naming the file (with the script's last lines of standard error).
 */
export async function addScriptInventory(path: string, file: string, into: InventoryBuilder, cwd: string): Promise<void> {
  const where: ErrorLocation = { file };
  const data = await runJson(path, ['--list'], file, cwd);
  if (!isPlainObject(data)) throw new ArgsError('the inventory script\'s --list output must be a JSON object of groups', where);
  const hosts = new Set<string>();
  let hostvars: unknown;
  for (const [group, given] of Object.entries(data)) {
    if (group === '_meta') {
      if (isPlainObject(given) && 'hostvars' in given) hostvars = given.hostvars;
      continue;
    }
    const here = { ...where, field: group };
    checkGroupName(group, here);
    into.declareGroup(group);
    let spec: Record<string, unknown>;
    if (!isPlainObject(given)) spec = { hosts: given };
    else if (!('hosts' in given) && !('vars' in given) && !('children' in given)) spec = { hosts: [group], vars: given };
    else spec = given;
    if ('hosts' in spec) {
      if (!Array.isArray(spec.hosts)) throw new ArgsError(`group ${group}: hosts must be a list of host names`, here);
      for (const h of spec.hosts) {
        const name = String(h);
        hosts.add(name);
        into.addHost(name, {}, group, here);
      }
    }
    if ('vars' in spec) {
      if (!isPlainObject(spec.vars)) throw new ArgsError(`group ${group}: vars must be a mapping`, here);
      into.addGroupVars(group, spec.vars, here);
    }
    if ('children' in spec) {
      if (!Array.isArray(spec.children)) throw new ArgsError(`group ${group}: children must be a list of group names`, here);
      for (const c of spec.children) {
        const child = String(c);
        checkGroupName(child, here);
        into.declareGroup(child);
        into.addChild(group, child, here);
      }
    }
  }
  if (hostvars !== undefined && !isPlainObject(hostvars)) throw new ArgsError('_meta.hostvars must be a mapping of host names to variables', where);
  for (const host of hosts) {
    const vars = hostvars !== undefined ? (hostvars as Record<string, unknown>)[host] ?? {} : await runJson(path, ['--host', host], file, cwd, true);
    if (!isPlainObject(vars)) throw new ArgsError(`the variables of host ${host} must be a mapping`, { ...where, host });
    into.addHost(host, vars as Vars, undefined, { ...where, host });
  }
}

async function runJson(path: string, args: string[], file: string, cwd: string, emptyIsNothing = false): Promise<unknown> {
  let stdout: string;
  try {
    ({ stdout } = await run(path, args, { cwd, maxBuffer: 1 << 28, encoding: 'utf8' }));
  } catch (err) {
    const e = err as { code?: unknown; stderr?: string; message: string };
    const stderr = (e.stderr ?? '').trim().split('\n').slice(-5).join('\n');
    throw new ArgsError(`inventory script ${args.join(' ')} failed: ${stderr || e.message}`, { file }, { cause: err });
  }
  if (emptyIsNothing && stdout.trim() === '') return {};
  try {
    return JSON.parse(stdout);
  } catch (err) {
    throw new ArgsError(`inventory script ${args.join(' ')} did not print JSON: ${(err as Error).message}`, { file });
  }
}
