// Proof of chapter IV (playbooks/lb-ha.ts) on the lab: both VIPs on lb1, the wrr table on both, 6/2/2 answers, idempotence, failover and connection sync.
// Its fresh-lab failures (the preferred node never held the floating addresses) were Heartbeat's IPaddr script
// missing ifconfig (net-tools, now installed with Heartbeat).
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findFault, type FaultContext } from '../../drill/faults.ts';
import { renderTable } from '../../drill/report.ts';
import { runDrill } from '../../drill/run-drill.ts';
import { labDrillContext } from '../support/drill-lab.ts';
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
 * A graceful failover (Heartbeat stopped on lb1) may leave the addresses nowhere for at most the document's deadtime
 * plus 3 s (issue 15), on the lab's emulated balancers too: the addresses are one FloatingIP resource (a few processes)
 * and nothing else moves. The measured time is printed.
 */
const FAILOVER_MAX_MS = Number(process.env.TSIBLE_FAILOVER_MAX_MS ?? 8000);

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
      expect(res).to.equal(`lb1 FloatingIP::${VIP}/24/enp0s3::${INTERNAL_VIP}/24/enp0s8`);
      expect(await must(lab, h, ['stat', '-c', '%a %U:%G', '/etc/ha.d/resource.d/FloatingIP'])).to.equal('755 root:root\n');
      const rules = (await must(lab, h, ['grep', '-v', '^#', '/etc/ipvsadm.rules'])).trim().split('\n');
      expect(rules).to.deep.equal(RULES);
      const defaults = await must(lab, h, ['cat', '/etc/default/ipvsadm']);
      expect(defaults).to.match(/^AUTO="true"$/m).and.to.match(/^DAEMON="both"$/m).and.to.match(/^IFACE="enp0s3"$/m);
      expect((await must(lab, h, ['sysctl', '-n', 'net.ipv4.ip_forward'])).trim()).to.equal('1');
      expect(await must(lab, h, ['grep', '-E', '^net.ipv4.ip_forward ?= ?1', '/etc/sysctl.conf'])).to.not.equal('');
      expect((await labExec(lab, h, ['systemctl', 'is-enabled', 'ipvsadm'])).stdout.trim(), `${h}: ipvsadm at boot`).to.equal('enabled');
      expect((await labExec(lab, h, ['systemctl', 'is-active', 'ldirectord'])).stdout.trim(), `${h}: ldirectord`).to.equal('active');
      expect((await labExec(lab, h, ['systemctl', 'is-enabled', 'heartbeat'])).stdout.trim()).to.equal('enabled');
      expect((await labExec(lab, h, ['systemctl', 'is-active', 'heartbeat'])).stdout.trim()).to.equal('active');
      expect((await labExec(lab, h, ['systemctl', 'is-active', 'ha-isolation-guard'])).stdout.trim(), `${h}: the isolation guard`).to.equal('active');
      expect(hacf.split('\n'), `${h}: Heartbeat runs ha-fast-takeover`).to.include('respawn root /usr/local/sbin/ha-fast-takeover');
      expect((await labExec(lab, h, ['pgrep', '-f', '^/bin/bash /usr/local/sbin/ha-fast-takeover$'])).code, `${h}: ha-fast-takeover runs`).to.equal(0);
    }
  });

  it('both balancers\' live tables equal the rules (wrr 3/1/1, masq), and each runs both connection-sync daemons @lab', async function () {
    for (const h of BALANCERS) {
      expect(await vipTable(lab, h), h).to.deep.equal([...RULES].sort());
      const daemons = await must(lab, h, ['ipvsadm', '-L', '--daemon']);
      expect(daemons, h).to.match(/^master sync daemon \(mcast=enp0s3, syncid=0/m).and.to.match(/^backup sync daemon \(mcast=enp0s3, syncid=0/m);
    }
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

  it('a dead web server (apache2 stopped on web2, 20 req/s for 40 s) costs at most 2% of the requests, none 10 s after; web2 back after the restore @lab', async function () {
    const ctx = await labDrillContext(lab, VIP);
    try {
      const r = await runDrill({ fault: findFault('apache'), target: 'web2', url: URL, rate: 20, durationS: 40, faultAtS: 5, restoreAtS: 25, timeoutMs: 1000, settleS: 10 },
        ctx, (l) => console.log(`      ${l}`));
      console.log(renderTable(r).replace(/^/gm, '      '));
      expect(r.failedPercent, 'failed, % of the requests').to.be.at.most(2);
      expect(r.failedAfterSettle, 'failures from 10 s after the fault to the restore').to.equal(0);
      expect(r.phases.after.byServer, 'who answered after the restore').to.have.property('web2');
      expect(r.recovered).to.equal(true);
    } finally {
      await ctx.remote.close();
    }
    await waitUntil('the table is the rules again on both', 20_000, async () => {
      for (const h of BALANCERS) if (JSON.stringify(await vipTable(lab, h)) !== JSON.stringify([...RULES].sort())) return false;
      return true;
    });
  });

  it('session persistence (-e lvs_persistent=30): -p 30 on both balancers, one client lands on one web server; without it wrr 3/1/1 again @lab', async function () {
    const withP = await runPlay(PLAYBOOK, lab.inventory, ['-e', 'lvs_persistent=30']);
    expect(withP.code, explain(withP)).to.equal(0);
    for (const h of BALANCERS) expect(await must(lab, h, ['ipvsadm', '-Sn']), h).to.match(new RegExp(`^-A -t ${VIP.replace(/\./g, '\\.')}:80 -s wrr -p 30$`, 'm'));
    const got = await hits(URL, 10);
    expect(Object.keys(got), JSON.stringify(got)).to.have.length(1);
    const without = await runPlay(PLAYBOOK, lab.inventory);
    expect(without.code, explain(without)).to.equal(0);
    for (const h of BALANCERS) expect(await vipTable(lab, h), h).to.deep.equal([...RULES].sort());
  });

  describe('failover', function () {
    const SIZE = 4 * 1024 * 1024;
    let sum = '';
    let ctx: FaultContext | undefined;

    before(async function () {
      // The same file on every web server (a download lands on one of them), for the connection-sync tests.
      const make = `python3 -c 'import random,sys; random.seed(15); sys.stdout.buffer.write(random.randbytes(${SIZE}))' > /var/www/html/big.bin && sha256sum /var/www/html/big.bin`;
      const sums = new Set<string>();
      for (const w of WEBS) sums.add((await must(lab, w, ['sh', '-c', make])).split(' ')[0]!);
      expect(sums.size, 'the same file on every web server').to.equal(1);
      sum = [...sums][0]!;
      ctx = await labDrillContext(lab, VIP);
    });

    after(async function () {
      this.timeout(400_000);
      await ctx?.remote.close();
      for (const w of WEBS) await labExec(lab, w, ['rm', '-f', '/var/www/html/big.bin']);
      // Give lb1 back its role (auto_failback on) so the lab is left as the playbook made it.
      await labExec(lab, 'lb1', ['systemctl', 'start', 'heartbeat']);
      await waitUntil('lb1 takes the addresses back', 360_000, () => holds(lab, 'lb1', VIP));
    });

    it(`graceful failover and failback (tsible drill heartbeat, 10 req/s): no gap over ${FAILOVER_MAX_MS / 1000} s; 6/2/2 again after @lab`, async function () {
      const r = await runDrill({ fault: findFault('heartbeat'), target: 'lb1', url: URL, rate: 10, durationS: 50, faultAtS: 5, restoreAtS: 25, timeoutMs: 1000, settleS: 10 },
        ctx!, (l) => console.log(`      ${l}`));
      console.log(renderTable(r).replace(/^/gm, '      '));
      expect(r.longestGapS, 'longest gap, s').to.be.at.most(FAILOVER_MAX_MS / 1000);
      expect(r.recovered, 'the last request answered').to.equal(true);
      await waitUntil('lb1 holds both addresses again', 180_000, async () => (await addresses(lab, 'lb1')).filter((a) => a.endsWith(`${VIP}/24`) || a.endsWith(`${INTERNAL_VIP}/24`)).length === 2);
      expect(await holds(lab, 'lb2', VIP)).to.equal(false);
      expect(await hits(URL, 10)).to.deep.equal({ web1: 6, web2: 2, web3: 2 });
    });

    /** Starts a slow download, runs `move` 3 s into it, waits until `to` holds the public address; the download must complete whole. */
    async function downloadAcross(what: string, move: () => Promise<unknown>, to: string): Promise<void> {
      const t0 = Date.now();
      const download = slowDownload('/big.bin');
      await new Promise((r) => setTimeout(r, 3000));
      await move();
      await waitUntil(`${to} holds the public address`, 180_000, () => holds(lab, to, VIP));
      const movedAt = Date.now() - t0;
      const d = await download;
      console.log(`      ${d.bytes} bytes in ${(d.ms / 1000).toFixed(1)} s; ${to} held the address ${(movedAt / 1000).toFixed(1)} s after the start`);
      expect(d.error, 'the download failed').to.equal(undefined);
      expect(d.ms, `the download outlived the ${what}`).to.be.greaterThan(movedAt);
      expect(d.status).to.equal(200);
      expect(d.bytes).to.equal(SIZE);
      expect(d.sha256).to.equal(sum);
    }

    it('connection sync: a download started through lb1 survives the failover to lb2, byte for byte @lab', async function () {
      await downloadAcross('failover', () => must(lab, 'lb1', ['systemctl', 'stop', 'heartbeat']), 'lb2');
    });

    it('connection sync: a download started through lb2 survives the failback to lb1 @lab', async function () {
      await downloadAcross('failback', () => must(lab, 'lb1', ['systemctl', 'start', 'heartbeat']), 'lb1');
    });

    /** A hard-failover drill on lb1 (10 req/s, 90 s, fault at 10 s, restored at 40 s); then lb1 serves again (auto_failback). */
    async function hardDrill(fault: 'poweroff' | 'cable' | 'public-cable'): Promise<void> {
      await waitUntil('lb1 holds the VIP before the drill', 360_000, () => holds(lab, 'lb1', VIP));
      const r = await runDrill({ fault: findFault(fault), target: 'lb1', url: URL, rate: 10, durationS: 90, faultAtS: 10, restoreAtS: 40, timeoutMs: 1000, settleS: 10 },
        ctx!, (l) => console.log(`      ${l}`));
      console.log(renderTable(r).replace(/^/gm, '      '));
      expect(r.longestGapS, 'longest gap, s').to.be.at.most(FAILOVER_MAX_MS / 1000);
      expect(r.recovered, 'the last request answered').to.equal(true);
      await waitUntil('lb1 holds the VIP again', 360_000, () => holds(lab, 'lb1', VIP));
    }

    it(`hard failover: lb1 powered off without a shutdown, powered on 30 s later: no gap over ${FAILOVER_MAX_MS / 1000} s (ha-fast-takeover on lb2) @lab`, async function () {
      await hardDrill('poweroff');
    });

    it(`every cable of lb1 cut, plugged back 30 s later: no gap over ${FAILOVER_MAX_MS / 1000} s, also after the heal (the isolation guard: no split brain to settle) @lab`, async function () {
      await hardDrill('cable');
    });

    it(`only lb1's public cable cut (lb2 still hears it over the internal network), plugged back 30 s later: no gap over ${FAILOVER_MAX_MS / 1000} s (the isolation guard's public side) @lab`, async function () {
      await hardDrill('public-cable');
    });
  });
});

/**
 * Downloads `path` from the VIP on one connection at about 100 KB/s through test/support/slow-download.py (python3: a
 * 16 KiB receive buffer, which Node cannot set; with the autotuned one the whole file crossed the network in the first
 * second and the test passed with the sync daemons stopped). Resolves with what arrived, never rejects.
 */
function slowDownload(path: string): Promise<{ status: number; bytes: number; sha256: string; ms: number; error?: string }> {
  return new Promise((resolve) => {
    execFile('python3', [SLOW_DOWNLOAD, VIP, '80', path, '100000'], { timeout: 300_000 }, (err, stdout) => {
      try {
        const r = JSON.parse(stdout) as { status: number; bytes: number; sha256: string; ms: number; error: string | null };
        resolve({ ...r, error: r.error ?? undefined });
      } catch {
        resolve({ status: 0, bytes: 0, sha256: '', ms: 0, error: `slow-download.py: ${err?.message ?? stdout}` });
      }
    });
  });
}

const SLOW_DOWNLOAD = fileURLToPath(new globalThis.URL('../support/slow-download.py', import.meta.url));
