// Tests the drill report: counts per phase, the longest gap, failures after the fault settled, the table.
import { expect } from 'chai';
import { buildReport, renderTable, type DrillEvent } from '../../drill/report.ts';
import type { Sample } from '../../drill/stream.ts';

/** 10 req/s: `pattern` gives each request's outcome ('1','2','3' = answered by web1..3, 'x' = failed). */
function samples(pattern: string): Sample[] {
  return [...pattern].map((c, i) => (c === 'x' ? { t: i * 100, ok: false, error: 'timeout', ms: 1000 } : { t: i * 100, ok: true, server: `web${c}`, ms: 5 }));
}
const OPTS = { fault: 'apache', target: 'web2', url: 'http://192.168.56.10:80/', rate: 10, durationS: 3, settleS: 1 };
const EVENTS: DrillEvent[] = [
  { t: 1000, kind: 'fault', what: 'apache on web2' }, { t: 1100, kind: 'faulted', what: 'web2: systemctl stop apache2' },
  { t: 2000, kind: 'restore', what: 'apache on web2' }, { t: 2050, kind: 'restored', what: 'web2: systemctl start apache2' },
];

describe('drill/report', () => {
  it('counts sent, answered, failed and the answers per server before, during and after the fault', () => {
    const r = buildReport(OPTS, samples('1212121212' + '1x11x11111' + '1212121212'), EVENTS);
    expect(r).to.include({ sent: 30, answered: 28, failed: 2, failedPercent: 6.67, recovered: true });
    expect(r.phases.before).to.deep.equal({ sent: 10, answered: 10, failed: 0, byServer: { web1: 5, web2: 5 } });
    expect(r.phases.during).to.deep.equal({ sent: 10, answered: 8, failed: 2, byServer: { web1: 8 } });
    expect(r.phases.after.byServer).to.deep.equal({ web1: 5, web2: 5 });
    expect(r.errors).to.deep.equal({ timeout: 2 });
  });
  it('the longest gap is the longest run of failed requests, as time (its span plus one interval), and where it started', () => {
    const r = buildReport(OPTS, samples('1111111111' + 'x1xxxxx111' + '1111111111'), EVENTS);
    expect(r.longestGapS).to.equal(0.5);
    expect(r.longestGapAtS).to.equal(1.2);
  });
  it('no failure: no gap; failures only count "after settling" from settleS after the injection until the restore', () => {
    expect(buildReport(OPTS, samples('1'.repeat(30)), EVENTS)).to.include({ longestGapS: 0, longestGapAtS: null, failedAfterSettle: 0 });
    // failures at 1.0 s and 1.9 s (settled from 2.0 s: none), 2.0 s is after the restore started
    expect(buildReport({ ...OPTS, settleS: 0.5 }, samples('1111111111' + 'x11111111x' + 'x111111111'), EVENTS).failedAfterSettle).to.equal(1);
  });
  it('says when the service did not come back (the last request failed)', () => {
    const r = buildReport(OPTS, samples('1111111111' + 'xxxxxxxxxx' + 'xxxxxxxxxx'), EVENTS);
    expect(r).to.include({ recovered: false, longestGapS: 2 });
    expect(renderTable(r)).to.include('recovered').and.include('NO (the last request failed)');
  });
  it('renders a table naming the fault, the events, the counts and who answered in each phase', () => {
    const text = renderTable(buildReport(OPTS, samples('1212121212' + '1x11x11111' + '1212121212'), EVENTS));
    expect(text).to.match(/^fault +apache \(web2\)$/m);
    expect(text).to.match(/^faulted at +1\.1 s: web2: systemctl stop apache2$/m);
    expect(text).to.match(/^failed +2 \(6\.67%\): timeout 2$/m);
    expect(text).to.match(/^longest gap +0\.10 s \(from 1\.1 s\)$/m);
    expect(text).to.match(/^answered during +8\/10: web1 8$/m);
    expect(text).to.match(/^answered after +10\/10: web1 5, web2 5$/m);
  });
});
