// @lab Boots real TCG VMs on bridges in throw-away netnses: SSH with a pinned host key, per-VM config, IPVS, clean stop.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { prepareVmImages, startVm, stopVm, vmSupportReason, type VmHandle, type VmSpec } from '../../../lab/vm/index.ts';
import { readyImages } from '../../../lab/vm/prepare.ts';
import { isRoot, needs } from '../../support/needs.ts';

const exec = promisify(execFile);
const CACHE = process.env.TSIBLE_LAB_CACHE ?? '/var/cache/tsible/lab';
const NS_A = `tsvm-a-${process.pid}`;
const NS_B = `tsvm-b-${process.pid}`;

async function sh(...argv: string[]): Promise<string> {
  const [cmd, ...args] = argv;
  return (await exec(cmd as string, args)).stdout;
}

describe('lab/vm: real VMs under QEMU/TCG @lab', function () {
  this.timeout(20 * 60_000);
  let dir = '';
  let hostKeyPub = '';
  let hostKeyPriv = '';
  let userPub = '';
  const handles: VmHandle[] = [];

  before(async function () {
    needs(this, isRoot, 'needs root (netns, taps, chroot); CI runs as root');
    const why = await vmSupportReason();
    needs(this, why === null, `cannot run VMs here: ${why}`);
    dir = await mkdtemp(join(tmpdir(), 'tsible-vm-test-'));
    await sh('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'host', '-f', join(dir, 'host'));
    await sh('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'user', '-f', join(dir, 'user'));
    await sh('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'other', '-f', join(dir, 'other'));
    hostKeyPub = (await readFile(join(dir, 'host.pub'), 'utf8')).trim();
    hostKeyPriv = await readFile(join(dir, 'host'), 'utf8');
    userPub = await readFile(join(dir, 'user.pub'), 'utf8');
    for (const [ns, br, cidr] of [[NS_A, 'br0', '192.168.241.1/24'], [NS_B, 'br1', '192.168.242.1/24']] as const) {
      await sh('ip', 'netns', 'add', ns);
      await sh('ip', '-n', ns, 'link', 'set', 'lo', 'up');
      await sh('ip', '-n', ns, 'link', 'add', br, 'type', 'bridge');
      await sh('ip', '-n', ns, 'addr', 'add', cidr, 'dev', br);
      await sh('ip', '-n', ns, 'link', 'set', br, 'up');
    }
    const t0 = Date.now();
    await prepareVmImages(CACHE, (l) => console.log(`      ${l}`));
    console.log(`      images ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (cache ${CACHE})`);
  });

  after(async () => {
    for (const h of handles) await stopVm(h, { graceMs: 0 }).catch((e) => console.log(`      cleanup: ${e}`));
    for (const ns of [NS_A, NS_B]) await sh('ip', 'netns', 'del', ns).catch(() => {});
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function spec(name: string, over: Partial<VmSpec>): VmSpec {
    return {
      name, hostname: name, nics: [], authorizedKeys: userPub,
      hostKeys: [{ type: 'ssh-ed25519', privateKey: hostKeyPriv, publicKey: hostKeyPub }],
      etcHosts: '127.0.0.1 localhost\n', workDir: join(dir, name), cacheDir: CACHE, ...over,
    };
  }

  /** Writes a known_hosts pinning `ip` to `pub` and returns its path. */
  async function knownHosts(ip: string, pub: string, file: string): Promise<string> {
    const path = join(dir, file);
    await writeFile(path, `${ip} ${pub.split(' ').slice(0, 2).join(' ')}\n`);
    return path;
  }

  /** Runs `cmd` on the VM over OpenSSH from inside `ns`, with strict host key checking. */
  function ssh(ns: string, ip: string, kh: string, cmd: string) {
    return exec('ip', ['netns', 'exec', ns, 'ssh', '-i', join(dir, 'user'), '-o', `UserKnownHostsFile=${kh}`,
      '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=5', '-o', 'LogLevel=ERROR',
      `root@${ip}`, cmd]);
  }

  async function waitSsh(ns: string, ip: string, kh: string, h: VmHandle): Promise<number> {
    const t0 = Date.now();
    let last: unknown;
    while (Date.now() - t0 < 240_000) {
      try {
        await ssh(ns, ip, kh, 'true');
        return (Date.now() - t0) / 1000;
      } catch (e) {
        last = e;
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
    const tail = (await readFile(join(h.workDir, 'console.log'), 'utf8').catch(() => '')).split('\n').slice(-30).join('\n');
    throw new Error(`no SSH on ${ip} after 240 s: ${String(last)}\nconsole.log:\n${tail}`);
  }

  /** ipvsadm and the libraries a minimal guest lacks, downloaded with apt into the test folder; or why not. */
  async function fetchIpvsadmDebs(): Promise<string[] | string> {
    const d = join(dir, 'debs');
    await mkdir(d);
    try {
      await exec('apt-get', ['download', '-q', '-o', 'APT::Sandbox::User=root', 'ipvsadm', 'libnl-3-200', 'libnl-genl-3-200', 'libpopt0'], { cwd: d });
    } catch (e) {
      return `apt-get download failed: ${String((e as { stderr?: string }).stderr ?? e).trim().split('\n').pop()}`;
    }
    return (await readdir(d)).map((f) => join(d, f));
  }

  async function expectGone(h: VmHandle, nics: { ns: string; tap: string }[]) {
    const cmdline = await readFile(`/proc/${h.pid}/cmdline`, 'utf8').catch(() => '');
    expect(cmdline, 'qemu process still there').not.to.include('qemu');
    for (const { ns, tap } of nics) {
      const links = await sh('ip', '-n', ns, '-o', 'link', 'show');
      expect(links, `tap ${tap} left in ${ns}`).not.to.include(`${tap}:`);
    }
    for (const f of ['disk.qcow2', 'seed.img', 'qmp.sock', 'vm.json']) {
      expect(await stat(join(h.workDir, f)).then(() => true, () => false), `${f} left`).to.equal(false);
    }
    const qemus = await sh('sh', '-c', 'pgrep -af qemu-system || true');
    expect(qemus, 'a qemu of this test still runs').not.to.include(h.workDir);
  }

  it('reuses the cached images: a second prepareVmImages builds nothing', async () => {
    const first = await readyImages(CACHE);
    expect(first, 'images missing right after prepareVmImages').not.to.equal(null);
    await prepareVmImages(CACHE);
    expect((await readyImages(CACHE))?.manifest).to.deep.equal(first?.manifest);
    expect((await stat(first?.base as string)).mode & 0o222, 'base image must be read-only').to.equal(0);
  });

  it('boots one VM: pinned host key, hostname, enp0s3 with its address and MAC, default route, IPVS; stops clean', async () => {
    const mac = '52:54:00:f1:00:0b';
    const h = await startVm(spec('tsvm-lb', {
      nics: [{ netns: NS_A, bridge: 'br0', tap: 'tsvm-a0', mac, ifname: 'enp0s3', addresses: ['192.168.241.11/24'] }],
      gateway: '192.168.241.1', etcHosts: '127.0.0.1 localhost\n192.168.241.11 tsvm-lb\n',
    }));
    handles.push(h);
    expect(await sh('ip', '-n', NS_A, '-o', 'link', 'show', 'dev', 'tsvm-a0')).to.include('master br0');
    const kh = await knownHosts('192.168.241.11', hostKeyPub, 'kh-a');
    console.log(`      boot to SSH: ${(await waitSsh(NS_A, '192.168.241.11', kh, h)).toFixed(1)} s`);

    // The key the guest presents is the one we gave: a known_hosts pinning another key is refused.
    const wrong = await knownHosts('192.168.241.11', (await readFile(join(dir, 'other.pub'), 'utf8')).trim(), 'kh-wrong');
    const refused = await ssh(NS_A, '192.168.241.11', wrong, 'true').then(() => null, (e: { stderr: string }) => e);
    expect(refused?.stderr).to.match(/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);

    const out = async (cmd: string) => (await ssh(NS_A, '192.168.241.11', kh, cmd)).stdout.trim();
    expect(await out('hostname')).to.equal('tsvm-lb');
    expect(await out('ip -o -4 addr show dev enp0s3')).to.include('inet 192.168.241.11/24');
    expect(await out('cat /sys/class/net/enp0s3/address')).to.equal(mac);
    expect(await out('ip route show default')).to.match(/^default via 192\.168\.241\.1 dev enp0s3\b/);
    expect(await out('getent hosts tsvm-lb')).to.include('192.168.241.11');
    expect(await out('uname -r')).to.match(/-amd64$/);
    expect(await out('modprobe ip_vs && modprobe ip_vs_wrr && cat /proc/net/ip_vs && lsmod')).to.include('IP Virtual Server version').and.include('ip_vs_wrr');
    expect(await out('systemctl is-active ssh systemd-networkd')).to.equal('active\nactive');

    // The real ipvsadm from Debian drives the guest kernel's IPVS (its .debs fetched on this machine with
    // apt, as the lab's apt proxy is not part of this test).
    const debs = await fetchIpvsadmDebs();
    if (typeof debs === 'string') {
      console.log(`      ipvsadm not installed (${debs}): IPVS checked through /proc/net/ip_vs only`);
    } else {
      await exec('ip', ['netns', 'exec', NS_A, 'scp', '-q', '-i', join(dir, 'user'), '-o', `UserKnownHostsFile=${kh}`,
        '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', ...debs, 'root@192.168.241.11:/tmp/']);
      const rules = await out('dpkg -i /tmp/*.deb >/dev/null && ipvsadm -A -t 192.168.241.100:80 -s wrr && '
        + 'ipvsadm -a -t 192.168.241.100:80 -r 192.168.241.21:80 -m -w 3 && ipvsadm -Sn');
      expect(rules).to.equal('-A -t 192.168.241.100:80 -s wrr\n-a -t 192.168.241.100:80 -r 192.168.241.21:80 -m -w 3');
    }

    expect((await stat(join(h.workDir, 'disk.qcow2'))).mode & 0o077, 'overlay (holds host keys) readable by others').to.equal(0);
    expect((await stat(join(h.workDir, 'seed.img'))).mode & 0o077, 'seed disk (holds host keys) readable by others').to.equal(0);
    await stopVm(h);
    // Stopped through ACPI (QMP system_powerdown), not by SIGKILL: the guest logged its power-down.
    expect(await readFile(join(h.workDir, 'console.log'), 'utf8')).to.include('reboot: Power down');
    await expectGone(h, [{ ns: NS_A, tap: 'tsvm-a0' }]);
    await stopVm(h); // idempotent
  });

  it('keeps its disk across stopVm({ keepDisk }) and startVm: a file written before is there after, also after a hard stop (qemu killed)', async () => {
    const nic = { netns: NS_A, bridge: 'br0', tap: 'tsvm-a2', mac: '52:54:00:f1:00:0d', ifname: 'enp0s3', addresses: ['192.168.241.13/24'] };
    const s = spec('tsvm-disk', { nics: [nic] });
    const kh = await knownHosts('192.168.241.13', hostKeyPub, 'kh-disk');
    const out = async (cmd: string) => (await ssh(NS_A, '192.168.241.13', kh, cmd)).stdout.trim();
    let h = await startVm(s);
    handles.push(h);
    await waitSsh(NS_A, '192.168.241.13', kh, h);
    await out('echo before-stop > /root/kept && sync');
    await stopVm(h, { keepDisk: true });
    expect(await stat(join(h.workDir, 'disk.qcow2')).then(() => true, () => false), 'disk kept').to.equal(true);
    h = await startVm(s);
    handles.push(h);
    const t = await waitSsh(NS_A, '192.168.241.13', kh, h);
    expect(await out('cat /root/kept; hostname')).to.equal('before-stop\ntsvm-disk');
    console.log(`      restart on the kept disk to SSH: ${t.toFixed(1)} s`);
    await out('echo before-kill > /root/kept2 && sync');
    await stopVm(h, { keepDisk: true, graceMs: 0 });
    h = await startVm(s);
    handles.push(h);
    await waitSsh(NS_A, '192.168.241.13', kh, h);
    expect(await out('cat /root/kept /root/kept2')).to.equal('before-stop\nbefore-kill');
    await stopVm(h);
    await expectGone(h, [{ ns: NS_A, tap: 'tsvm-a2' }]);
  });

  it('fails startVm on a missing bridge with a VmError naming the VM, leaving no qemu, tap or disk', async () => {
    const s = spec('tsvm-bad', {
      nics: [{ netns: NS_A, bridge: 'no-such-br', tap: 'tsvm-x0', mac: '52:54:00:f1:00:0d', ifname: 'enp0s3', addresses: ['192.168.241.13/24'] }],
    });
    const err = await startVm(s).then(() => null, (e: Error) => e);
    expect(err?.name).to.equal('VmError');
    expect(err?.message).to.include('tsvm-bad');
    expect(String((err?.cause as Error | undefined)?.message)).to.include('no-such-br');
    const qemus = await sh('sh', '-c', 'pgrep -af qemu-system || true');
    expect(qemus).not.to.include(s.workDir);
    await expectGone({ name: s.name, pid: 0, workDir: s.workDir }, [{ ns: NS_A, tap: 'tsvm-x0' }]);
  });

  it('boots a VM with two NICs (enp0s3, enp0s8) on bridges in two netnses, without a default route', async () => {
    const h = await startVm(spec('tsvm-two', {
      nics: [
        { netns: NS_A, bridge: 'br0', tap: 'tsvm-b0', mac: '52:54:00:f1:00:0c', ifname: 'enp0s3', addresses: ['192.168.241.12/24'] },
        { netns: NS_B, bridge: 'br1', tap: 'tsvm-b1', mac: '52:54:00:f1:01:0c', ifname: 'enp0s8', addresses: ['192.168.242.12/24', '192.168.242.100/24'] },
      ],
    }));
    handles.push(h);
    expect(await sh('ip', '-n', NS_B, '-o', 'link', 'show', 'dev', 'tsvm-b1')).to.include('master br1');
    const kh = await knownHosts('192.168.242.12', hostKeyPub, 'kh-b');
    console.log(`      boot to SSH (second NIC): ${(await waitSsh(NS_B, '192.168.242.12', kh, h)).toFixed(1)} s`);
    const out = async (cmd: string) => (await ssh(NS_B, '192.168.242.12', kh, cmd)).stdout.trim();
    expect(await out('ip -o -4 addr show dev enp0s3')).to.include('inet 192.168.241.12/24');
    expect(await out('ip -o -4 addr show dev enp0s8')).to.include('inet 192.168.242.12/24').and.include('inet 192.168.242.100/24');
    expect(await out('cat /sys/class/net/enp0s3/address /sys/class/net/enp0s8/address')).to.equal('52:54:00:f1:00:0c\n52:54:00:f1:01:0c');
    expect(await out('ip route show default')).to.equal('');
    // The first NIC answers SSH in the other netns.
    const khA = await knownHosts('192.168.241.12', hostKeyPub, 'kh-b0');
    expect((await ssh(NS_A, '192.168.241.12', khA, 'hostname')).stdout.trim()).to.equal('tsvm-two');

    await stopVm(h);
    await expectGone(h, [{ ns: NS_A, tap: 'tsvm-b0' }, { ns: NS_B, tap: 'tsvm-b1' }]);
  });
});
