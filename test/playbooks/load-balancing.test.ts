// Proof of chapter II (playbooks/load-balancing.ts) on the lab: LVS-NAT on lb, rr over web1 and web2, N/2 answers each.
// First run against a lab on 2026-11-24 23:00 UTC: 7/7 on a fresh `useLab('chapter2')`. Then the goals the document
// states and never builds: a dead web server leaves the table (ldirectord) and a drill measures what it costs, and
// session persistence as the virtual service's option.
import { expect } from 'chai';
import { findFault } from '../../drill/faults.ts';
import { renderTable } from '../../drill/report.ts';
import { runDrill } from '../../drill/run-drill.ts';
import { labDrillContext } from '../support/drill-lab.ts';
import { useLab } from '../support/lab.ts';
import { changedTasks, explain, hits, labExec, must, runPlay, checkModeChangesNothing, waitUntil } from '../support/playbook-run.ts';

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

  /** The live table, one `ipvsadm -Sn` line each, sorted. */
  const live = async () => (await must(lab, 'lb', ['ipvsadm', '-Sn'])).trim().split('\n').sort();

  // Each look at the table is an SSH round trip to the emulated balancer (about 1.3 s), so this test gives 5 s; the
  // issue's 3 s is asserted from the clients' side by the drill below (its last refused request after the fault).
  it('ldirectord takes a dead web server out of the live table and puts it back when it answers; the table is the rules again @lab', async function () {
    expect((await labExec(lab, 'lb', ['systemctl', 'is-active', 'ldirectord'])).stdout.trim()).to.equal('active');
    await must(lab, 'web2', ['systemctl', 'stop', 'apache2']);
    try {
      const out = await waitUntil('web2 out of the table', 5000, async () => !(await live()).some((l) => l.includes('192.168.200.12:80')));
      console.log(`      web2 out of the table ${out} ms after apache2 stopped`);
      expect(await hits(`http://${VIP}/`, 4)).to.deep.equal({ web1: 4 });
    } finally {
      await must(lab, 'web2', ['systemctl', 'start', 'apache2']);
    }
    const back = await waitUntil('web2 back in the table', 5000, async () => (await live()).some((l) => l.includes('192.168.200.12:80')));
    console.log(`      web2 back ${back} ms after apache2 started`);
    expect(await live()).to.deep.equal([...RULES].sort());
  });

  it('a run of the balancer\'s play while web2 is dead leaves it out: the run puts it back (the rules name it) and ldirectord, reloaded, takes it out again @lab', async function () {
    await must(lab, 'web2', ['systemctl', 'stop', 'apache2']);
    try {
      await waitUntil('web2 out of the table', 10_000, async () => !(await live()).some((l) => l.includes('192.168.200.12:80')));
      const run = await runPlay(PLAYBOOK, lab.inventory, ['--limit', 'lb']);
      expect(run.code, explain(run)).to.equal(0);
      // Without the reload, ldirectord (which acts only when a server's state changes) left web2 in the table for good.
      const out = await waitUntil('web2 out of the table again after the run', 15_000, async () => !(await live()).some((l) => l.includes('192.168.200.12:80')));
      console.log(`      web2 out again ${out} ms after the run ended`);
      expect(await hits(`http://${VIP}/`, 4)).to.deep.equal({ web1: 4 });
    } finally {
      await must(lab, 'web2', ['systemctl', 'start', 'apache2']);
    }
    await waitUntil('web2 back in the table', 10_000, async () => (await live()).some((l) => l.includes('192.168.200.12:80')));
  });

  it('drill: apache2 stopped on web2 (20 req/s for 40 s) costs at most 2% of the requests and none 10 s after the fault; web2 answers again after the restore @lab', async function () {
    const ctx = await labDrillContext(lab, VIP);
    try {
      const r = await runDrill({ fault: findFault('apache'), target: 'web2', url: `http://${VIP}:80/`, timeoutMs: 1000, settleS: 10, rate: 20, durationS: 40, faultAtS: 5, restoreAtS: 25 },
        ctx, (l) => console.log(`      ${l}`));
      console.log(renderTable(r).replace(/^/gm, '      '));
      expect(r.sent, 'requests sent').to.be.at.least(700);
      expect(r.failedPercent, 'failed, % of the requests').to.be.at.most(2);
      const faultedAt = r.events.find((e) => e.kind === 'faulted')!.t;
      const lastFailure = (r.samples ?? []).filter((x) => !x.ok && x.t >= faultedAt).at(-1);
      const outS = lastFailure ? (lastFailure.t - faultedAt) / 1000 : 0;
      console.log(`      last refused request ${outS.toFixed(2)} s after apache2 stopped on web2`);
      expect(outS, 's from the fault to the last request sent to the dead server').to.be.at.most(3);
      expect(r.failedAfterSettle, 'failures from 10 s after the fault to the restore').to.equal(0);
      expect(r.phases.during.byServer, 'who answered while web2\'s Apache was stopped').to.have.property('web1');
      expect(r.phases.after.byServer, 'who answered after the restore').to.have.property('web2');
      expect(r.recovered).to.equal(true);
    } finally {
      await ctx.remote.close();
    }
    await waitUntil('the table is the rules again', 10_000, async () => JSON.stringify(await live()) === JSON.stringify([...RULES].sort()));
  });

  it('session persistence (-e lvs_persistent=30): the table and ldirectord say -p 30 and one client lands on one real server; without it, rr again @lab', async function () {
    const withP = await runPlay(PLAYBOOK, lab.inventory, ['-e', 'lvs_persistent=30']);
    expect(withP.code, explain(withP)).to.equal(0);
    expect(await live()).to.include(`-A -t ${VIP}:80 -s rr -p 30`);
    expect(await must(lab, 'lb', ['cat', '/etc/ha.d/ldirectord.cf'])).to.match(/^\s+persistent=30$/m);
    const got = await hits(`http://${VIP}/`, 10);
    expect(Object.values(got), JSON.stringify(got)).to.deep.equal([10]);
    const again = await runPlay(PLAYBOOK, lab.inventory, ['-e', 'lvs_persistent=30']);
    expect(changedTasks(again), 'second run with persistence').to.deep.equal([]);
    const without = await runPlay(PLAYBOOK, lab.inventory);
    expect(without.code, explain(without)).to.equal(0);
    expect(await live()).to.deep.equal([...RULES].sort());
    expect(await hits(`http://${VIP}/`, 10)).to.deep.equal({ web1: 5, web2: 5 });
  });

  it('load-aware weights (-e lvs_scheduler=wrr -e lvs_load_weights=true): idle, 10 x the declared weights; web1 busy (12 requests held open) gets a lower weight and fewer new connections, then 10 again; a second run changes nothing; off again, the declared weights, no daemon, no status access @lab', async function () {
    const args = ['-e', 'lvs_scheduler=wrr', '-e', 'lvs_load_weights=true'];
    const weights = async () => Object.fromEntries([...(await must(lab, 'lb', ['ipvsadm', '-Sn'])).matchAll(/-r 192\.168\.200\.1(\d):80 -m -w (\d+)/g)].map((m) => [`web${m[1]}`, Number(m[2])]));
    const on = await runPlay(PLAYBOOK, lab.inventory, args);
    expect(on.code, explain(on)).to.equal(0);
    await waitUntil('idle weights 10 and 10', 30_000, async () => JSON.stringify(await weights()) === JSON.stringify({ web1: 10, web2: 10 }));
    const again = await runPlay(PLAYBOOK, lab.inventory, args);
    expect(changedTasks(again), 'second run with load-aware weights (the live weights are the daemon\'s)').to.deep.equal([]);
    // Twelve connections that send half a request hold twelve of web1's workers (Apache drops them after 20 s: mod_reqtimeout).
    await must(lab, 'web1', ['setsid', '-f', 'bash', '-c', 'exec </dev/null >/dev/null 2>&1; for i in $(seq 12); do (exec 3<>/dev/tcp/127.0.0.1/80; printf "GET / HTTP/1.1\\r\\n" >&3; sleep 40) & done; wait']);
    try {
      await waitUntil('web1\'s weight drops', 15_000, async () => (await weights()).web1 <= 2);
      console.log(`      weights with web1 busy: ${JSON.stringify(await weights())}`);
      const got = await hits(`http://${VIP}/`, 40);
      console.log(`      40 new connections: ${JSON.stringify(got)}`);
      expect(got.web1 ?? 0, 'the busy web1\'s share of 40 new connections (20 each when idle)').to.be.at.most(8);
    } finally {
      await labExec(lab, 'web1', ['pkill', '-f', 'sleep 40']);
    }
    await waitUntil('web1 idle again: weight 10', 30_000, async () => (await weights()).web1 === 10);
    const off = await runPlay(PLAYBOOK, lab.inventory);
    expect(off.code, explain(off)).to.equal(0);
    expect(await live()).to.deep.equal([...RULES].sort());
    expect((await labExec(lab, 'lb', ['systemctl', 'is-active', 'lvs-load-weights'])).stdout.trim(), 'the daemon').to.not.equal('active');
    expect((await labExec(lab, 'web1', ['test', '-e', '/etc/apache2/conf-enabled/lvs-load-status.conf'])).code, 'web1\'s status access').to.equal(1);
  });

});
