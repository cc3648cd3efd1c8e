// RunInterrupt: stops new work at the first request, aborts in-flight work after the grace period (or at a second request), reports what was in flight.
import { expect } from 'chai';
import { RunInterrupt } from '../../../core/engine/interrupt.ts';
import type { HostTaskResult } from '../../../core/engine/results.ts';

const result = (host: string, status: HostTaskResult['status']): HostTaskResult => ({ host, status, data: { changed: status === 'changed', failed: false }, changes: [], diffs: [] });

describe('RunInterrupt', () => {
  it('nothing requested: no exit code, no report, no abort', async () => {
    const i = new RunInterrupt(10);
    let aborted = false;
    i.onAbort(async () => void (aborted = true));
    await i.track('h', 't', async () => result('h', 'ok'));
    expect([i.requested, i.exitCode, i.report(), aborted]).to.deep.equal([false, undefined, [], false]);
  });

  it('first signal: requested at once, abort only after the grace period; a task that ends in time is reported finished', async () => {
    const i = new RunInterrupt(150);
    let abortedAt = 0;
    i.onAbort(async () => void (abortedAt = Date.now()));
    let finish!: () => void;
    const quick = i.track('web1', 'Copy', () => new Promise<HostTaskResult>((r) => (finish = () => r(result('web1', 'changed')))));
    const slow = i.track('web2', 'Copy', () => new Promise<HostTaskResult>((r) => setTimeout(() => r(result('web2', 'unreachable')), 400)));
    const t0 = Date.now();
    i.request('SIGTERM');
    expect(i.requested).to.equal(true);
    expect(i.exitCode).to.equal(143);
    finish();
    await quick;
    expect(abortedAt).to.equal(0);
    await slow;
    expect(abortedAt - t0).to.be.within(140, 390);
    expect(i.report()).to.deep.equal([
      'INTERRUPTED by SIGTERM: no task was started after it; 2 in flight:',
      '  web1: task "Copy" finished: changed',
      '  web2: task "Copy" aborted after the 0.15 s grace period (a file being written keeps its old content)',
    ]);
  });

  it('a second signal aborts at once; with nothing in flight the first one does', async () => {
    const i = new RunInterrupt(60_000);
    let aborts = 0;
    i.onAbort(async () => void aborts++);
    const p = i.track('h', 't', () => new Promise<HostTaskResult>((r) => setTimeout(() => r(result('h', 'ok')), 50)));
    i.request('SIGINT');
    expect(aborts).to.equal(0);
    i.request('SIGINT');
    await new Promise((r) => setImmediate(r));
    expect(aborts).to.equal(1);
    expect(i.exitCode).to.equal(130);
    await p;
    i.close();
    const idle = new RunInterrupt(60_000);
    let idleAborts = 0;
    idle.onAbort(async () => void idleAborts++);
    idle.request('SIGINT');
    await new Promise((r) => setImmediate(r));
    expect(idleAborts).to.equal(1);
    expect(idle.report()).to.deep.equal(['INTERRUPTED by SIGINT: no task was started after it.']);
  });

  it('listen() turns process signals into requests until close()', async () => {
    const i = new RunInterrupt(60_000).listen();
    process.emit('SIGINT', 'SIGINT');
    expect(i.signal).to.equal('SIGINT');
    i.close();
    expect(process.listenerCount('SIGTERM')).to.equal(0);
  });
});
