// Proof of chapter II (playbooks/load-balancing.ts) on the lab: LVS-NAT on lb, rr over web1 and web2, N/2 answers each.
// First run against a lab on 2026-11-24 23:00 UTC: 7/7 on a fresh `useLab('chapter2')`.
import { expect } from 'chai';
import { useLab } from '../support/lab.ts';
import { changedTasks, explain, hits, labExec, must, runPlay, checkModeChangesNothing } from '../support/playbook-run.ts';

const PLAYBOOK = 'playbooks/load-balancing.ts';
const VIP = '192.168.56.10';
const HOSTS = ['lb', 'web1', 'web2'];
const RULES = [
  `-A -t ${VIP}:80 -s rr`,
  `-a -t ${VIP}:80 -r 192.168.200.11:80 -m -w 1`,
  `-a -t ${VIP}:80 -r 192.168.200.12:80 -m -w 1`,
];

describe('playbooks/load-balancing.ts — chapter II, LVS-NAT balancer @lab', function () {
  this.timeout(1_200_000);
  const lab = useLab('chapter2');

  it('check mode changes nothing on a fresh lab (/etc, /var/www, packages, services, sysctls, IPVS table) @lab', async function () {
    const run = await checkModeChangesNothing(lab, PLAYBOOK, HOSTS);
    expect([0, 2], explain(run)).to.include(run.code);
  });

  it('converges lb, web1 and web2 without failures @lab', async function () {
    const run = await runPlay(PLAYBOOK, lab.inventory);
    expect(run.code, explain(run)).to.equal(0);
    for (const h of HOSTS) expect(run.json?.stats[h]).to.include({ failed: 0, unreachable: 0 });
    console.log(`      first run: ${Math.round(run.ms / 1000)} s`);
  });

  it('lb routes (live and in /etc/sysctl.conf); ipvsadm loads its rules at boot with no sync daemon @lab', async function () {
    expect((await must(lab, 'lb', ['sysctl', '-n', 'net.ipv4.ip_forward'])).trim()).to.equal('1');
    expect(await must(lab, 'lb', ['grep', '-E', '^net.ipv4.ip_forward ?= ?1', '/etc/sysctl.conf'])).to.not.equal('');
    const defaults = await must(lab, 'lb', ['cat', '/etc/default/ipvsadm']);
    expect(defaults).to.match(/^AUTO="true"$/m).and.to.match(/^DAEMON="none"$/m);
    expect((await labExec(lab, 'lb', ['systemctl', 'is-enabled', 'ipvsadm'])).stdout.trim()).to.equal('enabled');
  });

  it('/etc/ipvsadm.rules is in ipvsadm -R form and the live table equals it (rr, Masq, weight 1) @lab', async function () {
    const file = (await must(lab, 'lb', ['grep', '-v', '^#', '/etc/ipvsadm.rules'])).trim().split('\n');
    expect(file).to.deep.equal(RULES);
    const live = (await must(lab, 'lb', ['ipvsadm', '-Sn'])).trim().split('\n');
    expect([...live].sort()).to.deep.equal([...RULES].sort());
  });

  it('the boot path loads the file as written: `systemctl restart ipvsadm` (clear + ipvsadm -R) gives the same table @lab', async function () {
    await must(lab, 'lb', ['systemctl', 'restart', 'ipvsadm']);
    const live = (await must(lab, 'lb', ['ipvsadm', '-Sn'])).trim().split('\n');
    expect([...live].sort()).to.deep.equal([...RULES].sort());
  });

  it('10 requests to the VIP are answered 5 by web1 and 5 by web2 @lab', async function () {
    expect(await hits(`http://${VIP}/`, 10)).to.deep.equal({ web1: 5, web2: 5 });
  });

  it('a second run changes nothing @lab', async function () {
    const run = await runPlay(PLAYBOOK, lab.inventory);
    expect(run.code, explain(run)).to.equal(0);
    expect(changedTasks(run)).to.deep.equal([]);
    for (const [h, s] of Object.entries(run.json!.stats)) expect(s.changed, `changed on ${h}`).to.equal(0);
  });

  it('check mode on the converged lab changes nothing and reports changed=0 @lab', async function () {
    const run = await checkModeChangesNothing(lab, PLAYBOOK, HOSTS);
    expect(run.code, explain(run)).to.equal(0);
    expect(changedTasks(run)).to.deep.equal([]);
  });
});
