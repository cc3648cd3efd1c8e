// Bad input is refused before any host is touched, with an error naming the file, line, task or field, and exit code 5 (or 1).
import { expect } from 'chai';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, useSshdTargets } from '../support/cli.ts';

const fixtures = join(import.meta.dirname, '../fixtures/engine');

describe('tsible: bad input', function () {
  this.timeout(60_000);
  const t = useSshdTargets(2, 'errors');

  /** No fixture writes under /tmp/tsible-never-written*, and the test t.dir stays empty. */
  const nothingWritten = () => {
    expect(readdirSync('/tmp').filter((f) => f.startsWith('tsible-never-written'))).to.deep.equal([]);
    expect(readdirSync(t.dir).filter((f) => f !== 'inv.ini')).to.deep.equal([]);
  };

  it('a missing playbook: exit 5, names the file', async () => {
    const r = await runCli(['play', join(t.dir, 'nope.ts'), '-i', t.inventory]);
    expect(r.code).to.equal(5);
    expect(r.stderr).to.match(/ERROR! .*nope\.ts: the playbook could not be found/);
  });

  it('an Ansible YAML playbook: exit 5, names the file, says playbooks are TypeScript and what to do instead', async () => {
    const yml = join(t.dir, 'site.yml');
    writeFileSync(yml, '- hosts: all\n  tasks:\n    - ping:\n');
    const r = await runCli(['play', yml, '-i', t.inventory]);
    expect(r.code).to.equal(5);
    expect(r.stderr).to.match(/^ERROR! .*site\.yml: this is a YAML \(Ansible\) playbook; tsible playbooks are TypeScript/);
    expect(r.stderr).to.include('tsible convert PLAYBOOK.yml -o PLAYBOOK.ts');
    expect(r.stderr).to.not.include('loader');
  });

  it('a directory given as the playbook: exit 5, names the path', async () => {
    const r = await runCli(['play', t.dir, '-i', t.inventory]);
    expect(r.code).to.equal(5);
    expect(r.stderr).to.equal(`ERROR! ${t.dir}: this is a directory; give the playbook file (a .ts file) to run\n`);
  });

  it('an unclosed host range in an INI inventory: exit 5, a bad range (not a bad port), file and line', async () => {
    const inv = join(t.dir, 'inv.ini');
    writeFileSync(inv, '[web]\nh[1:\n');
    const r = await runCli(['all', '-i', inv, '-m', 'ping']);
    expect(r.code).to.equal(5);
    expect(r.stderr).to.match(/inv\.ini:2: bad host range in "h\[1:"/);
  });

  it('a wrong argument type: exit 5 naming file, line, task and field; no host touched', async () => {
    const r = await runCli(['play', join(fixtures, 'bad-args.ts'), '-i', t.inventory, '-e', `dir=${t.dir}`]);
    expect(r.code).to.equal(5);
    expect(r.stderr).to.match(/bad-args\.ts:11, task "Bad task", field "content": module marker expects a string/);
    expect(r.stdout).to.equal('');
    nothingWritten();
  });

  it('notifying a handler that does not exist: exit 5 before anything runs', async () => {
    const r = await runCli(['play', join(fixtures, 'bad-notify.ts'), '-i', t.inventory]);
    expect(r.code).to.equal(5);
    expect(r.stderr).to.match(/task "Notifier", field "notify": notifies "missing handler"/);
    nothingWritten();
  });

  it('an unparsable inventory line: exit 5 naming file and line', async () => {
    const inv = join(t.dir, 'inv.ini');
    writeFileSync(inv, '[targets]\nweb1 ansible_host=1.2.3.4\n[broken\n');
    const r = await runCli(['play', join(fixtures, 'basic.ts'), '-i', inv, '-e', `dir=${t.dir}`]);
    expect(r.code).to.equal(5);
    expect(r.stderr).to.match(/inv\.ini:3/);
    nothingWritten();
  });

  it('a bad host pattern: exit 5 naming the pattern', async () => {
    const r = await runCli(['all:&', '-i', t.inventory, '-M', join(fixtures, 'modules'), '-m', 'marker', '-a', 'path=/tmp/tsible-never-written']);
    expect(r.code).to.equal(5);
    expect(r.stderr).to.match(/ERROR! .*pattern/i);
    nothingWritten();
  });

  it('an unknown module (ad hoc): exit 5 listing the known ones', async () => {
    const r = await runCli(['all', '-i', t.inventory, '-m', 'nosuchmodule']);
    expect(r.code).to.equal(5);
    expect(r.stderr).to.match(/unknown module "nosuchmodule"; known modules: /);
  });

  it('an unknown argument (ad hoc): exit 5 naming the field', async () => {
    const r = await runCli(['all', '-i', t.inventory, '-M', join(fixtures, 'modules'), '-m', 'marker', '-a', 'path=/tmp/tsible-never-written colour=blue']);
    expect(r.code).to.equal(5);
    expect(r.stderr).to.match(/field "colour": unknown argument for module marker/);
    nothingWritten();
  });

  it('an unknown option: exit 5', async () => {
    const r = await runCli(['play', join(fixtures, 'basic.ts'), '-i', t.inventory, '--no-such-flag']);
    expect(r.code).to.equal(5);
    expect(r.stderr).to.match(/Unknown argument/i);
  });

  it('--syntax-check reports a type error with file:line:column and touches no host', async () => {
    const r = await runCli(['play', join(fixtures, 'type-error.invalid.ts'), '--syntax-check']);
    expect(r.code).to.equal(5);
    expect(r.stderr).to.match(/type-error\.invalid\.ts:8:\d+: Object literal may only specify known properties, and 'colour' does not exist/);
  });

  it('--syntax-check of a playbook in a folder of its own: `tsible` and Node\'s types found (the copy running), a wrong argument still an error', async () => {
    const own = mkdtempSync(join(tmpdir(), 'tsible-own-check-'));
    try {
      const good = "import { readFileSync } from 'node:fs';\nimport { playbook } from 'tsible';\nimport { copy } from 'tsible/modules';\n" +
        "export default playbook({ hosts: 'all', tasks: [copy({ content: readFileSync('/etc/hostname', 'utf8'), dest: '/tmp/x', mode: '0644' }, { when: (v) => v.x === 1 })] });\n";
      writeFileSync(join(own, 'good.ts'), good);
      writeFileSync(join(own, 'bad.ts'), good.replace("mode: '0644'", 'mode: 644'));
      const ok = await runCli(['play', join(own, 'good.ts'), '--syntax-check'], own);
      expect(ok.code, ok.stderr).to.equal(0);
      const bad = await runCli(['play', join(own, 'bad.ts'), '--syntax-check'], own);
      expect(bad.code).to.equal(5);
      expect(bad.stderr).to.match(/bad\.ts:4:\d+: Type 'number' is not assignable to type 'string'/);
      expect(bad.stderr).to.not.match(/Cannot find/);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('--syntax-check passes a good playbook without an inventory', async () => {
    const r = await runCli(['play', join(fixtures, 'basic.ts'), '--syntax-check']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.include('playbook: ');
  });
});
