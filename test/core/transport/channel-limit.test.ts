// The per-connection channel cap: hands out `max` slots, queues the rest in order, fails every waiter when the connection dies.
import { expect } from 'chai';
import { ChannelLimit } from '../../../core/transport/channel-limit.ts';

describe('ChannelLimit', () => {
  it('queues beyond the cap and serves waiters in order', async () => {
    const l = new ChannelLimit(2);
    await l.acquire();
    await l.acquire();
    const order: number[] = [];
    const w1 = l.acquire().then(() => order.push(1));
    const w2 = l.acquire().then(() => order.push(2));
    expect(l.inUse).to.equal(2);
    l.release();
    await w1;
    l.release();
    await w2;
    expect(order).to.deep.equal([1, 2]);
    expect(l.inUse).to.equal(2);
    l.release();
    l.release();
    expect(l.inUse).to.equal(0);
  });

  it('rejects current and later waiters once failed', async () => {
    const l = new ChannelLimit(1);
    await l.acquire();
    const waiting = l.acquire().catch((e: Error) => e.message);
    l.fail(new Error('gone'));
    expect(await waiting).to.equal('gone');
    expect(await l.acquire().catch((e: Error) => e.message)).to.equal('gone');
  });
});
