// Proof of chapter IV (playbooks/lb-ha.ts) on the lab: both VIPs and the wrr table on lb1, 6/2/2 answers, idempotence, failover to lb2.
// Its fresh-lab failures (the preferred node never held the floating addresses) were Heartbeat's IPaddr script
// missing ifconfig (net-tools, now installed with Heartbeat).
import { expect } from 'chai';
import { useLab } from '../support/lab.ts';
import {
  TEST_AUTHKEY, addresses, changedTasks, checkModeChangesNothing, explain, hits, holds, labExec, must, runPlay, waitUntil, type PlayRun,
} from '../support/playbook-run.ts';

const PLAYBOOK = 'playbooks/lb-ha.ts';
const VIP = '192.168.56.10';
const INTERNAL_VIP = '192.168.200.250';
const URL = `http://${VIP}/`;
const BALANCERS = ['lb1', 'lb2'];
const WEBS = ['web1', 'web2', 'web3'];
/** The rules the document means (`ipvsadm -Sn` form), weights 3/1/1 with wrr. */
const RULES = [
  `-A -t ${VIP}:80 -s wrr`,
  `-a -t ${VIP}:80 -r 192.168.200.11:80 -m -w 3`,
  `-a -t ${VIP}:80 -r 192.168.200.12:80 -m -w 1`,
  `-a -t ${VIP}:80 -r 192.168.200.13:80 -m -w 1`,
];
/**
 * Heartbeat's deadtime in the playbook, and the margin the failover is allowed beyond it. On the lab the
 * balancers are emulated (QEMU TCG): on a busy machine each resource script (IPaddr, ipvsadm) takes
 * seconds, lb1 releases its three resources one by one and lb2 then acquires them one by one — measured
 * 1 min 50 s on this machine at load 12. The margin covers that; the measured time is printed.
 */
const DEADTIME_MS = 5000;
const MARGIN_MS = Number(process.env.TSIBLE_FAILOVER_MARGIN_MS ?? 175_000);

/** The lines of `ipvsadm -Sn` that belong to the VIP's service, sorted (other tests may hold other services on lb2). */
async function vipTable(lab: ReturnType<typeof useLab>, host: string): Promise<string[]> {
  const out = await must(lab, host, ['ipvsadm', '-Sn']);
  return out.split('\n').filter((l) => l.includes(`-t ${VIP}:80 `)).sort();
}

