// @lab `tsible drill` on chapter I's pair (playbooks/heartbeat.ts, containers): the document's test, a graceful failover and a cable cut and heal measured with a request stream, every figure printed and held to deadtime + 3 s.
import { expect } from 'chai';
import { findFault, type FaultContext } from '../../drill/faults.ts';
import { renderTable, type DrillReport } from '../../drill/report.ts';
import { runDrill } from '../../drill/run-drill.ts';
import { labDrillContext } from '../support/drill-lab.ts';
import { useLab } from '../support/lab.ts';
import { explain, holds, must, runPlay, waitUntil } from '../support/playbook-run.ts';

const VIP = '192.168.56.10';
const URL = `http://${VIP}:80/`;
/** Heartbeat's deadtime (5 s in the document) plus the 3 s issue 15 allows. */
const MAX_GAP_S = 8;

describe('drills on chapter I\'s Heartbeat pair (heartbeat.ts) @lab', function () {
  this.timeout(1_800_000);
  const lab = useLab('chapter1');
  let ctx: FaultContext;

  before(async function () {
    this.timeout(1_200_000);
    const run = await runPlay('playbooks/heartbeat.ts', lab.inventory);
    expect(run.code, explain(run)).to.equal(0);
    ctx = await labDrillContext(lab, VIP);
  });
  after(async () => { await ctx?.remote.close(); });

  /**
   * Runs one drill, prints its table, and waits until DebianWeb1 holds the VIP again (auto_failback) before the next;
   * `takeBack`: DebianWeb1 asks for it (hb_takeover), as an operator does once a repaired resource answers again.
   */
  async function drill(fault: string, o: { rate: number; durationS: number; faultAtS: number; restoreAtS: number; takeBack?: boolean }): Promise<DrillReport> {
    const r = await runDrill({ fault: findFault(fault), target: 'DebianWeb1', url: URL, timeoutMs: 1000, settleS: 10, ...o }, ctx, (l) => console.log(`      ${l}`));
    console.log(renderTable(r).replace(/^/gm, '      '));
    if (o.takeBack) await must(lab, 'DebianWeb1', ['/usr/share/heartbeat/hb_takeover', 'all']);
    await waitUntil('DebianWeb1 holds the VIP again', 300_000, () => holds(lab, 'DebianWeb1', VIP));
    return r;
  }

  it('the document\'s test as a drill (apache2 stopped on DebianWeb1, 10 req/s for 40 s): the watchdog moves the VIP, at most deadtime + 3 s unanswered, DebianWeb2 answers meanwhile @lab', async function () {
    const r = await drill('apache', { rate: 10, durationS: 40, faultAtS: 5, restoreAtS: 25, takeBack: true });
    expect(r.longestGapS, 'longest gap, s').to.be.at.most(MAX_GAP_S);
    expect(r.failedAfterSettle, 'failures from 10 s after the fault to the restore').to.equal(0);
    expect(r.phases.during.byServer, 'who answered while Apache was stopped on DebianWeb1').to.have.property('DebianWeb2');
    expect(r.recovered).to.equal(true);
  });

  it('graceful failover (heartbeat stopped on DebianWeb1, 10 req/s for 40 s): the VIP is unanswered for at most deadtime + 3 s, DebianWeb2 answers meanwhile @lab', async function () {
    const r = await drill('heartbeat', { rate: 10, durationS: 40, faultAtS: 5, restoreAtS: 25 });
    expect(r.longestGapS, 'longest gap, s').to.be.at.most(MAX_GAP_S);
    expect(r.phases.during.byServer, 'who answered while Heartbeat was stopped on DebianWeb1').to.have.property('DebianWeb2');
    expect(r.recovered).to.equal(true);
  });

  it('cables of DebianWeb1 cut (10 req/s for 75 s), plugged back 25 s later: at most deadtime + 3 s unanswered, also after the heal (the isolation guard: no split brain to settle) @lab', async function () {
    const r = await drill('cable', { rate: 10, durationS: 75, faultAtS: 5, restoreAtS: 30 });
    // The gap the cut causes: from the cut to the first answer after it (DebianWeb2's).
    const cutAt = r.events.find((e) => e.kind === 'faulted')!.t;
    const firstAnswer = (r.samples ?? []).find((s) => s.ok && s.t > cutAt);
    expect(firstAnswer?.server, 'who answered first after the cut').to.equal('DebianWeb2');
    console.log(`      first answer ${((firstAnswer!.t - cutAt) / 1000).toFixed(2)} s after the cut`);
    // After the heal: without the isolation guard both nodes held the address and Heartbeat v1 gave everything up on
    // both and restarted (7-20 s with no answer); with it, DebianWeb1 stepped back while cut off and rejoins.
    const healedAt = r.events.find((e) => e.kind === 'restored')!.t;
    const lastFailure = (r.samples ?? []).filter((s) => !s.ok && s.t > healedAt).at(-1);
    console.log(`      after the heal: last unanswered request ${lastFailure ? ((lastFailure.t - healedAt) / 1000).toFixed(2) : '0'} s after the cables came back`);
    expect(r.longestGapS, 'longest gap (the cut and the heal), s').to.be.at.most(MAX_GAP_S);
    expect(r.recovered, 'the service answers again after the heal').to.equal(true);
  });
});
