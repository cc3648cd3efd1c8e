// The long-lived command shell (shell-session.ts) on a real OpenSSH sshd: one session for many commands, each run as an exec channel would run it; timeouts, dying shells, stray output, parallel commands.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { expect } from 'chai';
import { CommandError, TimeoutError } from '../../../core/errors.ts';
import { openTransport, type TransportOptions } from '../../../core/transport/open.ts';
import { SHELL_STDIN_MAX } from '../../../core/transport/shell-session.ts';
import type { RunResult, Transport } from '../../../core/transport/transport.ts';
import { needsRoot } from '../../support/needs.ts';
import { type SshdServer, SshdLab } from '../../../lab/sshd.ts';

const OPTS: TransportOptions = { sshConfigFile: null, agentSocket: null };

/** What a command sees of where it runs: its parent, its own session and process group, $0, umask, cwd, environment names. */
const WHERE = { shell: 'echo "ppid=$PPID"; ps -o sid=,pgid= -p $$ | awk \'{print ($1 == $2) ? "leader" : "member"}\'; umask; pwd; env | cut -d= -f1 | sort | tr "\\n" " "' };

describe('persistent command shell (real sshd)', function () {
  let lab: SshdLab;
  let a: SshdServer;
  let shell: Transport;
  let plain: Transport;

  before(async function () {
    needsRoot(this);
    lab = SshdLab.create();
    [a] = await lab.start(1, { logLevel: 'VERBOSE' });
    lab.addUser('shelluser', { sudo: 'nopasswd' });
    shell = openTransport('a', lab.connection(a), OPTS);
    plain = openTransport('a', lab.connection(a, { persistentShell: false }), OPTS);
  });
  after(async () => {
    await shell?.close();
    await plain?.close();
    await lab?.stop();
  });

  const ppid = (r: RunResult): string => /ppid=(\d+)/.exec(r.stdout)![1];

  it('runs sequential commands in one shell: one SSH session for 20 commands (a session each with persistentShell: false)', async () => {
    const sessions = (): number => (a.log().match(/Starting session: command/g) ?? []).length;
    const before = sessions();
    const parents = new Set<string>();
    for (let i = 0; i < 20; i++) parents.add(ppid(await shell.run({ shell: 'echo "ppid=$PPID"' })));
    expect(parents.size).to.equal(1);
    expect(sessions() - before).to.equal(1);
    for (let i = 0; i < 3; i++) await plain.run(['true']);
    expect(sessions() - before).to.equal(4);
  });

  it('gives a command its input through the shell up to SHELL_STDIN_MAX bytes (binary-safe), a channel of its own beyond', async () => {
    const sessions = (): number => (a.log().match(/Starting session: command/g) ?? []).length;
    await shell.run(['true']);
    const before = sessions();
    const small = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(SHELL_STDIN_MAX - 256)]);
    const big = randomBytes(SHELL_STDIN_MAX + 1);
    const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
    expect((await shell.run(['sha256sum'], { stdin: small })).stdout.split(' ')[0]).to.equal(sha(small));
    expect((await shell.run({ shell: 'exit 5' }, { stdin: small })).code, 'a command that reads none of it').to.equal(5);
    expect((await shell.run(['sh', '-c', 'head -c 3; echo; exit 6'], { stdin: 'abcdef' })).stdout).to.equal('abc\n');
    // Text that ends a line goes as it is (no base64): every byte but NUL, CR LF, quotes, `$(…)`, lines like an end word.
    const text = Buffer.concat([Buffer.from(Array.from({ length: 255 }, (_, i) => i + 1)), Buffer.from("\r\n'\"$(id) `id` \\\nTSIBLE_IN_x_1\nEOF\n\n")]);
    expect((await shell.run(['sha256sum'], { stdin: text })).stdout.split(' ')[0]).to.equal(sha(text));
    expect((await shell.run(['od', '-An', '-c'], { stdin: 'no final newline' })).stdout.replace(/\s+/g, '')).to.equal('nofinalnewline');
    expect((await shell.run(['cat'], { stdin: 'x\n'.repeat(12_000) })).stdout, 'more than a pipe write at once').to.equal('x\n'.repeat(12_000));
    expect(sessions() - before, 'all six through the shell').to.equal(0);
    expect((await shell.run(['sha256sum'], { stdin: big })).stdout.split(' ')[0]).to.equal(sha(big));
    expect(sessions() - before, 'the large one on a channel of its own').to.equal(1);
    await shell.put('/tmp/tsible-shell-put', 'put through the shell\n', { mode: 0o640 });
    expect((await shell.run({ shell: 'stat -c %a /tmp/tsible-shell-put; cat /tmp/tsible-shell-put; rm /tmp/tsible-shell-put' })).stdout).to.equal('640\nput through the shell\n');
    expect(sessions() - before).to.equal(1);
  });

  it('runs a command\'s whole-input form (wholeInputCommand) in the shell only: not on a channel of its own, not with input too large for the shell', async () => {
    const form = (where: 'shell' | 'channel') => ({ shell: `read -r line; echo "${where} $line"` });
    const run = (t: Transport, stdin: string | Buffer, options: { become?: { user: string } } = {}) =>
      t.run(form('channel'), { stdin, wholeInputCommand: form('shell'), ...options });
    expect((await run(shell, 'in\n')).stdout).to.equal('shell in\n');
    expect((await run(shell, 'in\n', { become: { user: 'root' } })).stdout, 'through sudo: the shell\'s own become marker').to.equal('shell in\n');
    expect((await run(plain, 'in\n')).stdout, 'persistentShell: false').to.equal('channel in\n');
    const big = Buffer.concat([Buffer.from('big\n'), Buffer.alloc(SHELL_STDIN_MAX, 'x')]);
    expect((await run(shell, big)).stdout, 'more input than the shell takes').to.equal('channel big\n');
  });

  it('a command sees what it sees on a channel of its own: own session, umask, home, the same environment names (but bash\'s `_`)', async () => {
    const s = await shell.run(WHERE);
    const p = await plain.run(WHERE);
    // Except `_`: bash sets it to the path of the program it starts, and no login shell starts the program in tsible's shell.
    const names = (r: RunResult): string[] => r.stdout.replace(/(^| )_ /, '$1').split('\n').slice(1);
    expect(names(s)).to.deep.equal(names(p));
    expect(s.stdout).to.include('leader\n0022\n/root\n');
  });

  it('a program that is not there, or a directory that cannot be entered: the exit status an exec channel gives, and a message naming it', async () => {
    for (const t of [shell, plain]) {
      const r = await t.run(['nosuchcommand-tsible']);
      expect(r.code).to.equal(127);
      expect(r.stderr).to.match(/nosuchcommand-tsible.*(not found|No such file)/);
      const d = await t.run(['true'], { cwd: '/nonexistent-tsible' });
      expect(d.code).to.equal(1);
      expect(d.stderr).to.include('/nonexistent-tsible');
    }
  });

  it('keeps stdout and stderr apart and exact: no final newline, NUL and 0xFF bytes, a forged end marker', async () => {
    const r = await shell.run({ shell: "printf 'a\\000b\\377'; printf 'tsible-end-0000-1 0\\n'; printf 'err' >&2; exit 7" });
    expect(r.code).to.equal(7);
    expect(r.stdoutRaw!.equals(Buffer.from('a\u0000b\u00fftsible-end-0000-1 0\n', 'latin1'))).to.equal(true);
    expect(r.stderr).to.equal('err');
  });

  it('a syntax error, exit and exec in a command end that command only; the shell goes on', async () => {
    const first = ppid(await shell.run({ shell: 'echo "ppid=$PPID"' }));
    expect((await shell.run({ shell: 'if then' })).code).to.equal(2);
    expect((await shell.run({ shell: 'exit 4' })).code).to.equal(4);
    expect((await shell.run({ shell: 'exec true' })).code).to.equal(0);
    expect((await shell.run({ shell: 'kill 0' })).code).to.equal(143);
    expect(ppid(await shell.run({ shell: 'echo "ppid=$PPID"' }))).to.equal(first);
  });

  it('a command that kills its shell fails with CommandError (not a lost host); the next command gets a new shell', async () => {
    const first = ppid(await shell.run({ shell: 'echo "ppid=$PPID"' }));
    const err = await shell.run({ shell: 'kill -9 $PPID; sleep 1' }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(CommandError);
    expect(String(err)).to.match(/without an exit status: its shell on the host was killed/);
    const next = ppid(await shell.run({ shell: 'echo "ppid=$PPID"' }));
    expect(next).to.not.equal(first);
  });

  it('a timed-out command is stopped with what it started (TERM to its process group), and later commands run', async () => {
    const [s1, s2] = [3000 + (process.pid % 1000), 4000 + (process.pid % 1000)];
    const err = await shell.run({ shell: `sleep ${s1} & sleep ${s2}` }, { timeoutMs: 400 }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(TimeoutError);
    let left = '';
    for (let i = 0; i < 30; i++) {
      left = (await shell.run({ shell: `ps -eo args | grep -x -e 'sleep ${s1}' -e 'sleep ${s2}' || :` })).stdout;
      if (!left) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(left).to.equal('');
    expect((await shell.run(['echo', 'still here'])).stdout).to.equal('still here\n');
  });

  it('runs tsible\'s own commands (tsibleOwn) in a plain subshell: in the shell\'s process group, a script without `sh -c`; cwd, env, statuses as before', async () => {
    // The process's own stat and command line, read with builtins only (dash's read drops the NULs of cmdline).
    const probe = 'read -r c < /proc/self/cmdline; read -r s < /proc/self/stat; p=${s%% *}; s=${s##*) }; set -- $s; [ "$3" = "$p" ] && g=leader || g=member; echo "$g $c"';
    const sessions = (): number => (a.log().match(/Starting session: command/g) ?? []).length;
    await shell.run(['true']);
    const before = sessions();
    const own = (await shell.run({ shell: probe }, { tsibleOwn: true })).stdout;
    expect(own, 'a member of the shell\'s group; its command line is the shell\'s, not the script').to.match(/^member /);
    expect(own).to.not.contain('read -r c');
    expect((await shell.run({ shell: probe })).stdout, 'any other command: setsid, then sh -c').to.match(/^leader sh-cread -r c/);
    expect((await shell.run(['sh', '-c', probe], { tsibleOwn: true })).stdout, 'an argv: its program, no setsid').to.match(/^member sh-cread -r c/);
    expect((await shell.run({ shell: 'pwd; echo "$TSIBLE_T $LC_ALL"' }, { tsibleOwn: true, cwd: '/tmp', env: { TSIBLE_T: 'a b' } })).stdout).to.equal('/tmp\na b C\n');
    const noDir = await shell.run({ shell: 'echo ran' }, { tsibleOwn: true, cwd: '/nonexistent-tsible' });
    expect([noDir.code, noDir.stdout]).to.deep.equal([1, '']);
    expect((await shell.run({ shell: 'set -e; false; echo no' }, { tsibleOwn: true })).code).to.equal(1);
    expect((await shell.run({ shell: 'trap "echo bye" EXIT; exit 5' }, { tsibleOwn: true })).stdout).to.equal('bye\n');
    expect((await shell.run({ shell: 'if then' }, { tsibleOwn: true })).code, 'a syntax error').to.equal(2);
    expect((await shell.run(['cat'], { stdin: 'in\n', tsibleOwn: true })).stdout).to.equal('in\n');
    expect((await shell.run({ shell: 'echo as root' }, { tsibleOwn: true, become: { user: 'root' } })).stdout, 'through sudo').to.equal('as root\n');
    expect(sessions() - before, 'all in the same shell').to.equal(0);
  });

  it('a timed-out command of tsible\'s own is stopped with what it started (the shell\'s group, shell included), and later commands run', async () => {
    const [s1, s2] = [5000 + (process.pid % 1000), 6000 + (process.pid % 1000)];
    const err = await shell.run({ shell: `sleep ${s1} & sleep ${s2}` }, { timeoutMs: 400, tsibleOwn: true }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(TimeoutError);
    let left = '';
    for (let i = 0; i < 30; i++) {
      left = (await shell.run({ shell: `ps -eo args | grep -x -e 'sleep ${s1}' -e 'sleep ${s2}' || :` })).stdout;
      if (!left) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(left).to.equal('');
    expect((await shell.run(['echo', 'still here'], { tsibleOwn: true })).stdout).to.equal('still here\n');
  });

  it('runs commands side by side: one in the shell, the others on channels of their own', async () => {
    const inShell = ppid(await shell.run({ shell: 'echo "ppid=$PPID"' }));
    const t0 = Date.now();
    const rs = await Promise.all(Array.from({ length: 4 }, () => shell.run({ shell: 'sleep 0.6; echo "ppid=$PPID"' })));
    expect(Date.now() - t0).to.be.below(1500);
    expect(rs.filter((r) => ppid(r) === inShell).length, JSON.stringify(rs.map((r) => r.stdout))).to.equal(1);
  });

  it('output written after its command ended (a background process) is nobody\'s: the next command\'s output is its own', async () => {
    const t0 = Date.now();
    const r = await shell.run({ shell: '(sleep 0.3; echo late; echo late >&2) & echo now' });
    expect(r.stdout).to.equal('now\n');
    expect(Date.now() - t0, 'the shell does not wait for the background process (a channel of its own would)').to.be.below(250);
    await new Promise((res) => setTimeout(res, 600));
    const next = await shell.run(['echo', 'next']);
    expect(next.stdout).to.equal('next\n');
    expect(next.stderr).to.equal('');
  });

  it('sudo without a password runs through the shell, for a user whose login shell is /bin/sh', async () => {
    const user = openTransport('u', lab.connection(a, { user: 'shelluser' }), OPTS);
    try {
      const sessions = (): number => (a.log().match(/Starting session: command for shelluser/g) ?? []).length;
      const before = sessions();
      for (let i = 0; i < 3; i++) expect((await user.run(['id', '-un'], { become: { user: 'root' } })).stdout).to.equal('root\n');
      expect((await user.run(['nosuchcommand-tsible'])).code).to.equal(127);
      expect(sessions() - before).to.equal(1);
    } finally {
      await user.close();
    }
  });

  it('a login shell that prints and exports at start-up: the shell starts (its line dropped), commands get what it exported and only their own output', async () => {
    const login = `/tmp/tsible-chatty-shell-${process.pid}`;
    writeFileSync(login, '#!/bin/sh\necho "hello from the login shell"\nexport TSIBLE_FROM_LOGIN=yes\nexec /bin/sh "$@"\n');
    chmodSync(login, 0o755);
    lab.addUser('chattyuser');
    execFileSync('usermod', ['-s', login, 'chattyuser']);
    const on = openTransport('c', lab.connection(a, { user: 'chattyuser' }), OPTS);
    const off = openTransport('c', lab.connection(a, { user: 'chattyuser', persistentShell: false }), OPTS);
    try {
      const sessions = (): number => (a.log().match(/Starting session: command for chattyuser/g) ?? []).length;
      const before = sessions();
      const x = await on.run({ shell: 'echo "hi $TSIBLE_FROM_LOGIN"' });
      const y = await on.run(['echo', 'again']);
      expect(sessions() - before, 'one shell').to.equal(1);
      // The login shell started the command shell once: what it exported reaches every command, what it printed
      // then is dropped. A channel of its own runs the login shell again for each command, greeting included.
      expect(x.stdout).to.equal('hi yes\n');
      expect(y.stdout).to.equal('again\n');
      expect((await off.run({ shell: 'echo "hi $TSIBLE_FROM_LOGIN"' })).stdout).to.equal('hello from the login shell\nhi yes\n');
    } finally {
      await on.close();
      await off.close();
      rmSync(login, { force: true });
    }
  });
});
