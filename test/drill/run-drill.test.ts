// Tests a whole drill against real local HTTP servers: the stream, a fault that really stops one server, the restore, the report.
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ArgsError } from '../../core/errors.ts';
import { findFault, type Fault, type FaultContext } from '../../drill/faults.ts';
import { Remote } from '../../drill/remote.ts';
import { runDrill } from '../../drill/run-drill.ts';
import { probe } from '../../drill/stream.ts';

/** A web server on 127.0.0.1 whose page names `host`, as the tutorial's pages do. */
function page(host: string): Server {
  return createServer((_req, res) => res.end(`<html><head><meta name="tsible-host" content="${host}" /><title>T</title></head></html>`));
}
const listen = (s: Server, port = 0) => new Promise<number>((r) => s.listen(port, '127.0.0.1', () => r((s.address() as AddressInfo).port)));
const close = (s: Server) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); });
const ctx = { remote: new Remote({ source: 'test', hosts: new Map(), groups: new Map() }), vip: '127.0.0.1' } as FaultContext;

describe('drill/run-drill (real HTTP on loopback)', function () {
  this.timeout(20_000);

  it('probe: one connection per request; names the server; refused and timed-out requests fail with their reason', async () => {
    const s = page('web1');
    const port = await listen(s);
    expect(await probe(`http://127.0.0.1:${port}/`, 1000)).to.include({ ok: true, server: 'web1' });
    const slow = createServer(() => {}); // accepts, never answers
    const slowPort = await listen(slow);
    const t = await probe(`http://127.0.0.1:${slowPort}/`, 200);
    expect(t).to.include({ ok: false, error: 'timeout' });
    expect(t.ms).to.be.within(150, 900);
    await close(s);
    await close(slow);
    expect(await probe(`http://127.0.0.1:${port}/`, 1000)).to.include({ ok: false, error: 'ECONNREFUSED' });
  });

  it('a fault that stops the server: requests fail from the injection until the restore, then the same server answers again', async () => {
    let server = page('web1');
    const port = await listen(server);
    const stopServer: Fault = {
      name: 'stop-local', describe: 'test', labOnly: false,
      defaultTarget: async () => 'web1',
      inject: async () => { await close(server); return 'web1: closed'; },
      restore: async () => { server = page('web1'); await listen(server, port); return 'web1: listening'; },
    };
    const lines: string[] = [];
    const r = await runDrill({ fault: stopServer, url: `http://127.0.0.1:${port}/`, rate: 20, durationS: 3, faultAtS: 1, restoreAtS: 2, timeoutMs: 500, settleS: 0.5 }, ctx, (l) => lines.push(l));
    await close(server);
    expect(r.sent).to.equal(60);
    expect(r.phases.before.failed).to.be.at.most(1); // one sent just before the mark may still be in flight when the server closes
    expect(r.phases.before.byServer).to.have.keys('web1');
    expect(r.phases.during.failed).to.be.within(15, 22); // about the second second (timer jitter either side)
    expect(r.phases.after.failed).to.be.at.most(2);
    expect(r.longestGapS).to.be.within(0.75, 1.15);
    expect(r.recovered).to.equal(true);
    // Refused from the close on; a request the close caught mid-answer is reset (seen once in a few runs).
    expect(r.errors.ECONNREFUSED).to.be.at.least(14);
    expect(r.errors.ECONNRESET ?? 0).to.be.at.most(1);
    expect(Object.keys(r.errors).filter((k) => k !== 'ECONNREFUSED' && k !== 'ECONNRESET')).to.deep.equal([]);
    expect(r.events.map((e) => e.kind)).to.deep.equal(['fault', 'faulted', 'restore', 'restored']);
    expect(lines.join('\n')).to.include('faulted: web1: closed');
  });

  it('refuses a lab-only fault without a lab, and bad numbers, before sending anything', async () => {
    const plan = { fault: findFault('cable'), url: 'http://127.0.0.1:9/', rate: 10, durationS: 10, faultAtS: 1, restoreAtS: 5, timeoutMs: 1000, settleS: 1 };
    await runDrill(plan, ctx).then(() => expect.fail('ran'), (e) => expect(e).to.be.instanceOf(ArgsError).and.match(/fault cable needs the lab/));
    await runDrill({ ...plan, fault: findFault('apache'), restoreAtS: 0.5 }, ctx).then(() => expect.fail('ran'), (e) => expect(String(e)).to.match(/--restore-at must fall between/));
    expect(() => findFault('reboot')).to.throw(/unknown fault "reboot"; known: apache, heartbeat, poweroff, cable, public-cable/);
  });
});
