// template with a .j2 through the CLI on the local connection: renders for real, idempotent, check mode, secrets masked, and render errors that change nothing.
import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.ts';

describe('template module with Jinja2 (local connection)', function () {
  this.timeout(60_000);
  let dir: string;
  let inventory: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-j2-'));
    inventory = join(dir, 'hosts.ini');
    writeFileSync(inventory, `localhost ansible_connection=local site=shop db_password=s3cr3t-pw motd_line="Welcome to {{ site }}"\n[web]\nlocalhost\n`);
    writeFileSync(join(dir, 'motd.j2'), '{{ motd_line }} ({{ inventory_hostname }})\n{% for g in group_names %}\n- {{ g }}\n{% endfor %}\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const template = (src: string, dest: string, ...extra: string[]) => runCli(['all', '-i', inventory, '-m', 'template', '-a', `src=${join(dir, src)} dest=${join(dir, dest)}`, ...extra]);

  it('writes the rendered file, then reports no change; check mode writes nothing', async () => {
    const check = await template('motd.j2', 'motd', '--check');
    expect(check.stdout).to.contain('CHANGED');
    expect(existsSync(join(dir, 'motd'))).to.equal(false);
    const first = await template('motd.j2', 'motd');
    expect(first.code, first.stdout).to.equal(0);
    expect(first.stdout).to.contain('CHANGED');
    expect(readFileSync(join(dir, 'motd'), 'utf8')).to.equal('Welcome to shop (localhost)\n- web\n');
    const second = await template('motd.j2', 'motd');
    expect(second.code).to.equal(0);
    expect(second.stdout).to.contain('SUCCESS').and.not.contain('CHANGED');
  });

  it('a secret variable is written for real and printed as *** in the diff', async () => {
    writeFileSync(join(dir, 'db.j2'), 'password={{ db_password }}\nencoded={{ db_password | b64encode }}\n');
    const run = await template('db.j2', 'db.conf', '--diff');
    expect(run.code, run.stdout).to.equal(0);
    expect(readFileSync(join(dir, 'db.conf'), 'utf8')).to.equal(`password=s3cr3t-pw\nencoded=${Buffer.from('s3cr3t-pw').toString('base64')}\n`);
    expect(run.stdout + run.stderr).to.not.contain('s3cr3t-pw');
  });

  for (const [what, text, message] of [
    ['an undefined variable', 'ok\nHello {{ nobody }}\n', /bad\.j2:2, host localhost, task \\"template\\", field \\"src\\": 'nobody' is undefined/],
    ['a syntax error', 'ok\n{% if x %}\nnever closed\n', /bad\.j2(:\d+)?, host localhost, task \\"template\\", field \\"src\\": .+/],
    ['an unknown filter', 'ok\n{{ site | frobnicate }}\n', /bad\.j2:2, .*no filter named 'frobnicate'/],
  ] as const) {
    it(`${what}: the task fails naming file and line, nothing is written, nothing reported changed`, async () => {
      writeFileSync(join(dir, 'bad.j2'), text);
      const run = await template('bad.j2', 'out');
      expect(run.code).to.not.equal(0);
      expect(run.stdout).to.match(message);
      expect(run.stdout).to.contain('FAILED').and.not.contain('CHANGED');
      expect(existsSync(join(dir, 'out'))).to.equal(false);
    });
  }

  it("ad hoc -a 'echo {{ inventory_hostname }}' prints the host's name", async () => {
    const run = await runCli(['all', '-i', inventory, '-a', 'echo {{ inventory_hostname }} {{ motd_line }}']);
    expect(run.code, run.stdout).to.equal(0);
    expect(run.stdout).to.contain('localhost Welcome to shop');
  });
});
