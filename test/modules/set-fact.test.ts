// set_fact: variables set for the rest of the run (rendered with the host's vars), above play vars and below -e; ad hoc output as ansible-core's; bad names refused.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.ts';
import { needs } from '../support/needs.ts';

const haveAnsible = spawnSync('ansible', ['--version'], { stdio: 'ignore' }).status === 0;

describe('module set_fact', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'tsible-set-fact-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sets variables for later tasks, per host, above play vars and below -e', async () => {
    writeFileSync(join(dir, 'hosts'), 'h1 ansible_connection=local n=1\nh2 ansible_connection=local n=2\n');
    writeFileSync(join(dir, 'play.ts'), [
      `import { playbook } from ${JSON.stringify(join(import.meta.dirname, '../../core/index.ts'))};`,
      `import { copy, setFact } from ${JSON.stringify(join(import.meta.dirname, '../../modules/index.ts'))};`,
      "export default playbook({ hosts: 'all', gatherFacts: false, vars: { who: 'play', fixed: 'play' }, tasks: [",
      "  setFact({ who: 'fact {{ inventory_hostname }}', twice: '{{ n | int * 2 }}', fixed: 'fact' }),",
      "  copy({ content: '{{ who }} {{ twice }} {{ fixed }}\\n', dest: '{{ dir }}/{{ inventory_hostname }}' }, { when: 'twice | int > 1' }),",
      '] });',
      '',
    ].join('\n'));
    const r = await runCli(['play', join(dir, 'play.ts'), '-i', join(dir, 'hosts'), '-e', `dir=${dir}`, '-e', 'fixed=extra'], dir);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(readFileSync(join(dir, 'h1'), 'utf8')).to.equal('fact h1 2 extra\n');
    expect(readFileSync(join(dir, 'h2'), 'utf8')).to.equal('fact h2 4 extra\n');
  });

  it('ad hoc: the same ansible_facts as ansible-core; a word that is not name=value is refused (exit 5)', async function () {
    needs(this, haveAnsible, 'needs ansible-core (scripts/install-deps.sh installs it)');
    const a = spawnSync('ansible', ['localhost', '-m', 'set_fact', '-a', 'a=1 b=x'], { encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'false' } });
    const t = await runCli(['localhost', '-m', 'set_fact', '-a', 'a=1 b=x', '--json']);
    expect(JSON.parse(t.stdout).plays[0].tasks[0].hosts.localhost.ansible_facts).to.deep.equal(JSON.parse(a.stdout.replace(/^localhost \| SUCCESS => /, '')).ansible_facts);
    const bad = await runCli(['localhost', '-m', 'set_fact', '-a', '9a=1']);
    expect(bad.code).to.equal(5);
    expect(bad.stderr).to.include('"9a=1" is not one');
  });
});
