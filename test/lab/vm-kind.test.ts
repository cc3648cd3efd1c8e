// @lab The VM host kind inside a lab: a QEMU balancer (kernel with IPVS) on the same bridges as container web servers.
import { expect } from 'chai';
import { labCut, labDown, labHeal, labUp, loadTopology } from '../../lab/index.ts';
import { kernelHasIpvs } from '../../lab/ipvs-support.ts';
import { run } from '../../lab/run.ts';
import { vmSupportReason } from '../../lab/vm/index.ts';
import { teardownSharedLab } from '../support/lab.ts';
import { isRoot, needs } from '../support/needs.ts';
import { labLeftovers } from './leftovers.ts';

const stateDir = '/var/lib/tsible/lab-test-vm';
const ssh = (host: string, line: string) => run(['ssh', '-F', `${stateDir}/ssh_config`, '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=3', host, line], { okCodes: [1, 255] });

describe('lab: chapter2 with a VM balancer @lab', function () {
  this.timeout(600_000);
  before(async function () {
    needs(this, isRoot, 'needs root (namespaces, taps, qemu); CI runs as root');
    const why = await vmSupportReason();
    needs(this, why === null, `lab VMs cannot run here: ${why}`);
    await teardownSharedLab();
    const topo = await loadTopology('chapter2');
    topo.hosts[0].kind = 'vm'; // whatever this kernel has, the balancer is a VM here
    await labUp(topo, { stateDir });
  });
  after(async () => { if (isRoot) await labDown({ stateDir }); });

  it('boots lb as a VM with IPVS, reached directly; web servers are containers reached through it', async () => {
    const lb = await ssh('lb', 'modprobe ip_vs && test -e /proc/net/ip_vs && hostname && ip -o -4 addr show | awk \'{print $2, $4}\'');
    expect(lb.stdout).to.equal('lb\nlo 127.0.0.1/8\nenp0s3 192.168.56.10/24\nenp0s8 192.168.200.254/24\n');
    expect((await ssh('web1', 'hostname; ip route show default')).stdout).to.equal('web1\ndefault via 192.168.200.254 dev enp0s3 \n');
    expect((await ssh('lb', 'timeout 2 bash -c "exec 3<>/dev/tcp/192.168.200.12/22" && echo ok')).stdout).to.equal('ok\n');
  });

  it('cuts and heals the VM\'s cable like a container\'s', async () => {
    await labCut('lb', 'hostonly', { stateDir });
    expect((await ssh('lb', 'true')).code).to.equal(255);
    await labHeal('lb', { stateDir });
    expect((await ssh('lb', 'true')).code).to.equal(0);
  });

  it('leaves no qemu, tap, namespace or mount after down', async () => {
    await labDown({ stateDir });
    expect(await labLeftovers(stateDir)).to.deep.equal({ netns: [], links: [], mounts: [], cgroups: [], processes: [] });
  });
});

describe('lab: chapter4 as on this machine (auto: balancers as VMs when the kernel lacks IPVS) @lab', function () {
  this.timeout(900_000);
  before(async function () {
    needs(this, isRoot, 'needs root (namespaces, taps, qemu); CI runs as root');
    const why = await vmSupportReason();
    needs(this, why === null, `lab VMs cannot run here: ${why}`);
    await teardownSharedLab();
  });
  after(async () => { if (isRoot) await labDown({ stateDir }); });

  it('brings lb1, lb2 and web1..3 up with their addresses and gateways, and down leaving nothing', async () => {
    const info = await labUp('chapter4', { stateDir });
    const hasIpvs = await kernelHasIpvs();
    expect(info.plan.hosts.map((h) => `${h.name}:${h.kind}`)).to.deep.equal(
      [`lb1:${hasIpvs ? 'container' : 'vm'}`, `lb2:${hasIpvs ? 'container' : 'vm'}`, 'web1:container', 'web2:container', 'web3:container']);
    expect((await ssh('lb2', 'hostname; ip -o -4 addr show enp0s8 | awk \'{print $4}\'')).stdout).to.equal('lb2\n192.168.200.252/24\n');
    for (const w of ['web1', 'web2', 'web3']) {
      expect((await ssh(w, 'echo $(hostname) $(ip route show default)')).stdout).to.equal(`${w} default via 192.168.200.250 dev enp0s3\n`);
    }
    await labDown({ stateDir });
    expect(await labLeftovers(stateDir)).to.deep.equal({ netns: [], links: [], mounts: [], cgroups: [], processes: [] });
  });
});
