// The shell module: script resolution (tables), errors before anything runs, and real runs on the local transport.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ArgsError } from '../../core/errors.ts';
import { prepareArgs, runModule } from '../../core/engine/run-module.ts';
import { quoteWord, toShell } from '../../core/quote.ts';
import { secret } from '../../core/secret.ts';
import { LocalTransport } from '../../core/transport/local.ts';
import { shell, shellSpec, type ShellArgs } from '../../modules/shell.ts';

const args = (raw: Record<string, unknown>): ShellArgs => prepareArgs(shell, raw, {}, {});

describe('shell arguments', () => {
  it('the default shell is the {shell} form of core/quote.ts: sh -c with the script as one quoted word', () => {
    const spec = shellSpec(args({ cmd: `echo "$HOME" | tr a-z A-Z > '/tmp/o f'` }));
    expect(spec.command).to.deep.equal({ shell: `echo "$HOME" | tr a-z A-Z > '/tmp/o f'` });
    expect(toShell(spec.command)).to.equal(`sh -c ${quoteWord(`echo "$HOME" | tr a-z A-Z > '/tmp/o f'`)}`);
    expect(spec.cmd).to.equal(`echo "$HOME" | tr a-z A-Z > '/tmp/o f'`);
  });

  it('executable runs the script with EXECUTABLE -c as an argv', () => {
    const spec = shellSpec(args({ cmd: 'echo $0', executable: '/bin/bash' }));
    expect(spec.command).to.deep.equal(['/bin/bash', '-c', 'echo $0']);
    expect(spec.display).to.equal("/bin/bash -c 'echo $0'");
  });

  it('free form: leading creates=/removes=/chdir=/executable= words, the rest verbatim', () => {
    const spec = shellSpec(args({ cmd: 'chdir=/var/log executable=/bin/bash creates=/x ls | wc -l > /x' }));
    expect(spec).to.include({ chdir: '/var/log', creates: '/x' });
    expect(spec.command).to.deep.equal(['/bin/bash', '-c', 'ls | wc -l > /x']);
  });

  it('a secret script is sent as is and shown as ***', () => {
    const spec = shellSpec(args({ cmd: secret('echo hunter2 | chpasswd') }));
    expect(spec.display).to.equal('***');
    expect(spec.cmd).to.equal('***');
  });

  const bad: [Record<string, unknown>, string, string][] = [
    [{}, 'cmd', 'requires this argument'],
    [{ cmd: ' \n' }, 'cmd', 'no command'],
    [{ cmd: 'chdir=/tmp' }, 'cmd', 'no command'],
    [{ cmd: 'x', executable: '' }, 'executable', 'must not be empty'],
    [{ cmd: 'removes=/a x', removes: '/b' }, 'removes', 'given both'],
    [{ cmd: 'x', argv: ['x'] }, 'argv', 'unknown argument'],
  ];
  for (const [raw, field, message] of bad) {
    it(`refuses ${JSON.stringify(raw)} naming field ${field}`, () => {
      expect(() => args(raw)).to.throw(ArgsError, message).with.property('where').that.include({ field });
    });
  }
});

describe('shell on the local transport', () => {
  const transport = new LocalTransport('localhost', { commandTimeoutMs: 30_000 });
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-shell-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await transport.close();
  });
  const run = (a: Record<string, unknown>, check = false) => runModule({ module: shell, args: a, transport, check });

  it('pipes, redirections and variables work; stdout and stderr come back', async () => {
    const r = await run({ cmd: `X=it\\'s; echo "$X" | tr a-z A-Z; echo warn >&2; printf 'a\\nb\\n' > ${quoteWord(join(dir, 'o f'))}`, chdir: dir });
    expect(r.status).to.equal('changed');
    expect(r.data).to.include({ rc: 0, stdout: "IT'S", stderr: 'warn' });
    expect(r.data.cmd).to.be.a('string');
    expect(existsSync(join(dir, 'o f'))).to.equal(true);
  });

  it('executable picks the shell', async () => {
    const r = await run({ cmd: 'echo "$0 ${BASH_VERSION:+bash}"', executable: '/bin/bash' });
    expect(r.data.stdout).to.equal('/bin/bash bash');
  });

  it('creates makes it idempotent: changed, then ok without running', async () => {
    const f = join(dir, 'once');
    const cmd = `echo run >> ${quoteWord(f)}`;
    expect((await run({ cmd, creates: f })).status).to.equal('changed');
    expect((await run({ cmd, creates: f })).status).to.equal('ok');
    expect((await run({ cmd: `creates=${f} ${cmd}` })).status).to.equal('ok');
    const count = await transport.run(['wc', '-l', f]);
    expect(count.stdout.trim().split(' ')[0]).to.equal('1');
  });

  it('removes with a glob: runs while something matches', async () => {
    await transport.run(['touch', join(dir, 'a.tmp'), join(dir, 'b.tmp')]);
    expect((await run({ cmd: 'rm -f *.tmp', chdir: dir, removes: '*.tmp' })).status).to.equal('changed');
    expect((await run({ cmd: 'rm -f *.tmp', chdir: dir, removes: '*.tmp' })).status).to.equal('ok');
  });

  it('stdin reaches the script (with the added newline)', async () => {
    const r = await run({ cmd: 'wc -c', stdin: 'abc' });
    expect(r.data.stdout).to.equal('4');
  });

  it('a failing script fails the task with rc and stderr', async () => {
    const r = await run({ cmd: 'echo nope >&2; exit 42' });
    expect(r.status).to.equal('failed');
    expect(r.msg).to.equal('non-zero return code 42: nope');
    expect(r.data.rc).to.equal(42);
  });

  it('check mode runs nothing: the file the script would create stays absent', async () => {
    const f = join(dir, 'not-in-check');
    const r = await run({ cmd: `touch ${quoteWord(f)}` }, true);
    expect(r).to.include({ status: 'skipped', msg: 'Command would have run if not in check mode' });
    expect(existsSync(f)).to.equal(false);
  });

  it('a secret script is never shown: summary, cmd and check-mode message are masked (its output is its own)', async () => {
    const r = await run({ cmd: secret('true s3cr3t-value') });
    expect(r.status).to.equal('changed');
    expect(r.changes[0].summary).to.equal('run: ***');
    expect(r.data.cmd).to.equal('***');
    expect(JSON.stringify(r)).to.not.include('s3cr3t-value');
    const c = await run({ cmd: secret('true s3cr3t-value'), removes: '/' }, true);
    expect(c.changes[0].summary).to.equal('run: ***');
    expect(JSON.stringify(c)).to.not.include('s3cr3t-value');
  });
});
