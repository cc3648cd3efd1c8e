// The command module: argument resolution (tables), errors before anything runs, and real runs on the local transport.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ArgsError } from '../../core/errors.ts';
import { prepareArgs, runModule } from '../../core/engine/run-module.ts';
import { secret } from '../../core/secret.ts';
import { LocalTransport } from '../../core/transport/local.ts';
import { command, commandSpec, type CommandArgs } from '../../modules/command.ts';

const args = (raw: Record<string, unknown>): CommandArgs => prepareArgs(command, raw, {}, { task: 't' });

describe('command arguments', () => {
  const table: [Record<string, unknown>, unknown[], Partial<{ creates: string; removes: string; chdir: string }>][] = [
    [{ cmd: 'uptime' }, ['uptime'], {}],
    [{ cmd: `echo 'a b' $HOME "c"` }, ['echo', 'a b', '$HOME', 'c'], {}],
    [{ _raw_params: 'ls -l' }, ['ls', '-l'], {}],
    [{ cmd: 'creates=/x chdir=/tmp touch x' }, ['touch', 'x'], { creates: '/x', chdir: '/tmp' }],
    [{ cmd: 'touch x', removes: '/y' }, ['touch', 'x'], { removes: '/y' }],
    [{ argv: ['printf', '%s\\n', 'a b'] }, ['printf', '%s\\n', 'a b'], {}],
    [{ argv: 'echo,hi' }, ['echo', 'hi'], {}],
  ];
  for (const [raw, argv, extra] of table) {
    it(`${JSON.stringify(raw)} runs ${JSON.stringify(argv)}`, () => {
      const spec = commandSpec(args(raw));
      expect(spec.command).to.deep.equal(argv);
      expect({ creates: spec.creates, removes: spec.removes, chdir: spec.chdir }).to.deep.equal({ creates: undefined, removes: undefined, chdir: undefined, ...extra });
    });
  }

  it('stdin gets a newline unless stdinAddNewline is false; a secret stays secret', () => {
    expect(commandSpec(args({ cmd: 'cat', stdin: 'x' })).stdin).to.equal('x\n');
    expect(commandSpec(args({ cmd: 'cat', stdin: 'x', stdin_add_newline: 'no' })).stdin).to.equal('x');
    const s = commandSpec(args({ cmd: 'cat', stdin: secret('pw') })).stdin;
    expect(String(s)).to.equal('***');
    expect((s as { reveal(): string }).reveal()).to.equal('pw\n');
  });

  it('secret argv words are shown as *** in cmd and the summary', () => {
    const spec = commandSpec(args({ argv: ['mysql', '-p', secret('hunter2')] }));
    expect(spec.cmd).to.deep.equal(['mysql', '-p', '***']);
    expect(spec.display).to.equal('mysql -p ***');
  });

  const bad: [Record<string, unknown>, string, string][] = [
    [{}, 'cmd', 'requires cmd or argv'],
    [{ cmd: 'a', argv: ['b'] }, 'argv', 'not both'],
    [{ cmd: '   ' }, 'cmd', 'no command'],
    [{ cmd: 'creates=/x' }, 'cmd', 'no command'],
    [{ argv: [] }, 'argv', 'must not be empty'],
    [{ cmd: `echo 'oops` }, 'cmd', 'unterminated single quote'],
    [{ cmd: 'creates=/a touch a', creates: '/b' }, 'creates', 'given both'],
    [{ cmd: 'x', creates: '' }, 'creates', 'must not be empty'],
    [{ cmd: 'creates= touch a' }, 'creates', 'must not be empty'],
    [{ cmd: secret('rm -rf /x') }, 'cmd', 'cannot be a secret'],
    [{ cmd: 'x', timeout: 0 }, 'timeout', 'positive'],
    [{ cmd: 'x', chdri: '/tmp' }, 'chdri', 'unknown argument'],
    [{ cmd: 'x', stdin_add_newline: 'maybe' }, 'stdinAddNewline', 'boolean'],
  ];
  for (const [raw, field, message] of bad) {
    it(`refuses ${JSON.stringify(raw)} naming field ${field}`, () => {
      expect(() => args(raw)).to.throw(ArgsError, message).with.property('where').that.include({ field });
    });
  }
});

