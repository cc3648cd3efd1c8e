// Compatibility suite support: runs every case twice with the real Ansible (one ansible-playbook run, local connection).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompatCase } from './compat-case.ts';

/** What one run of a module reported. */
export interface RunReport {
  changed: boolean;
  failed: boolean;
  msg?: string;
}

/** True when ansible-playbook (Debian's ansible-core) is installed. */
export function hasAnsible(): boolean {
  return spawnSync('ansible-playbook', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Replaces $D, $R and $L in every string of the arguments. */
export function expandArgs(value: unknown, dirs: { D: string; R: string; L: string }): unknown {
  if (typeof value === 'string') return value.replace(/\$([DRL])/g, (_, k: 'D' | 'R' | 'L') => dirs[k]);
  if (Array.isArray(value)) return value.map((v) => expandArgs(v, dirs));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandArgs(v, dirs)]));
  return value;
}

/**
 * Runs the cases with Ansible: `root/ID` holds each case's host files, `localRoot/ID` its control-machine files;
 * ansible-playbook runs in `root`. Returns the two runs of each case, by id.
 */
export function runAnsible(cases: CompatCase[], root: string, localRoot: string): Map<string, [RunReport, RunReport]> {
  const tasks: unknown[] = [];
  const registered: string[] = [];
  for (const [n, c] of cases.entries()) {
    const args = expandArgs(c.args, { D: join(root, c.id), R: c.id, L: join(localRoot, c.id) });
    for (const run of [1, 2]) {
      // !unsafe would be needed for {{ in values; the corpus has none (JSON is YAML).
      const register = `case_${n}_${run}`;
      registered.push(register);
      tasks.push({ name: `${c.id} #${run}`, [`ansible.builtin.${c.module}`]: args, ignore_errors: true, register, ...(c.check ? { check_mode: true } : {}) });
    }
  }
  // ansible-core has no JSON stdout callback (it is in ansible.posix): the results are written by a last task.
  const resultsFile = join(root, 'ansible-results.json');
  const pick = (r: string) => `{'changed': ${r}.changed | default(false), 'failed': ${r}.failed | default(false), 'msg': ${r}.msg | default('') | string}`;
  tasks.push({ name: 'results', 'ansible.builtin.copy': { dest: resultsFile, content: `{{ [${registered.map(pick).join(', ')}] | to_json }}` } });
  const playbook = join(root, 'playbook.json.yml');
  writeFileSync(playbook, JSON.stringify([{ hosts: 'localhost', gather_facts: false, connection: 'local', tasks }], null, 1));
  const r = spawnSync('ansible-playbook', ['-i', 'localhost,', playbook], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: {
      ...process.env,
            ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3',
      ANSIBLE_LOCALHOST_WARNING: 'false',
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_RETRY_FILES_ENABLED: 'false',
      ANSIBLE_PIPELINING: 'true',
      ANSIBLE_LOCAL_TEMP: join(root, '.ansible-local'),
    },
  });
  if (r.status !== 0 || !existsSync(resultsFile)) throw new Error(`ansible-playbook failed (exit ${r.status}): ${(r.stdout + r.stderr).slice(-3000)}`);
  const list = JSON.parse(readFileSync(resultsFile, 'utf8')) as RunReport[];
  if (list.length !== cases.length * 2) throw new Error(`ansible-playbook gave ${list.length} results for ${cases.length * 2} runs`);
  const results = new Map<string, [RunReport, RunReport]>();
  for (const [n, c] of cases.entries()) results.set(c.id, [list[2 * n], list[2 * n + 1]]);
  return results;
}
