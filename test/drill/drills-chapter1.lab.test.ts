// @lab `tsible drill` on chapter I's pair (playbooks/heartbeat.ts, containers): a graceful failover and a cable cut measured with a request stream, thresholds where the chapter meets them, every figure printed.
import { expect } from 'chai';
import { findFault, type FaultContext } from '../../drill/faults.ts';
import { renderTable, type DrillReport } from '../../drill/report.ts';
import { runDrill } from '../../drill/run-drill.ts';
import { labDrillContext } from '../support/drill-lab.ts';
import { useLab } from '../support/lab.ts';
import { explain, holds, runPlay, waitUntil } from '../support/playbook-run.ts';

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

  /** Runs one drill, prints its table, and waits until DebianWeb1 holds the VIP again (auto_failback) before the next. */
  async function drill(fault: string, o: { rate: number; durationS: number; faultAtS: number; restoreAtS: number }): Promise<DrillReport> {
    const r = await runDrill({ fault: findFault(fault), target: 'DebianWeb1', url: URL, timeoutMs: 1000, settleS: 10, ...o }, ctx, (l) => console.log(`      ${l}`));
    console.log(renderTable(r).replace(/^/gm, '      '));
    await waitUntil('DebianWeb1 holds the VIP again', 300_000, () => holds(lab, 'DebianWeb1', VIP));
    return r;
  }

  it('graceful failover (heartbeat stopped on DebianWeb1, 10 req/s for 40 s): the VIP is unanswered for at most deadtime + 3 s, DebianWeb2 answers meanwhile @lab', async function () {
    const r = await drill('heartbeat', { rate: 10, durationS: 40, faultAtS: 5, restoreAtS: 25 });
    expect(r.longestGapS, 'longest gap, s').to.be.at.most(MAX_GAP_S);
    expect(r.phases.during.byServer, 'who answered while Heartbeat was stopped on DebianWeb1').to.have.property('DebianWeb2');
    expect(r.recovered).to.equal(true);
  });

  it('cables of DebianWeb1 cut (10 req/s for 50 s): DebianWeb2 answers within deadtime + 3 s of the cut (the heal is printed, not asserted) @lab', async function () {
    const r = await drill('cable', { rate: 10, durationS: 50, faultAtS: 5, restoreAtS: 30 });
    // The gap the cut causes: from the cut to the first answer after it (DebianWeb2's). The heal's own gap, while the two
    // nodes that both hold the address sort it out, is in the table above: issue 15's open part, not asserted here.
    const cutAt = r.events.find((e) => e.kind === 'faulted')!.t;
    const firstAnswer = (r.samples ?? []).find((s) => s.ok && s.t > cutAt);
    expect(firstAnswer?.server, 'who answered first after the cut').to.equal('DebianWeb2');
    console.log(`      first answer ${((firstAnswer!.t - cutAt) / 1000).toFixed(2)} s after the cut`);
    expect((firstAnswer!.t - cutAt) / 1000, 's from the cut to DebianWeb2\'s first answer').to.be.at.most(MAX_GAP_S);
    // Not asserted: the service after the cables come back. Measured in CI's run of 2026-12-01: 16.5 s without an answer
    // and not recovered 20 s after the heal (the control machine's ARP entry still names DebianWeb2, which gave the
    // address back; DebianWeb1 never re-announces it). Issue 15's ARP refresh is for that; drill() above waits for
    // DebianWeb1 to hold the address again before the next test.
  });
});
