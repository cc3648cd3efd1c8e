// Tests the drill's SVG: bars per second stacked by server, failures in red, the fault and restore marked, a legend.
import { expect } from 'chai';
import { buildReport } from '../../drill/report.ts';
import type { Sample } from '../../drill/stream.ts';
import { perSecond, renderSvg } from '../../drill/svg.ts';

const s = (t: number, server?: string): Sample => (server ? { t, ok: true, server, ms: 3 } : { t, ok: false, error: 'ECONNREFUSED', ms: 1 });

describe('drill/svg', () => {
  const samples = [s(0, 'web1'), s(500, 'web2'), s(1000, 'web1'), s(1500), s(2000, 'web1'), s(2500, 'web2')];
  const report = { ...buildReport({ fault: 'heartbeat', target: 'lb1', url: 'http://192.168.56.10:80/', rate: 2, durationS: 3, settleS: 10 }, samples,
    [{ t: 1000, kind: 'fault', what: 'heartbeat on lb1' }, { t: 2000, kind: 'restore', what: 'heartbeat on lb1' }]), samples };

  it('bins the requests per second of send time: answers per server, failures', () => {
    expect(perSecond(samples, 3)).to.deep.equal([{ ok: { web1: 1, web2: 1 }, failed: 0 }, { ok: { web1: 1 }, failed: 1 }, { ok: { web1: 1, web2: 1 }, failed: 0 }]);
  });
  it('draws a well-formed SVG: a bar per server and second, failures in red, both events, a legend entry per server', () => {
    const svg = renderSvg(report);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).to.equal(true);
    expect(svg.trim().endsWith('</svg>')).to.equal(true);
    expect(svg.match(/<rect [^>]*fill="#e15759"><title>1-2 s: 1 failed<\/title>/g)).to.have.length(1);
    expect(svg.match(/<title>\d-\d s: web1 1<\/title>/g)).to.have.length(3);
    expect(svg).to.include('<title>fault at 1.0 s: heartbeat on lb1</title>').and.include('<title>restore at 2.0 s: heartbeat on lb1</title>');
    for (const name of ['web1', 'web2', 'failed']) expect(svg).to.include(`>${name}</text>`);
    expect(svg.match(/&(?!amp;|lt;|gt;|quot;)/g), 'a bare & (not XML)').to.equal(null);
  });
  it('escapes names that are not plain text', () => {
    const odd = [s(0, 'a<b&"c')];
    const svg = renderSvg({ ...buildReport({ fault: 'apache', target: '<t>', url: 'u', rate: 1, durationS: 1, settleS: 1 }, odd, []), samples: odd });
    expect(svg).to.include('a&lt;b&amp;&quot;c').and.include('(&lt;t&gt;)');
    expect(svg).not.to.include('<t>');
  });
});
