// @lab The lab for real, container hosts: every built-in topology up and down, isolation, reachability, faults, teardown.
import { expect } from 'chai';
import { readFile, rm } from 'node:fs/promises';
import { labCut, labDown, labHeal, labStart, labStatus, labStop, labUp } from '../../lab/index.ts';
import { run } from '../../lab/run.ts';
import { isRoot, needs } from '../support/needs.ts';
import { teardownSharedLab } from '../support/lab.ts';
import { labLeftovers } from './leftovers.ts';

const stateDir = '/var/lib/tsible/lab-test-containers';
const o = { stateDir };
const EMPTY = { netns: [], links: [], mounts: [], cgroups: [], processes: [] };

/** Runs a shell command line on a lab host with OpenSSH; resolves with exit code and output. */
async function sh(host: string, line: string): Promise<{ code: number; out: string }> {
  const r = await run(['ssh', '-F', `${stateDir}/ssh_config`, '-o', 'BatchMode=yes', host, line], { okCodes: [1, 2, 3, 124, 255] });
  return { code: r.code, out: r.stdout.trim() };
}

/** Can `from` open a TCP connection to ip:port (2 s limit)? */
async function tcp(from: string, ip: string, port: number): Promise<boolean> {
  return (await sh(from, `timeout 2 bash -c 'exec 3<>/dev/tcp/${ip}/${port}'`)).code === 0;
}

