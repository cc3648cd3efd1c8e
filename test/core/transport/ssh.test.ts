// SSH transport against real OpenSSH sshd servers on loopback: I/O, parallel channels, timeouts, auth, lost hosts.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { expect } from 'chai';
import { ConnectError, TimeoutError } from '../../../core/errors.ts';
import { secret } from '../../../core/secret.ts';
import { openTransport, type TransportOptions } from '../../../core/transport/open.ts';
import type { Transport } from '../../../core/transport/transport.ts';
import { needsRoot } from '../../support/needs.ts';
import { keygen, type SshdServer, SshdLab } from '../../../lab/sshd.ts';

const OPTS: TransportOptions = { sshConfigFile: null, agentSocket: null };

describe('SshTransport (real sshd)', function () {
  let lab: SshdLab;
  let a: SshdServer;
  let b: SshdServer;
  let t: Transport;

  before(async function () {
    needsRoot(this);
    lab = SshdLab.create();
    [a, b] = await lab.start(2);
    t = openTransport('a', lab.connection(a), OPTS);
    await t.connect();
  });
  after(async () => {
    await t?.close();
    await lab?.stop();
  });

  it('returns exit status, stdout and stderr, with LC_ALL=C set', async () => {
    const r = await t.run({ shell: 'echo out; echo err >&2; echo "lc=$LC_ALL"; exit 3' });
    expect(r).to.include({ code: 3, stdout: 'out\nlc=C\n', stderr: 'err\n' });
    const ok = await t.run(['true']);
    expect(ok.code).to.equal(0);
  });

  it('passes argv words through untouched (quotes, $, spaces, newlines)', async () => {
    const words = ["it's", '$HOME', '`id`', 'a b', 'x\ny', '', '*'];
    const r = await t.run(['printf', '[%s]', ...words]);
    expect(r.stdout).to.equal(words.map((w) => `[${w}]`).join(''));
  });

  it('sets env and cwd', async () => {
    const r = await t.run({ shell: 'printf "%s|%s" "$GREETING" "$(pwd)"' }, { env: { GREETING: "it's $x" }, cwd: '/usr/share' });
    expect(r.stdout).to.equal("it's $x|/usr/share");
  });

  it('is binary-safe on stdin and stdout', async () => {
    const bytes = Buffer.alloc(256 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + (i >> 8)) & 0xff;
    const r = await t.run(['cat'], { stdin: bytes });
    expect(r.code).to.equal(0);
    expect(r.stdoutRaw!.equals(bytes)).to.equal(true);
    const sum = await t.run(['sha256sum'], { stdin: bytes });
    expect(sum.stdout.split(' ')[0]).to.equal(createHash('sha256').update(bytes).digest('hex'));
  });

  it('copes with a command that exits without reading a large stdin', async () => {
    const r = await t.run({ shell: 'exit 5' }, { stdin: Buffer.alloc(8 * 1024 * 1024) });
    expect(r.code).to.equal(5);
  });

  it('returns large output intact (about 7 MB)', async () => {
    const r = await t.run(['seq', '1', '1000000']);
    const lines = r.stdout.split('\n');
    expect(lines.length).to.equal(1_000_001);
    expect(lines[0]).to.equal('1');
    expect(lines[999_999]).to.equal('1000000');
  });

  it('takes a Secret on stdin without it appearing anywhere but the host', async () => {
    const r = await t.run(['sha256sum'], { stdin: secret('hunter2') });
    expect(r.stdout.split(' ')[0]).to.equal(createHash('sha256').update('hunter2').digest('hex'));
  });

  it('runs 30 commands at once on ONE connection, queueing beyond the channel cap (8 < MaxSessions 10)', async () => {
    const dir = `/tmp/tsible-par-${process.pid}`;
    await t.run(['mkdir', '-p', dir]);
    // Each command counts how many are running at that moment, and reports its TCP connection.
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.run({ shell: `touch ${dir}/${i}; n=$(ls ${dir} | wc -l); sleep 0.3; rm ${dir}/${i}; echo "$n $SSH_CLIENT"` }),
      ),
    ).finally(() => t.run(['rm', '-rf', dir]));
    expect(results.every((r) => r.code === 0)).to.equal(true);
    const running = results.map((r) => Number(r.stdout.split(' ')[0]));
    expect(Math.max(...running)).to.be.at.most(8);
    expect(Math.max(...running)).to.be.at.least(2);
    const clientPorts = new Set(results.map((r) => r.stdout.trim().split(' ')[2]));
    expect(clientPorts.size).to.equal(1);
  });

  it('(control) without the cap, sshd refuses channels past MaxSessions=10', async () => {
    const wide = openTransport('a-wide', lab.connection(a), { ...OPTS, maxChannels: 14 });
    try {
      const results = await Promise.allSettled(Array.from({ length: 14 }, () => wide.run(['sleep', '4'])));
      const refused = results.filter((r) => r.status === 'rejected');
      expect(refused.length).to.be.greaterThan(0);
      expect(String((refused[0] as PromiseRejectedResult).reason)).to.match(/cannot open a channel/);
    } finally {
      await wide.close();
    }
  });

  it('close() is idempotent, fails nothing later, and a later run() reconnects', async () => {
    const x = openTransport('a', lab.connection(a), OPTS);
    await x.close();
    expect((await x.run(['echo', '1'])).stdout).to.equal('1\n');
    await x.close();
    await x.close();
    expect((await x.run(['echo', '2'])).stdout).to.equal('2\n');
    await x.close();
  });

  it('fails a command past its timeout with TimeoutError, and the connection stays usable', async () => {
    let err: unknown;
    await t.run(['sleep', '5'], { timeoutMs: 300 }).catch((e) => (err = e));
    expect(err).to.be.instanceOf(TimeoutError);
    expect(String(err)).to.match(/timed out after 300 ms: sleep 5/);
    expect((await t.run(['echo', 'still here'])).stdout).to.equal('still here\n');
  });

  it('times out connecting to a server that accepts TCP but never speaks SSH (ConnectError caused by TimeoutError)', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as { port: number }).port;
    const x = openTransport('silent', { transport: 'ssh', address: '127.0.0.1', port, user: 'root', keyFiles: [lab.clientKeyFile], knownHostsFiles: [lab.knownHostsFile], connectTimeoutMs: 500 }, OPTS);
    let err: unknown;
    try {
      await x.connect().catch((e) => (err = e));
    } finally {
      sockets.forEach((s) => s.destroy());
      silent.close();
    }
    expect(err).to.be.instanceOf(ConnectError);
    expect((err as Error).cause).to.be.instanceOf(TimeoutError);
    expect(String(err)).to.match(/host silent: no SSH answer from 127\.0\.0\.1:\d+ within 500 ms/);
  });

  it('reports a closed port as ConnectError', async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as { port: number }).port;
    await new Promise((r) => srv.close(r));
    const x = openTransport('closed', { ...lab.connection(a), address: '127.0.0.1', port }, OPTS);
    const err = await x.connect().catch((e) => e);
    expect(err).to.be.instanceOf(ConnectError);
    expect(String(err)).to.match(/ECONNREFUSED/);
  });

  it('refuses a key the server does not authorize, naming what was offered', async () => {
    const other = join(lab.dir, 'unauthorized_key');
    keygen(other, 'stranger');
    const x = openTransport('a', lab.connection(a, { keyFiles: [other] }), OPTS);
    const err = await x.connect().catch((e) => e);
    expect(err).to.be.instanceOf(ConnectError);
    expect(String(err)).to.match(/authentication failed for root@.*offered: .*unauthorized_key/);
  });

  it('logs in with a password (Secret)', async () => {
    const user = `tsible-t-pwlogin${process.pid}`;
    lab.addUser(user, { password: 'S3cret pass' });
    const x = openTransport('a', lab.connection(a, { user, keyFiles: [], password: secret('S3cret pass') }), OPTS);
    try {
      expect((await x.run(['id', '-un'])).stdout).to.equal(`${user}\n`);
    } finally {
      await x.close();
    }
  });

  it('logs in through ssh-agent (SSH_AUTH_SOCK)', async () => {
    const sock = join(lab.dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 50 && !existsSock(sock); i++) await new Promise((r) => setTimeout(r, 100));
      execFileSync('ssh-add', [lab.clientKeyFile], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: 'pipe' });
      const x = openTransport('a', lab.connection(a, { keyFiles: [] }), { ...OPTS, agentSocket: sock });
      try {
        expect((await x.run(['echo', 'via agent'])).stdout).to.equal('via agent\n');
      } finally {
        await x.close();
      }
    } finally {
      agent.kill();
    }
  });

  it('a host killed mid-run fails its pending and later commands with ConnectError; another host keeps working', async () => {
    const victimLab = SshdLab.create();
    try {
      const [victim] = await victimLab.start(1);
      const v = openTransport('victim', victimLab.connection(victim), OPTS);
      const other = openTransport('b', lab.connection(b), OPTS);
      await Promise.all([v.connect(), other.connect()]);
      const pending = Array.from({ length: 12 }, () => v.run(['sleep', '30']).then(() => 'ran', (e) => e));
      await new Promise((r) => setTimeout(r, 300));
      victim.kill();
      const outcomes = await Promise.all(pending);
      for (const o of outcomes) {
        expect(o).to.be.instanceOf(ConnectError);
        expect(String(o)).to.match(/host victim: connection to .* lost/);
      }
      const later = await v.run(['true']).catch((e) => e);
      expect(later).to.be.instanceOf(ConnectError);
      expect((await other.run(['echo', 'alive'])).stdout).to.equal('alive\n');
      await Promise.all([v.close(), other.close()]);
    } finally {
      await victimLab.stop();
    }
  });
});

