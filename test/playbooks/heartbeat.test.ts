// Proof of chapter I (playbooks/heartbeat.ts) on the lab: the VIP and Apache on DebianWeb1, Heartbeat failover to DebianWeb2.
// Its first lab runs failed on two bugs, now fixed: no ifconfig for Heartbeat's IPaddr script (net-tools), and a
// looped task losing hostvars (the peer's /etc/hosts line). Passed 7/7 on a fresh `useLab('chapter1')` since.
import { expect } from 'chai';
import { useLab } from '../support/lab.ts';
import {
  TEST_AUTHKEY, addresses, changedTasks, checkModeChangesNothing, explain, getOnce, holds, labExec, must, runPlay, waitUntil, type PlayRun,
} from '../support/playbook-run.ts';

const PLAYBOOK = 'playbooks/heartbeat.ts';
const VIP = '192.168.56.10';
const URL = `http://${VIP}/`;
const NODES = ['DebianWeb1', 'DebianWeb2'];
const DEADTIME_MS = 5000;
const MARGIN_MS = 10_000;

/** The page's <h1>. */
function h1(body: string): string {
  return /<h1>([^<]*)<\/h1>/.exec(body)?.[1] ?? `(no h1 in ${body.slice(0, 100)})`;
}

describe('playbooks/heartbeat.ts — chapter I, Heartbeat pair serving Apache @lab', function () {
  this.timeout(1_200_000);
  const lab = useLab('chapter1');
  let first: PlayRun;

  it('check mode changes nothing on a fresh pair (/etc, /var/www, packages, services, sysctls, addresses) @lab', async function () {
    const run = await checkModeChangesNothing(lab, PLAYBOOK, NODES);
    expect([0, 2], explain(run)).to.include(run.code);
  });

  it('converges both nodes without failures @lab', async function () {
    first = await runPlay(PLAYBOOK, lab.inventory);
    expect(first.code, explain(first)).to.equal(0);
    for (const h of NODES) expect(first.json?.stats[h]).to.include({ failed: 0, unreachable: 0 });
    expect(first.stdout + first.stderr).not.to.include(TEST_AUTHKEY);
    console.log(`      first run: ${Math.round(first.ms / 1000)} s`);
  });

  it('writes the three Heartbeat files as the spec says (authkeys auth 1 + sha1, 0600 root) @lab', async function () {
    const iface = (await addresses(lab, 'DebianWeb1')).find((a) => a.endsWith(' 192.168.56.11/24'))!.split(' ')[0];
    for (const h of NODES) {
      expect(await must(lab, h, ['stat', '-c', '%a %U:%G', '/etc/ha.d/authkeys'])).to.equal('600 root:root\n');
      expect(await must(lab, h, ['cat', '/etc/ha.d/authkeys'])).to.equal(`auth 1\n1 sha1 ${TEST_AUTHKEY}\n`);
      const hacf = (await must(lab, h, ['grep', '-v', '^#', '/etc/ha.d/ha.cf'])).split('\n');
      for (const line of [`bcast ${iface}`, 'deadtime 5', 'keepalive 1', 'node DebianWeb1 DebianWeb2']) expect(hacf).to.include(line);
      expect((await must(lab, h, ['grep', '-v', '^#', '/etc/ha.d/haresources'])).trim()).to.equal(`DebianWeb1 IPaddr::${VIP}/24/${iface} apache2`);
      expect((await must(lab, h, ['hostname'])).trim()).to.equal(h);
      const peer = NODES.find((n) => n !== h)!;
      expect(await must(lab, h, ['getent', 'hosts', peer])).to.match(new RegExp(`^192\\.168\\.56\\.1${peer.slice(-1)}\\s+${peer}`));
      expect((await labExec(lab, h, ['systemctl', 'is-enabled', 'apache2'])).stdout.trim(), `${h}: apache2 at boot`).to.equal('disabled');
      expect((await labExec(lab, h, ['systemctl', 'is-enabled', 'heartbeat'])).stdout.trim()).to.equal('enabled');
    }
  });

  it('the VIP is on DebianWeb1 only; Apache runs there only; the page says Debian Web 1 @lab', async function () {
    expect(await holds(lab, 'DebianWeb1', VIP)).to.equal(true);
    expect(await holds(lab, 'DebianWeb2', VIP)).to.equal(false);
    expect((await labExec(lab, 'DebianWeb1', ['systemctl', 'is-active', 'apache2'])).stdout.trim()).to.equal('active');
    expect((await labExec(lab, 'DebianWeb2', ['systemctl', 'is-active', 'apache2'])).stdout.trim()).to.equal('inactive');
    expect(h1(await getOnce(URL))).to.equal('Debian Web 1');
  });

  it('check mode on the converged pair changes nothing and reports changed=0 @lab', async function () {
    const run = await checkModeChangesNothing(lab, PLAYBOOK, NODES);
    expect(run.code, explain(run)).to.equal(0);
    expect(changedTasks(run)).to.deep.equal([]);
  });

  it('a second run changes nothing @lab', async function () {
    const second = await runPlay(PLAYBOOK, lab.inventory);
    expect(second.code, explain(second)).to.equal(0);
    expect(changedTasks(second)).to.deep.equal([]);
    for (const [h, s] of Object.entries(second.json!.stats)) expect(s.changed, `changed on ${h}`).to.equal(0);
  });

  it('the document\'s test works: apache2 stopped on DebianWeb1 moves the VIP to DebianWeb2 within deadtime + 3 s (the watchdog Heartbeat runs), and DebianWeb2 answers @lab', async function () {
    for (const h of NODES) {
      expect(await must(lab, h, ['grep', '-x', 'respawn root /usr/local/sbin/apache-watch', '/etc/ha.d/ha.cf'])).to.not.equal('');
      expect((await labExec(lab, h, ['pgrep', '-f', '^/bin/sh /usr/local/sbin/apache-watch$'])).code, `${h}: the watchdog runs under Heartbeat`).to.equal(0);
      expect((await labExec(lab, h, ['pgrep', '-u', 'hacluster', '-f', '^/bin/sh /usr/local/sbin/vip-arp-refresh$'])).code, `${h}: the ARP announcer runs under Heartbeat`).to.equal(0);
    }
    await must(lab, 'DebianWeb1', ['systemctl', 'stop', 'apache2']);
    try {
      const ms = await waitUntil('DebianWeb2 holds the VIP', DEADTIME_MS + 3000, () => holds(lab, 'DebianWeb2', VIP));
      console.log(`      apache2 stopped on DebianWeb1: VIP on DebianWeb2 after ${ms} ms`);
      const served = await waitUntil('the page is served by DebianWeb2', 5000, async () => h1(await getOnce(URL)) === 'Debian Web 2');
      console.log(`      DebianWeb2 answers ${served} ms later`);
      expect(await holds(lab, 'DebianWeb1', VIP)).to.equal(false);
    } finally {
      // Apache back on DebianWeb1, then the resources back to it, as an operator would after the repair.
      await must(lab, 'DebianWeb1', ['systemctl', 'start', 'apache2']);
      await must(lab, 'DebianWeb1', ['/usr/share/heartbeat/hb_takeover', 'all']);
      await waitUntil('DebianWeb1 takes the VIP back', 60_000, () => holds(lab, 'DebianWeb1', VIP));
      await waitUntil('DebianWeb1 serves the page again', 10_000, async () => h1(await getOnce(URL)) === 'Debian Web 1');
    }
    expect(await holds(lab, 'DebianWeb2', VIP)).to.equal(false);
  });

  describe('failover', function () {
    after(async function () {
      this.timeout(120_000);
      await labExec(lab, 'DebianWeb1', ['systemctl', 'start', 'heartbeat']);
      await waitUntil('DebianWeb1 takes the VIP back', 90_000, () => holds(lab, 'DebianWeb1', VIP));
    });

    it('stopping Heartbeat on DebianWeb1 moves the VIP to DebianWeb2 within deadtime + margin; the page then says Debian Web 2 @lab', async function () {
      await must(lab, 'DebianWeb1', ['systemctl', 'stop', 'heartbeat']);
      const ms = await waitUntil('DebianWeb2 holds the VIP', DEADTIME_MS + MARGIN_MS, () => holds(lab, 'DebianWeb2', VIP));
      console.log(`      failover: VIP on DebianWeb2 after ${ms} ms`);
      expect(await holds(lab, 'DebianWeb1', VIP)).to.equal(false);
      expect((await labExec(lab, 'DebianWeb1', ['pgrep', '-f', 'apache-watch'])).code, 'the watchdog stopped with Heartbeat').to.equal(1);
      await waitUntil('the page is served by DebianWeb2', 10_000, async () => h1(await getOnce(URL)) === 'Debian Web 2');
    });
  });
});
