// Compatibility suite support: runs every case twice with the real Ansible (ansible-playbook, local connection, two runs side by side).
import { spawn, spawnSync } from 'node:child_process';
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
 * ansible-playbook runs in `root`. Returns the two runs of each case, by id. The cases are independent (one folder
 * each), so they run as `parts` ansible-playbook processes side by side: Ansible's cost is per task (340 here).
 */
export async function runAnsible(cases: CompatCase[], root: string, localRoot: string, parts = 2): Promise<Map<string, [RunReport, RunReport]>> {
  const chunks = Array.from({ length: parts }, (_, k) => cases.filter((_, n) => n % parts === k)).filter((c) => c.length);
  const reports = await Promise.all(chunks.map((chunk, k) => runAnsiblePart(chunk, root, localRoot, `part${k}`)));
  const results = new Map<string, [RunReport, RunReport]>();
  for (const [k, chunk] of chunks.entries()) for (const [n, c] of chunk.entries()) results.set(c.id, [reports[k]![2 * n]!, reports[k]![2 * n + 1]!]);
  return results;
}

/** One ansible-playbook run over `cases` (each twice); the reports in order. */
async function runAnsiblePart(cases: CompatCase[], root: string, localRoot: string, name: string): Promise<RunReport[]> {
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
  const resultsFile = join(root, `ansible-results-${name}.json`);
  const pick = (r: string) => `{'changed': ${r}.changed | default(false), 'failed': ${r}.failed | default(false), 'msg': ${r}.msg | default('') | string}`;
  tasks.push({ name: 'results', 'ansible.builtin.copy': { dest: resultsFile, content: `{{ [${registered.map(pick).join(', ')}] | to_json }}` } });
  const playbook = join(root, `playbook-${name}.json.yml`);
  writeFileSync(playbook, JSON.stringify([{ hosts: 'localhost', gather_facts: false, connection: 'local', tasks }], null, 1));
  const r = await new Promise<{ status: number | null; output: string }>((resolve, reject) => {
    const child = spawn('ansible-playbook', ['-i', 'localhost,', playbook], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3',
        ANSIBLE_LOCALHOST_WARNING: 'false',
        ANSIBLE_NOCOLOR: '1',
        ANSIBLE_RETRY_FILES_ENABLED: 'false',
        ANSIBLE_PIPELINING: 'true',
        ANSIBLE_LOCAL_TEMP: join(root, `.ansible-local-${name}`),
      },
    });
    let output = '';
    const keep = (b: Buffer) => { output = (output + b.toString()).slice(-3000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, output }));
  });
  if (r.status !== 0 || !existsSync(resultsFile)) throw new Error(`ansible-playbook failed (exit ${r.status}): ${r.output}`);
  const list = JSON.parse(readFileSync(resultsFile, 'utf8')) as RunReport[];
  if (list.length !== cases.length * 2) throw new Error(`ansible-playbook gave ${list.length} results for ${cases.length * 2} runs`);
  return list;
}
