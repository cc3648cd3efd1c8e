// Jump hosts against real sshd servers in network namespaces: the target is reachable ONLY through the jump host.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { ConnectError, HostKeyError } from '../../../core/errors.ts';
import { openTransport, type TransportOptions } from '../../../core/transport/open.ts';
import { runCli } from '../../support/cli.ts';
import { needsRoot } from '../../support/needs.ts';
import { type SshdServer, SshdLab } from '../../../lab/sshd.ts';

const OPTS: TransportOptions = { sshConfigFile: null, agentSocket: null };

/**
 * root ns --veth-- netns J (jump sshd) --veth-- netns T (target sshd). J does not forward and the
 * root ns has an "unreachable" route for T's subnet, so only an SSH hop through J reaches T (and a
 * direct attempt never leaves the machine).
 */
describe('jump hosts (real sshd in network namespaces)', function () {
  const id = `${process.pid % 10000}`;
  const nsJ = `tsj${id}j`;
  const nsT = `tsj${id}t`;
  const x = 1 + (process.pid % 250);
  const outer = `10.231.${x}`; // root ns .1 <-> J .2
  const inner = `10.232.${x}`; // J .1 <-> T .2
  const innerNet = `${inner}.0/30`;
  let lab: SshdLab;
  let front: SshdServer; // a plain loopback sshd, first hop of a chained jump
  let jump: SshdServer;
  let target: SshdServer;
  let made = false;

  const sh = (...argv: string[]): void => void execFileSync(argv[0], argv.slice(1), { stdio: 'pipe' });

  before(async function () {
    needsRoot(this);
    made = true;
    sh('ip', 'netns', 'add', nsJ);
    sh('ip', 'netns', 'add', nsT);
    sh('ip', 'link', 'add', `${nsJ}0`, 'type', 'veth', 'peer', 'name', `${nsJ}1`);
    sh('ip', 'link', 'set', `${nsJ}1`, 'netns', nsJ);
    sh('ip', 'addr', 'add', `${outer}.1/30`, 'dev', `${nsJ}0`);
    sh('ip', 'link', 'set', `${nsJ}0`, 'up');
    sh('ip', '-n', nsJ, 'addr', 'add', `${outer}.2/30`, 'dev', `${nsJ}1`);
    sh('ip', '-n', nsJ, 'link', 'set', `${nsJ}1`, 'up');
    sh('ip', '-n', nsJ, 'link', 'set', 'lo', 'up');
    sh('ip', 'link', 'add', `${nsT}0`, 'type', 'veth', 'peer', 'name', `${nsT}1`);
    sh('ip', 'link', 'set', `${nsT}0`, 'netns', nsJ);
    sh('ip', 'link', 'set', `${nsT}1`, 'netns', nsT);
    sh('ip', '-n', nsJ, 'addr', 'add', `${inner}.1/30`, 'dev', `${nsT}0`);
    sh('ip', '-n', nsJ, 'link', 'set', `${nsT}0`, 'up');
    sh('ip', '-n', nsT, 'addr', 'add', `${inner}.2/30`, 'dev', `${nsT}1`);
    sh('ip', '-n', nsT, 'link', 'set', `${nsT}1`, 'up');
    sh('ip', '-n', nsT, 'link', 'set', 'lo', 'up');
    sh('ip', 'route', 'add', 'unreachable', innerNet);
    lab = SshdLab.create();
    [front] = await lab.start(1, { name: 'front' });
    [jump] = await lab.start(1, { name: 'jump', netns: nsJ, address: `${outer}.2`, port: 22 });
    [target] = await lab.start(1, { name: 'target', netns: nsT, address: `${inner}.2`, port: 22 });
  });

  after(async () => {
    await lab?.stop();
    if (!made) return;
    for (const argv of [['ip', 'route', 'del', 'unreachable', innerNet], ['ip', 'netns', 'del', nsT], ['ip', 'netns', 'del', nsJ]]) {
      try {
        sh(...argv);
      } catch {
        /* not created */
      }
    }
  });

  it('cannot reach the target directly', async () => {
    const t = openTransport('web1', lab.connection(target, { connectTimeoutMs: 2000 }), OPTS);
    const err = await t.connect().catch((e) => e);
    expect(err).to.be.instanceOf(ConnectError);
    expect(String(err)).to.match(/EHOSTUNREACH|ENETUNREACH/);
  });

  it('reaches the target through the jump host, from the jump host\'s address', async () => {
    const t = openTransport('web1', lab.connection(target, { jump: [`root@${outer}.2:22`] }), OPTS);
    try {
      const r = await t.run({ shell: 'echo "$SSH_CONNECTION"' });
      const [clientIp, , serverIp] = r.stdout.trim().split(' ');
      expect([clientIp, serverIp]).to.deep.equal([`${inner}.1`, `${inner}.2`]);
      // Many channels on the one connection through the jump.
      const many = await Promise.all(Array.from({ length: 12 }, (_, i) => t.run(['echo', String(i)])));
      expect(many.map((m) => m.stdout.trim())).to.deep.equal(Array.from({ length: 12 }, (_, i) => String(i)));
    } finally {
      await t.close();
    }
  });

  it('chains jumps (loopback sshd → jump namespace → target), and ProxyJump comes from ssh_config', async () => {
    const cfg = join(lab.dir, 'jump_config');
    writeFileSync(
      cfg,
      [
        'Host web1',
        `  HostName ${inner}.2`,
        `  ProxyJump front,jumphost`,
        'Host front',
        `  HostName ${front.address}`,
        `  Port ${front.port}`,
        'Host jumphost',
        `  HostName ${outer}.2`,
        'Host *',
        '  User root',
        `  IdentityFile ${lab.clientKeyFile}`,
        '',
      ].join('\n'),
    );
    const t = openTransport('web1', { transport: 'ssh', address: 'web1', port: 22, knownHostsFiles: [lab.knownHostsFile] }, { ...OPTS, sshConfigFile: cfg });
    try {
      const r = await t.run({ shell: 'echo "$SSH_CONNECTION"' });
      expect(r.stdout.split(' ')[0]).to.equal(`${inner}.1`);
    } finally {
      await t.close();
    }
  });

  it('checks the jump host\'s key too', async () => {
    const kh = join(lab.dir, 'target_only_known_hosts');
    writeFileSync(kh, `${target.knownHostsLine}\n`);
    const t = openTransport('web1', lab.connection(target, { jump: [`root@${outer}.2`], knownHostsFiles: [kh] }), OPTS);
    const err = await t.connect().catch((e) => e);
    expect(err).to.be.instanceOf(HostKeyError);
    expect(String(err)).to.contain(`host web1: jump host root@${outer}.2: unknown host key for ${outer}.2`);
  });

  it('says which jump host could not reach the next hop', async () => {
    const t = openTransport('web1', lab.connection(target, { jump: [`root@${outer}.2`], port: 2999 }), OPTS);
    const err = await t.connect().catch((e) => e);
    expect(err).to.be.instanceOf(ConnectError);
    expect(String(err)).to.contain(`host web1: jump host root@${outer}.2 cannot reach ${inner}.2:2999`);
  });

  it('tsible play reaches a host whose tsible_jump names a host that exists only in the inventory', async () => {
    const dir = mkdtempSync('/tmp/tsible-jump-play-');
    try {
      const inv = join(dir, 'inventory.ini');
      const login = `ansible_user=root ansible_ssh_private_key_file=${lab.clientKeyFile} tsible_known_hosts=${lab.knownHostsFile}`;
      writeFileSync(inv, `[targets]\nweb1 ansible_host=${inner}.2 tsible_jump=gateway ${login}\n\n[jumps]\ngateway ansible_host=${outer}.2 ${login}\n`);
      const r = await runCli(['play', join(import.meta.dirname, '../../fixtures/engine/basic.ts'), '-i', inv, '-e', `dir=${dir}`]);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(readFileSync(join(dir, 'web1.marker'), 'utf8')).to.equal('from play');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails pending and later commands with ConnectError when the jump host dies (runs last: kills the jump sshd)', async () => {
    const t = openTransport('web1', lab.connection(target, { jump: [`root@${outer}.2`] }), OPTS);
    await t.connect();
    const pending = t.run(['sleep', '30']).then(() => 'ran', (e) => e);
    await new Promise((r) => setTimeout(r, 300));
    jump.kill();
    const err = await pending;
    expect(err).to.be.instanceOf(ConnectError);
    expect(String(err)).to.match(/host web1: connection to .* lost/);
    expect(await t.run(['true']).catch((e) => e)).to.be.instanceOf(ConnectError);
    await t.close();
  });
});
