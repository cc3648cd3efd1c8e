// The same Jinja templates and ad hoc {{ }} arguments through real ansible-core (Debian's 2.14) and tsible, outputs compared byte for byte.
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../support/cli.ts';
import { needs } from '../../support/needs.ts';

const CORPUS = fileURLToPath(new URL('../../fixtures/template/corpus/', import.meta.url));
const VARS = join(CORPUS, 'vars.json');
/** Every template of the corpus (files starting with _ are only included by others). */
const TEMPLATES = readdirSync(CORPUS).filter((f) => f.endsWith('.j2') && !f.startsWith('_')).sort();
const hasAnsible = spawnSync('ansible-playbook', ['--version'], { stdio: 'ignore' }).status === 0;

describe('Jinja templates: tsible and ansible-core give the same bytes', function () {
  this.timeout(180_000);
  let dir: string;
  let inventory: string;

  before(function () {
    needs(this, hasAnsible, 'ansible-core is not installed (scripts/install-deps.sh installs it)');
    dir = mkdtempSync(join(tmpdir(), 'tsible-jinja-'));
    inventory = join(dir, 'hosts.ini');
    writeFileSync(inventory, [
      'h1 ansible_connection=local ansible_python_interpreter=/usr/bin/python3 greeting="hi {{ inventory_hostname }}" port=80 tags_csv="a,b"',
      'h2 ansible_connection=local ansible_python_interpreter=/usr/bin/python3 greeting="hello {{ inventory_hostname }} on {{ port }}" port=8080 tags_csv="c"',
      '[web]', 'h1', 'h2', '',
    ].join('\n'));
    // One ansible-playbook run renders the whole corpus (one process: Ansible's start-up is seconds here).
    const playbook = join(dir, 'corpus.yml');
    writeFileSync(playbook, [
      '- hosts: h1', '  gather_facts: false', '  tasks:',
      '    - template:', `        src: "${CORPUS}{{ item }}"`, `        dest: "${dir}/ansible-{{ item }}"`,
      `      loop: ${JSON.stringify(TEMPLATES)}`, '',
    ].join('\n'));
    execFileSync('ansible-playbook', ['-i', inventory, playbook, '-e', `@${VARS}`], { stdio: 'pipe', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const name of TEMPLATES) {
    it(`${name}`, async () => {
      const dest = join(dir, `tsible-${name}`);
      const run = await runCli(['h1', '-i', inventory, '-m', 'template', '-a', `src=${CORPUS}${name} dest=${dest}`, '-e', `@${VARS}`]);
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      expect(readFileSync(dest, 'utf8')).to.equal(readFileSync(join(dir, `ansible-${name}`), 'utf8'));
    });
  }

  /** The stdout lines of an ad hoc command run, host by host: `h1 | CHANGED | rc=0 >>` headers dropped, sorted. */
  const echoed = (out: string): string[] => out.split('\n').filter((l) => l && !/ \| (CHANGED|SUCCESS|FAILED)/.test(l)).sort();

  it('ad hoc -a with {{ }}: variables, inventory values that are templates themselves, filters', async () => {
    const args = 'echo {{ inventory_hostname }} / {{ greeting }} / {{ tags_csv.split(",") | length }} / {{ port | int + 1 }} / {{ groups["web"] | join("+") }}';
    const ansible = execFileSync('ansible', ['web', '-i', inventory, '-m', 'command', '-a', args, '-f', '1'], { encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
    const tsible = await runCli(['web', '-i', inventory, '-m', 'command', '-a', args, '-f', '1']);
    expect(tsible.code, tsible.stdout + tsible.stderr).to.equal(0);
    expect(echoed(tsible.stdout)).to.deep.equal(echoed(ansible));
    expect(echoed(tsible.stdout)).to.deep.equal(['h1 / hi h1 / 2 / 81 / h1+h2', 'h2 / hello h2 on 8080 / 1 / 8081 / h1+h2']);
  });

  it('ad hoc module arguments: copy content={{ }} dest=… writes the same files', async () => {
    const args = (who: string) => `content="{{ greeting | upper }} {{ port }}" dest=${dir}/${who}-{{ inventory_hostname }}.txt`;
    execFileSync('ansible', ['web', '-i', inventory, '-m', 'copy', '-a', args('ansible')], { stdio: 'pipe' });
    const run = await runCli(['web', '-i', inventory, '-m', 'copy', '-a', args('tsible')]);
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    for (const h of ['h1', 'h2']) expect(readFileSync(join(dir, `tsible-${h}.txt`), 'utf8')).to.equal(readFileSync(join(dir, `ansible-${h}.txt`), 'utf8'));
    expect(readFileSync(join(dir, 'tsible-h2.txt'), 'utf8')).to.equal('HELLO H2 ON 8080 8080');
  });
});
