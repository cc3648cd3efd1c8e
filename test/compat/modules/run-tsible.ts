// Compatibility suite support: runs every case twice with tsible's modules on the local transport.
import { join } from 'node:path';
import { runModule } from '../../../core/engine/run-module.ts';
import type { Module } from '../../../core/module.ts';
import { LocalTransport } from '../../../core/transport/local.ts';
import { copy, file, lineinfile } from '../../../modules/index.ts';
import type { CompatCase } from './compat-case.ts';
import { type RunReport, expandArgs } from './run-ansible.ts';

const MODULES: Record<CompatCase['module'], Module> = { copy, file, lineinfile };

/** Runs the cases as runAnsible does, with tsible; the working directory of the commands is `root`. */
export async function runTsible(cases: CompatCase[], root: string, localRoot: string): Promise<Map<string, [RunReport, RunReport]>> {
  const results = new Map<string, [RunReport, RunReport]>();
  const transport = new LocalTransport('localhost', { commandTimeoutMs: 60_000 });
  const cwd = process.cwd();
  // Relative paths are relative to the transport's working directory, as Ansible's are to its own.
  process.chdir(root);
  try {
    for (const c of cases) {
      const args = expandArgs(c.args, { D: join(root, c.id), R: c.id, L: join(localRoot, c.id) }) as Record<string, unknown>;
      const runs: RunReport[] = [];
      for (let i = 0; i < 2; i++) {
        const r = await runModule({ module: MODULES[c.module], args, transport, hostName: 'localhost', check: c.check ?? false, baseDir: join(localRoot, c.id) });
        runs.push({ changed: r.status === 'changed', failed: r.status === 'failed', msg: r.msg });
      }
      results.set(c.id, [runs[0], runs[1]]);
    }
  } finally {
    process.chdir(cwd);
  }
  return results;
}
