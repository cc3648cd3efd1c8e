// tsible convert: an Ansible playbook, run by ansible-playbook as it is and by tsible once converted, leaves the same files and reports the same changes; what cannot be converted is listed and marked.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli } from '../support/cli.ts';
import { needs } from '../support/needs.ts';

const haveAnsible = spawnSync('ansible-playbook', ['--version'], { stdio: 'ignore' }).status === 0;
const fixtures = join(import.meta.dirname, '../fixtures/convert');

/** Every file below `dir` with its mode and content, paths relative to it. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        out[`${relative(dir, p)}/`] = (statSync(p).mode & 0o7777).toString(8);
        walk(p);
      } else out[relative(dir, p)] = `${(statSync(p).mode & 0o7777).toString(8)} ${readFileSync(p, 'utf8')}`;
    }
  };
  walk(dir);
  return out;
}

/** changed=N per host from a PLAY RECAP. */
const changedCounts = (stdout: string) => Object.fromEntries([...stdout.matchAll(/^(\S+)\s*:\s*ok=\d+\s+changed=(\d+)/gm)].map((m) => [m[1], Number(m[2])]));

describe('tsible convert', function () {
  this.timeout(180_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-convert-'));
    cpSync(fixtures, dir, { recursive: true });
    writeFileSync(join(dir, 'hosts'), 'h1 ansible_connection=local\nh2 ansible_connection=local\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the converted playbook (a role, a task file, a block, set_fact, handlers, loops, Jinja conditions) type-checks, and runs as ansible-playbook runs the original: same files, same changes; then changed=0', async function () {
    needs(this, haveAnsible, 'needs ansible-core (scripts/install-deps.sh installs it)');
    const c = await runCli(['convert', 'site.yml', '-o', 'site.ts'], dir);
    expect(c.code, c.stderr).to.equal(0);
    expect(c.stderr.trim().split('\n').filter((l) => l.includes('WARNING'))).to.deep.equal([
      '[WARNING]: not converted: play "converted play" role 1: role greeter\'s defaults became play vars: inventory values of the same names no longer win over them as in Ansible (move those to group_vars/all if they should)',
    ]);
    const check = await runCli(['play', join(dir, 'site.ts'), '--syntax-check'], dir);
    expect(check.code, check.stdout + check.stderr).to.equal(0);
    const a = spawnSync('ansible-playbook', ['site.yml', '-i', 'hosts', '-e', `dir=${join(dir, 'ansible')}`], { cwd: dir, encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
    expect(a.status, a.stdout + a.stderr).to.equal(0);
    const t = await runCli(['play', join(dir, 'site.ts'), '-i', join(dir, 'hosts'), '-e', `dir=${join(dir, 'tsible')}`], dir);
    expect(t.code, t.stdout + t.stderr).to.equal(0);
    expect(tree(join(dir, 'tsible'))).to.deep.equal(tree(join(dir, 'ansible')));
    expect(Object.keys(tree(join(dir, 'tsible')))).to.include.members(['h1/a', 'h1/c', 'h1/handled', 'h2/greeting.txt', 'h2/hello', 'h2/shout', 'h1/included', 'h1/role/role.txt', 'h2/role/handled']);
    expect(Object.keys(tree(join(dir, 'tsible')))).to.not.include.members(['h2/included', 'h1/block']);
    expect(Object.keys(tree(join(dir, 'tsible')))).to.include('h2/block');
    expect(readFileSync(join(dir, 'tsible/h1/shout'), 'utf8')).to.equal('BONJOUR x,y\n');
    expect(changedCounts(t.stdout)).to.deep.equal(changedCounts(a.stdout));
    expect(t.stdout).to.include('ok: [h1] => bonjour from h1');
    const again = await runCli(['play', join(dir, 'site.ts'), '-i', join(dir, 'hosts'), '-e', `dir=${join(dir, 'tsible')}`], dir);
    expect(changedCounts(again.stdout)).to.deep.equal({ h1: 0, h2: 0 });
  });

  it('lists what it cannot convert (a missing role, block, a missing task file, an unknown module) and marks it TODO; an unknown argument is left for the type check to name', async () => {
    const c = await runCli(['convert', 'unsupported.yml'], dir);
    expect(c.code).to.equal(0);
    expect(c.stderr.trim().split('\n')).to.have.length(5);
    expect(c.stderr).to.include('role common not found').and.include('a block with rescue or always has no tsible equivalent').and.include('include_tasks').and.include('community.general.ufw').and.include('argument "frobnicate"');
    expect(c.stdout.match(/TODO/g)).to.have.length(5);
    expect(c.stdout).to.include('backup: true');
    writeFileSync(join(dir, 'unsupported.ts'), c.stdout);
    const check = await runCli(['play', join(dir, 'unsupported.ts'), '--syntax-check'], dir);
    expect(check.code).to.equal(5);
    expect(check.stderr).to.include('frobnicate');
  });

  it('several plays become playbook(play, play); Ansible keywords tsible lacks are dropped with a note; the result type-checks', async () => {
    writeFileSync(join(dir, 'two.yml'), [
      '- hosts: web', '  become: yes', '  tasks:', '    - name: one', '      file: path=/tmp/x/ state=directory', '      delegate_to: localhost',
      '- hosts: db', '  tasks:', '    - include: tasks/extra.yml', '    - wait_for: port="{{ db_port }}" timeout=5', '',
    ].join('\n'));
    const c = await runCli(['convert', 'two.yml', '-o', 'two.ts'], dir);
    expect(c.code, c.stderr).to.equal(0);
    expect(c.stderr).to.include('delegate_to (the task runs on each host itself) is not converted');
    const ts = readFileSync(join(dir, 'two.ts'), 'utf8');
    expect(ts.match(/gatherFacts: true/g), 'Ansible gathers facts by default').to.have.length(2);
    expect(ts).to.match(/export default playbook\(\n  \{/).and.include('waitFor({ port: "{{ db_port }}", timeout: 5 })').and.include('From a task file');
    const check = await runCli(['play', join(dir, 'two.ts'), '--syntax-check'], dir);
    expect(check.code, check.stdout + check.stderr).to.equal(0);
  });

  it('refuses to replace an existing file without --force; a missing playbook is exit 5', async () => {
    writeFileSync(join(dir, 'site.ts'), 'mine\n');
    const r = await runCli(['convert', 'site.yml', '-o', 'site.ts'], dir);
    expect(r.code).to.equal(5);
    expect(readFileSync(join(dir, 'site.ts'), 'utf8')).to.equal('mine\n');
    expect((await runCli(['convert', 'site.yml', '-o', 'site.ts', '--force'], dir)).code).to.equal(0);
    expect((await runCli(['convert', 'nope.yml'], dir)).code).to.equal(5);
  });
});