describe('command on the local transport', () => {
  const transport = new LocalTransport('localhost', { commandTimeoutMs: 30_000 });
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-command-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await transport.close();
  });
  const run = (a: Record<string, unknown>, check = false) => runModule({ module: command, args: a, transport, check });

  it('runs without a shell: $HOME, globs and | reach the program as plain words', async () => {
    const r = await run({ cmd: `printf '%s\\n' $HOME * | x` });
    expect(r.status).to.equal('changed');
    expect(r.data.stdout_lines).to.deep.equal(['$HOME', '*', '|', 'x']);
    expect(r.data).to.include({ rc: 0, stderr: '' });
    expect(r.data.delta).to.match(/^0:00:\d\d\.\d{6}$/);
  });

  it('creates: runs and creates the file, then a second run is ok and runs nothing', async () => {
    const f = join(dir, 'made');
    const first = await run({ cmd: `touch ${f}`, creates: f });
    expect(first.status).to.equal('changed');
    expect(existsSync(f)).to.equal(true);
    rmSync(f);
    writeFileSync(f, 'kept');
    const second = await run({ cmd: `rm ${f}`, creates: f });
    expect(second.status).to.equal('ok');
    expect(second.msg).to.equal(`did not run the command since ${f} exists`);
    expect(existsSync(f)).to.equal(true);
  });

  it('removes: runs only while the path exists', async () => {
    const f = join(dir, 'gone');
    writeFileSync(f, '');
    expect((await run({ argv: ['rm', f], removes: f })).status).to.equal('changed');
    expect(existsSync(f)).to.equal(false);
    expect((await run({ argv: ['rm', f], removes: f })).status).to.equal('ok');
  });

  it('chdir runs the command there, and a relative creates is checked there', async () => {
    const r = await run({ cmd: 'chdir=' + dir + ' sh -c "pwd; touch rel"' });
    expect(r.data.stdout).to.equal(dir);
    expect((await run({ cmd: 'touch rel', chdir: dir, creates: 'rel' })).status).to.equal('ok');
  });

  it('stdin reaches the command', async () => {
    const r = await run({ cmd: 'cat', stdin: 'hello' });
    expect(r.data.stdout).to.equal('hello');
  });

  it('a non-zero exit fails the task with rc and stderr in the message; the result keeps stdout', async () => {
    const r = await run({ argv: ['sh', '-c', 'echo out; echo broken >&2; exit 3'] });
    expect(r.status).to.equal('failed');
    expect(r.msg).to.equal('non-zero return code 3: broken');
    expect(r.data).to.include({ rc: 3, stdout: 'out', stderr: 'broken', failed: true });
  });

  it('a missing program fails with rc 127', async () => {
    const r = await run({ cmd: 'tsible-no-such-program' });
    expect(r.status).to.equal('failed');
    expect(r.data.rc).to.equal(127);
  });

  it('check mode runs nothing: without creates/removes the task is skipped, as in Ansible', async () => {
    const f = join(dir, 'check-mode');
    const r = await run({ argv: ['touch', f] }, true);
    expect(r).to.include({ status: 'skipped', msg: 'Command would have run if not in check mode' });
    expect(r.data).to.include({ skipped: true, changed: false });
    expect(existsSync(f)).to.equal(false);
  });

  it('check mode with creates that does not exist: changed (would run), and still runs nothing', async () => {
    const f = join(dir, 'check-mode-creates');
    const r = await run({ argv: ['touch', f], creates: f }, true);
    expect(r).to.include({ status: 'changed', msg: 'Command would have run if not in check mode' });
    expect(r.changes.map((c) => c.summary)).to.deep.equal([`run: touch ${f}`]);
    expect(existsSync(f)).to.equal(false);
  });

  it('check mode with creates that exists reports ok (creates is still checked)', async () => {
    const r = await run({ argv: ['touch', join(dir, 'x')], creates: dir }, true);
    expect(r.status).to.equal('ok');
  });

  it('a secret argv word is sent for real but masked in the result', async () => {
    const r = await run({ argv: ['echo', secret('hunter2')] });
    expect(r.data.stdout).to.equal('***');
    expect(r.data.cmd).to.deep.equal(['echo', '***']);
    expect(JSON.stringify(r)).to.not.include('hunter2');
  });

  it('timeout kills a long command and fails the task', async () => {
    const r = await run({ cmd: 'sleep 5', timeout: 1 });
    expect(r.status).to.equal('failed');
    expect(r.error?.name).to.equal('TimeoutError');
  });
});
