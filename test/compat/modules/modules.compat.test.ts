// Compatibility suite: lineinfile, file and copy run by the real Ansible and by tsible on identical fresh files, results compared.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { COPY_CASES } from './cases-copy.ts';
import { FILE_CASES } from './cases-file.ts';
import { LINEINFILE_CASES } from './cases-lineinfile.ts';
import type { CompatCase } from './compat-case.ts';
import { buildFixture, readTree } from './fixture-tree.ts';
import { type RunReport, hasAnsible, runAnsible } from './run-ansible.ts';
import { runTsible } from './run-tsible.ts';

/** TSIBLE_COMPAT_ONLY=lineinfile (or a case id prefix) runs part of the corpus, while working on one module. */
const ONLY = process.env.TSIBLE_COMPAT_ONLY;
export const ALL_CASES: CompatCase[] = [...LINEINFILE_CASES, ...FILE_CASES, ...COPY_CASES].filter((c) => !ONLY || c.id.startsWith(ONLY));

/** The differences between Ansible's and tsible's outcome of one case ([] = the same). */
export function compareCase(a: [RunReport, RunReport], t: [RunReport, RunReport], aTree: unknown, tTree: unknown): string[] {
  const out: string[] = [];
  for (const i of [0, 1]) {
    const run = i === 0 ? 'first run' : 'second run';
    if (a[i].failed !== t[i].failed) out.push(`${run}: failed ${a[i].failed} in Ansible (${a[i].msg ?? ''}), ${t[i].failed} in tsible (${t[i].msg ?? ''})`);
    else if (!a[i].failed && a[i].changed !== t[i].changed) out.push(`${run}: changed ${a[i].changed} in Ansible, ${t[i].changed} in tsible`);
  }
  const aj = JSON.stringify(aTree, null, 1);
  const tj = JSON.stringify(tTree, null, 1);
  if (aj !== tj) out.push(`files differ:\nAnsible: ${aj}\ntsible:  ${tj}`);
  return out;
}

describe('modules compatibility with ansible-core (lineinfile, file, copy) @compat', function () {
  this.timeout(20 * 60_000);
  const results = new Map<string, string[]>();
  let root = '';

  before(async function () {
    if (!hasAnsible()) {
      console.log('    skipped: ansible-playbook is not installed (scripts/install-deps.sh installs Debian\'s ansible-core)');
      this.skip();
    }
    root = mkdtempSync('/tmp/tsible-compat-modules-');
    for (const side of ['ansible', 'tsible']) {
      for (const c of ALL_CASES) {
        mkdirSync(join(root, side, c.id), { recursive: true });
        buildFixture(join(root, side, c.id), c.files ?? {});
      }
    }
    for (const c of ALL_CASES) {
      mkdirSync(join(root, 'local', c.id), { recursive: true });
      buildFixture(join(root, 'local', c.id), c.local ?? {});
    }
    const ansible = await runAnsible(ALL_CASES, join(root, 'ansible'), join(root, 'local'));
    const tsible = await runTsible(ALL_CASES, join(root, 'tsible'), join(root, 'local'));
    for (const c of ALL_CASES) {
      const diffs = compareCase(ansible.get(c.id)!, tsible.get(c.id)!, readTree(join(root, 'ansible', c.id), join(root, 'ansible')), readTree(join(root, 'tsible', c.id), join(root, 'tsible')));
      results.set(c.id, diffs);
    }
    const same = (list: CompatCase[]) => list.filter((c) => results.has(c.id) && !results.get(c.id)!.length).length;
    console.log(`    tsible gives Ansible's result in ${same(ALL_CASES)} of ${ALL_CASES.length} cases `
      + `(lineinfile ${same(LINEINFILE_CASES)}/${LINEINFILE_CASES.length}, file ${same(FILE_CASES)}/${FILE_CASES.length}, copy ${same(COPY_CASES)}/${COPY_CASES.length})`);
  });

  after(() => {
    if (root && !process.env.TSIBLE_KEEP_COMPAT) rmSync(root, { recursive: true, force: true });
  });

  for (const c of ALL_CASES) {
    it(`${c.id}: ${c.source}`, () => {
      const diffs = results.get(c.id)!;
      if (c.differs) {
        expect(diffs, `expected a deliberate difference (${c.differs}), but tsible now gives Ansible's result: remove the mark`).not.to.deep.equal([]);
      } else {
        expect(diffs, diffs.join('\n')).to.deep.equal([]);
      }
    });
  }
});