describe('playbooks/lb-ha.ts — chapter IV, Heartbeat pair of LVS balancers @lab', function () {
  this.timeout(1_800_000);
  const lab = useLab('chapter4');
  let first: PlayRun;

  it('check mode changes nothing: packages, files, services, addresses and the IPVS table are the same before and after @lab', async function () {
    const run = await checkModeChangesNothing(lab, PLAYBOOK, [...BALANCERS, ...WEBS]);
    expect([0, 2], explain(run)).to.include(run.code);
    console.log(`      --check: ${Math.round(run.ms / 1000)} s, exit ${run.code}`);
  });

  it('converges the pair: every host ok, none failed or unreachable @lab', async function () {
    first = await runPlay(PLAYBOOK, lab.inventory);
    expect(first.code, explain(first)).to.equal(0);
    for (const h of [...BALANCERS, ...WEBS]) {
      expect(first.json?.stats[h], `stats of ${h}`).to.include({ failed: 0, unreachable: 0 });
    }
    // Heartbeat's `ipvsadm start` loaded /etc/ipvsadm.rules on lb1 before the play looked at the live table.
    expect(changedTasks(first).filter((l) => l.includes('live table equals the rules')), 'the live table after Heartbeat took over').to.deep.equal([]);
    console.log(`      first run: ${Math.round(first.ms / 1000)} s, changed ${JSON.stringify(Object.fromEntries(Object.entries(first.json!.stats).map(([h, s]) => [h, s.changed])))}`);
  });

  it('never prints the Heartbeat key @lab', function () {
    expect(first.stdout + first.stderr).not.to.include(TEST_AUTHKEY);
  });

  it('lb1 holds both floating addresses on the right interfaces; lb2 holds none @lab', async function () {
    const lb1 = await addresses(lab, 'lb1');
    expect(lb1).to.include(`enp0s3 ${VIP}/24`);
    expect(lb1).to.include(`enp0s8 ${INTERNAL_VIP}/24`);
    expect(await holds(lab, 'lb2', VIP)).to.equal(false);
    expect(await holds(lab, 'lb2', INTERNAL_VIP)).to.equal(false);
  });

  it('the files are as the spec says on both balancers (authkeys auth 1 + sha1, 0600 root; haresources identical) @lab', async function () {
    for (const h of BALANCERS) {
      expect(await must(lab, h, ['stat', '-c', '%a %U:%G', '/etc/ha.d/authkeys'])).to.equal('600 root:root\n');
      expect(await must(lab, h, ['cat', '/etc/ha.d/authkeys'])).to.equal(`auth 1\n1 sha1 ${TEST_AUTHKEY}\n`);
      const hacf = await must(lab, h, ['grep', '-v', '^#', '/etc/ha.d/ha.cf']);
      for (const line of ['bcast enp0s3 enp0s8', 'deadtime 5', 'keepalive 1', 'node lb1 lb2']) expect(hacf.split('\n')).to.include(line);
      const res = (await must(lab, h, ['grep', '-v', '^#', '/etc/ha.d/haresources'])).trim();
      expect(res).to.equal(`lb1 IPaddr::${VIP}/24/enp0s3 IPaddr::${INTERNAL_VIP}/24/enp0s8 ipvsadm`);
      const rules = (await must(lab, h, ['grep', '-v', '^#', '/etc/ipvsadm.rules'])).trim().split('\n');
      expect(rules).to.deep.equal(RULES);
      const defaults = await must(lab, h, ['cat', '/etc/default/ipvsadm']);
      expect(defaults).to.match(/^AUTO="true"$/m).and.to.match(/^DAEMON="none"$/m);
      expect((await must(lab, h, ['sysctl', '-n', 'net.ipv4.ip_forward'])).trim()).to.equal('1');
      expect(await must(lab, h, ['grep', '-E', '^net.ipv4.ip_forward ?= ?1', '/etc/sysctl.conf'])).to.not.equal('');
      expect((await labExec(lab, h, ['systemctl', 'is-enabled', 'ipvsadm'])).stdout.trim(), `${h}: ipvsadm at boot`).to.equal('disabled');
      expect((await labExec(lab, h, ['systemctl', 'is-enabled', 'heartbeat'])).stdout.trim()).to.equal('enabled');
      expect((await labExec(lab, h, ['systemctl', 'is-active', 'heartbeat'])).stdout.trim()).to.equal('active');
    }
  });

  it('the active balancer\'s live table equals the rules (wrr 3/1/1, masq); the standby has none @lab', async function () {
    expect(await vipTable(lab, 'lb1')).to.deep.equal([...RULES].sort());
    expect(await vipTable(lab, 'lb2')).to.deep.equal([]);
  });

  it('10 requests to the VIP are answered 6 by web1, 2 by web2, 2 by web3 @lab', async function () {
    expect(await hits(URL, 10)).to.deep.equal({ web1: 6, web2: 2, web3: 2 });
  });

  it('a second run changes nothing on any host @lab', async function () {
    const second = await runPlay(PLAYBOOK, lab.inventory);
    expect(second.code, explain(second)).to.equal(0);
    expect(changedTasks(second), 'changed tasks on the second run').to.deep.equal([]);
    for (const [h, s] of Object.entries(second.json!.stats)) expect(s.changed, `changed on ${h}`).to.equal(0);
    console.log(`      second run: ${Math.round(second.ms / 1000)} s, changed=0 on ${Object.keys(second.json!.stats).length} hosts`);
  });

  it('check mode on the converged pair changes nothing and reports changed=0 @lab', async function () {
    const run = await checkModeChangesNothing(lab, PLAYBOOK, [...BALANCERS, ...WEBS]);
    expect(run.code, explain(run)).to.equal(0);
    expect(changedTasks(run)).to.deep.equal([]);
  });

  describe('failover', function () {
    after(async function () {
      // Give lb1 back its role (auto_failback on) so the lab is left as the playbook made it.
      this.timeout(400_000);
      await labExec(lab, 'lb1', ['systemctl', 'start', 'heartbeat']);
      await waitUntil('lb1 takes the addresses back and loads the table', 360_000, async () => (await holds(lab, 'lb1', VIP)) && (await vipTable(lab, 'lb1')).length === RULES.length);
    });

    it('stopping Heartbeat on lb1 moves both VIPs and the IPVS table to lb2 within deadtime + margin; requests keep being answered 6/2/2 @lab', async function () {
      const stopping = must(lab, 'lb1', ['systemctl', 'stop', 'heartbeat']); // returns once lb1 released everything
      const ms = await waitUntil('lb2 holds both addresses', DEADTIME_MS + MARGIN_MS, async () => (await holds(lab, 'lb2', VIP)) && (await holds(lab, 'lb2', INTERNAL_VIP)));
      await stopping;
      console.log(`      failover: both addresses on lb2 ${ms} ms after \`systemctl stop heartbeat\` on lb1`);
      expect(await holds(lab, 'lb1', VIP)).to.equal(false);
      await waitUntil('lb2 has the IPVS table', 60_000, async () => (await vipTable(lab, 'lb2')).length === RULES.length);
      expect(await vipTable(lab, 'lb2')).to.deep.equal([...RULES].sort());
      expect(await hits(URL, 10)).to.deep.equal({ web1: 6, web2: 2, web3: 2 });
    });
  });
});