describe('SSH connect timeout to an address that never answers (blackholed network namespace)', function () {
  const ns = `tsb${process.pid % 10000}`;
  const net = `10.233.${1 + (process.pid % 250)}`;
  let made = false;
  const sh = (...argv: string[]): void => void execFileSync(argv[0], argv.slice(1), { stdio: 'pipe' });
  before(function () {
    needsRoot(this);
    made = true;
    // root ns .1 <-veth-> ns .2; inside ns every reply to .1 is blackholed, so a SYN gets no answer at all.
    sh('ip', 'netns', 'add', ns);
    sh('ip', 'link', 'add', `${ns}0`, 'type', 'veth', 'peer', 'name', `${ns}1`);
    sh('ip', 'link', 'set', `${ns}1`, 'netns', ns);
    sh('ip', 'addr', 'add', `${net}.1/30`, 'dev', `${ns}0`);
    sh('ip', 'link', 'set', `${ns}0`, 'up');
    sh('ip', '-n', ns, 'addr', 'add', `${net}.2/30`, 'dev', `${ns}1`);
    sh('ip', '-n', ns, 'link', 'set', `${ns}1`, 'up');
    sh('ip', '-n', ns, 'route', 'add', 'blackhole', `${net}.1/32`);
  });
  after(() => {
    if (made) execFileSync('ip', ['netns', 'del', ns], { stdio: 'pipe' });
  });

  it('fails with ConnectError caused by TimeoutError after connectTimeoutMs', async () => {
    const x = openTransport('dark', { transport: 'ssh', address: `${net}.2`, port: 22, user: 'root', keyFiles: [], knownHostsFiles: [], connectTimeoutMs: 700 }, OPTS);
    const err = await x.connect().catch((e) => e);
    expect(err).to.be.instanceOf(ConnectError);
    expect((err as Error).cause).to.be.instanceOf(TimeoutError);
    expect(String(err)).to.contain(`host dark: no SSH answer from ${net}.2:22 within 700 ms`);
  });
});

function existsSock(path: string): boolean {
  try {
    execFileSync('test', ['-S', path]);
    return true;
  } catch {
    return false;
  }
}
