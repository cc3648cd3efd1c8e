// setup and ping against real lab hosts: a systemd-nspawn container and a QEMU VM, facts checked against independent reads.
import { expect } from 'chai';
import { ping } from '../../modules/ping.ts';
import { setup } from '../../modules/setup.ts';
import { useLab } from '../support/lab.ts';
import { labExec } from './support/lab-exec-retry.ts';
import { expectNotFailed, useLabRunner } from './support/lab-run.ts';

describe('setup and ping on lab hosts @lab', function () {
  this.timeout(120_000);
  const lab = useLab('chapter4');
  const runner = useLabRunner(lab);

  /** The host's own answers, read with OpenSSH (not tsible) in one login: one value per marked section. */
  const independent = async (host: string): Promise<Record<string, string>> => {
    const script = [
      'echo @debian; cat /etc/debian_version', 'echo @arch; uname -m', 'echo @kernel; uname -r', 'echo @nproc; nproc',
      "echo @mem; sed -n 's/^MemTotal: *\\([0-9]*\\) kB$/\\1/p' /proc/meminfo", 'echo @ipv4; ip -o -4 addr show', 'echo @route; ip -4 route show default',
    ].join('; ');
    const r = await labExec(lab, host, ['sh', '-c', script]);
    expect(r.code, `reading ${host}: ${r.stderr}`).to.equal(0);
    const out: Record<string, string> = {};
    for (const part of r.stdout.split(/^@/m).filter(Boolean)) {
      const nl = part.indexOf('\n');
      out[part.slice(0, nl)] = part.slice(nl + 1).trim();
    }
    return out;
  };

  for (const host of ['web3', 'lb2']) {
    it(`ping ${host}: pong @lab`, async () => {
      const run = expectNotFailed(await runner.run(host, ping, {}));
      expect(run).to.deep.include({ status: 'ok', msg: 'pong', changes: [] });
    });

    it(`setup ${host}: OS, host name, interfaces, default route, init, memory, CPUs match the host's own answers @lab`, async () => {
      const run = expectNotFailed(await runner.run(host, setup, {}));
      expect(run.status).to.equal('ok');
      const d = run.data;
      const own = await independent(host);
      expect(d).to.include({ tsible_os_family: 'Debian', ansible_distribution: 'Debian', tsible_distribution_release: 'bookworm', tsible_distribution_major_version: '12' });
      expect(d).to.include({
        tsible_hostname: host, ansible_hostname: host, tsible_service_mgr: 'systemd',
        tsible_distribution_version: own.debian, tsible_architecture: own.arch, tsible_kernel: own.kernel,
        tsible_processor_nproc: Number(own.nproc), tsible_memtotal_mb: Math.floor(Number(own.mem) / 1024),
      });

      // Interfaces: the same names and IPv4 addresses as `ip -o -4 addr` prints.
      const ipv4 = own.ipv4.split('\n').map((l) => l.split(/\s+/)).map((w) => `${w[1]} ${w[3]}`).sort();
      const ours = (d.tsible_interfaces as { name: string; ipv4: { address: string; prefix: number }[] }[])
        .flatMap((i) => i.ipv4.map((a) => `${i.name} ${a.address}/${a.prefix}`)).sort();
      expect(ours).to.deep.equal(ipv4);

      // Default route: web servers go through the internal VIP; the balancer VMs have none in this lab.
      if (own.route === '') {
        expect(d.ansible_default_ipv4).to.deep.equal({});
      } else {
        const [, gateway, dev] = /^default via (\S+) dev (\S+)/.exec(own.route)!;
        const addr = own.ipv4.split('\n').map((l) => l.split(/\s+/)).find((w) => w[1] === dev)![3].split('/')[0];
        expect(d.ansible_default_ipv4).to.include({ gateway, interface: dev, address: addr });
      }
    });
  }

  it('the lab shows both cases: a container with a default route and a VM without one @lab', async () => {
    expect((await independent('web3')).route).to.match(/^default via 192\.168\.200\.250 /);
    const kinds = lab.info.plan.hosts.filter((h) => ['web3', 'lb2'].includes(h.name)).map((h) => `${h.name}:${h.kind}`).sort();
    expect(kinds).to.deep.equal(['lb2:vm', 'web3:container']);
  });
});
