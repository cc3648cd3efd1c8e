// Proof of chapter III (playbooks/add-web3.ts) on the lab: web3 joins the live table without a flush, 3N requests answered N each.
// First run against a lab on 2026-11-24 23:00 UTC: 5/5 on a fresh `useLab('chapter3')`.
import { expect } from 'chai';
import { useLab } from '../support/lab.ts';
import { changedTasks, checkModeChangesNothing, explain, hits, must, runPlay } from '../support/playbook-run.ts';

const VIP = '192.168.56.10';
const URL = `http://${VIP}/`;
const HOSTS = ['lb', 'web1', 'web2', 'web3'];
const RULES = [
  `-A -t ${VIP}:80 -s rr`,
  `-a -t ${VIP}:80 -r 192.168.200.11:80 -m -w 1`,
  `-a -t ${VIP}:80 -r 192.168.200.12:80 -m -w 1`,
  `-a -t ${VIP}:80 -r 192.168.200.13:80 -m -w 1`,
];

/**
 * Connections counted per real server since its entry was created (a flush would reset them to 0). The kernel
 * publishes these counters from its rate estimator, every 2 s: read until they add up to `total` (at most 10 s).
 */
async function connsPerServer(lab: ReturnType<typeof useLab>, total: number): Promise<Record<string, number>> {
  const end = Date.now() + 10_000;
  for (;;) {
    const out = await must(lab, 'lb', ['ipvsadm', '-Ln', '--stats']);
    const conns: Record<string, number> = {};
    for (const line of out.split('\n')) {
      const m = /->\s+(\d+\.\d+\.\d+\.\d+):80\s+(\d+)/.exec(line);
      if (m) conns[m[1]] = Number(m[2]);
    }
    const sum = Object.values(conns).reduce((a, b) => a + b, 0);
    if (sum >= total || Date.now() > end) return conns;
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('playbooks/add-web3.ts — chapter III, a third web server joins without a flush @lab', function () {
  this.timeout(1_200_000);
  const lab = useLab('chapter3');
  let before: Record<string, number>;

  it('chapter II first (web1 and web2 only), then 10 requests answered 5/5 @lab', async function () {
    const run = await runPlay('playbooks/load-balancing.ts', lab.inventory, ['-l', 'all:!web3', '-e', '{"lvs_backends":["web1","web2"]}']);
    expect(run.code, explain(run)).to.equal(0);
    expect(await hits(URL, 10)).to.deep.equal({ web1: 5, web2: 5 });
    before = await connsPerServer(lab, 10);
    expect(before).to.deep.equal({ '192.168.200.11': 5, '192.168.200.12': 5 });
  });

  it('check mode changes nothing on lb and a fresh web3 (/etc, /var/www, packages, services, sysctls, IPVS table) @lab', async function () {
    const run = await checkModeChangesNothing(lab, 'playbooks/add-web3.ts', HOSTS);
    expect([0, 2], explain(run)).to.include(run.code);
  });

  it('adds web3 to the rules file and the live table; web1\'s and web2\'s entries keep their counters (no flush) @lab', async function () {
    const run = await runPlay('playbooks/add-web3.ts', lab.inventory);
    expect(run.code, explain(run)).to.equal(0);
    expect((await must(lab, 'lb', ['grep', '-v', '^#', '/etc/ipvsadm.rules'])).trim().split('\n')).to.deep.equal(RULES);
    expect((await must(lab, 'lb', ['ipvsadm', '-Sn'])).trim().split('\n').sort()).to.deep.equal([...RULES].sort());
    const after = await connsPerServer(lab, 10);
    expect(after).to.deep.equal({ ...before, '192.168.200.13': 0 });
    expect(await must(lab, 'web3', ['cat', '/var/www/html/index.html'])).to.include('Apache2 Debian Default Page : Web3');
  });

  it('30 requests are answered 10 times by each of web1, web2, web3 @lab', async function () {
    expect(await hits(URL, 30)).to.deep.equal({ web1: 10, web2: 10, web3: 10 });
  });

  it('a second run changes nothing @lab', async function () {
    const run = await runPlay('playbooks/add-web3.ts', lab.inventory);
    expect(run.code, explain(run)).to.equal(0);
    expect(changedTasks(run)).to.deep.equal([]);
  });

  it('check mode on the converged lab changes nothing and reports changed=0 @lab', async function () {
    const run = await checkModeChangesNothing(lab, 'playbooks/add-web3.ts', HOSTS);
    expect(run.code, explain(run)).to.equal(0);
    expect(changedTasks(run)).to.deep.equal([]);
  });
});