describe('lab: container hosts @lab', function () {
  this.timeout(300_000);
  before(async function () {
    needs(this, isRoot, 'needs root (network namespaces, systemd-nspawn, overlay mounts); CI runs as root');
    await teardownSharedLab(); // the lab owns 192.168.56.0/24 on this machine: one at a time
    await labDown(o);
    expect(await labLeftovers(stateDir)).to.deep.equal(EMPTY);
  });
  after(async () => { if (isRoot) await labDown(o); });

  for (const [topology, hostnames] of [
    ['chapter1', ['DebianWeb1', 'DebianWeb2']], ['chapter2', ['lb', 'web1', 'web2']],
    ['chapter3', ['lb', 'web1', 'web2', 'web3']], ['chapter4', ['lb1', 'lb2', 'web1', 'web2', 'web3']],
  ] as const) {
    it(`brings ${topology} up (every host answers SSH as itself, with systemd as PID 1) and down, leaving nothing`, async () => {
      const info = await labUp(topology, { ...o, kind: 'container' });
      expect(info.plan.hosts.map((h) => h.name)).to.deep.equal([...hostnames]);
      for (const h of hostnames) expect((await sh(h, 'echo $(hostname) $(cat /proc/1/comm) $(systemctl is-system-running)')).out).to.equal(`${h} systemd running`);
      const inv = await readFile(info.paths.inventory, 'utf8');
      for (const h of hostnames) expect(inv).to.match(new RegExp(`^${h} ansible_host=`, 'm'));
      await labDown(o);
      expect(await labLeftovers(stateDir)).to.deep.equal(EMPTY);
    });
  }

  it('refuses a second up, and a subnet already in use, with a clear message', async () => {
    await labUp('chapter1', { ...o, kind: 'container' });
    try {
      expect(await labUp('chapter1', o).catch((e: Error) => e.message)).to.match(/a lab is already up \(topology chapter1/);
      const other = await labUp('chapter1', { stateDir: `${stateDir}-2`, kind: 'container' }).catch((e: Error) => e.message);
      expect(other).to.match(/network hostonly \(192\.168\.56\.0\/24\) is already in use on this machine \(.*tslc0.*\).*--subnet hostonly=/);
    } finally {
      await labDown(o);
      await rm(`${stateDir}-2`, { recursive: true, force: true });
    }
  });

  it('tears down after a crash (state file lost) and twice in a row', async () => {
    await labUp('chapter2', { ...o, kind: 'container' });
    await rm(`${stateDir}/state.json`);
    await labDown(o);
    await labDown(o);
    expect(await labLeftovers(stateDir)).to.deep.equal(EMPTY);
  });

  describe('chapter2 with container hosts', () => {
    before(async () => { await labUp('chapter2', { ...o, kind: 'container' }); });
    after(async () => { await labDown(o); });

    it('isolates hosts: hostname, filesystem, net.* sysctls', async () => {
      await sh('web1', 'echo web1-only > /root/marker');
      expect((await sh('web2', 'cat /root/marker')).code).to.not.equal(0);
      expect((await sh('web1', 'cat /root/marker')).out).to.equal('web1-only');
      const machine = (await readFile('/proc/sys/net/ipv4/ip_forward', 'utf8')).trim();
      expect((await sh('lb', 'sysctl -w net.ipv4.ip_forward=1 >/dev/null && sysctl -n net.ipv4.ip_forward')).out).to.equal('1');
      expect((await sh('web1', 'sysctl -n net.ipv4.ip_forward')).out).to.equal('0');
      expect((await readFile('/proc/sys/net/ipv4/ip_forward', 'utf8')).trim()).to.equal(machine);
      expect((await sh('lb', 'sysctl -n kernel.hostname; sysctl -w kernel.pid_max=40000 >/dev/null 2>&1; echo $?')).out).to.match(/^lb\n[1-9]/); // non-net keys read-only
      expect((await sh('lb', 'sysctl -w net.ipv4.ip_forward=0 >/dev/null; echo $(hostname)')).out).to.equal('lb');
      expect((await sh('web2', 'hostname')).out).to.equal('web2');
    });

    it('wires the tutorial\'s network: control → lb directly, web servers only behind lb, their default route via lb', async () => {
      const viaLab = async (ip: string) => (await run(['ip', '-j', 'route', 'get', ip])).stdout.includes('"dev":"tslc0"');
      expect(await viaLab('192.168.56.10')).to.equal(true);
      expect(await viaLab('192.168.200.11')).to.equal(false); // no route from the control machine into the internal network
      expect(await tcp('lb', '192.168.200.11', 22)).to.equal(true);
      expect(await tcp('web1', '192.168.200.12', 22)).to.equal(true);
      expect((await sh('web1', 'ip route show default')).out).to.equal('default via 192.168.200.254 dev enp0s3');
      expect(await tcp('web1', '192.168.56.1', 3142)).to.equal(false); // lb does not forward (yet): the tutorial's playbook turns it on
      expect(await tcp('web1', '192.168.200.1', 3142)).to.equal(true); // the lab's apt relay
      expect((await sh('lb', "ip -o -4 addr show | awk '{print $2, $4}'")).out).to.equal('lo 127.0.0.1/8\nenp0s3 192.168.56.10/24\nenp0s8 192.168.200.254/24');
    });

    it('cut makes a host unreachable and heal brings it back', async () => {
      expect(await labCut('web1', 'internal', o)).to.deep.equal(['internal']);
      expect(await tcp('lb', '192.168.200.11', 22)).to.equal(false);
      expect((await labStatus(o))!.hosts.find((h) => h.name === 'web1')!.cut).to.deep.equal(['internal']);
      await labHeal('web1', o);
      expect(await tcp('lb', '192.168.200.11', 22)).to.equal(true);
      const e = await labCut('web1', 'hostonly', o).catch((x: Error) => x.message);
      expect(e).to.match(/web1 has no NIC on network "hostonly"/);
    });

    it('stop powers a host off and start powers it on with its disk and identity', async () => {
      await sh('web2', 'echo kept > /root/disk');
      await labStop('web2', o);
      expect((await labStatus(o))!.hosts.find((h) => h.name === 'web2')!.running).to.equal(false);
      expect(await tcp('lb', '192.168.200.12', 22)).to.equal(false);
      await labStop('web2', o); // idempotent
      await labStart('web2', o);
      expect((await sh('web2', 'cat /root/disk; hostname')).out).to.equal('kept\nweb2');
    });

    it('lets a web server use apt through the relay on its own network', async () => {
      const r = await sh('web1', 'apt-get -q update >/dev/null 2>&1 && apt-cache policy less | grep -c Candidate');
      expect(r.out).to.equal('1');
    });
  });
});
