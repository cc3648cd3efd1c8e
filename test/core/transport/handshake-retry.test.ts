// Which connection failures are retried (a handshake sshd dropped) and which are not (refused port, key, host key, timeout).
import { expect } from 'chai';
import type { Client } from 'ssh2';
import { ConnectError, HostKeyError, TimeoutError } from '../../../core/errors.ts';
import { isDroppedHandshake, withHandshakeRetry } from '../../../core/transport/handshake-retry.ts';

const fast = { attempts: 4, firstDelayMs: 1, maxDelayMs: 2 };

describe('handshake retry', () => {
  it('retries a handshake dropped before the banner, then succeeds', async () => {
    let calls = 0;
    const client = {} as Client;
    const got = await withHandshakeRetry(async () => {
      if (++calls < 3) throw new ConnectError('cannot connect to root@127.0.0.2:22: Connection lost before handshake', { host: 'h' });
      return client;
    }, fast);
    expect(got).to.equal(client);
    expect(calls).to.equal(3);
  });

  it('gives up after the last attempt with the last error', async () => {
    let calls = 0;
    const err = await withHandshakeRetry(async () => {
      calls++;
      throw new ConnectError('cannot connect to x: read ECONNRESET', { host: 'h' });
    }, fast).catch((e: Error) => e);
    expect(calls).to.equal(4);
    expect((err as Error).message).to.include('ECONNRESET');
  });

  it('does not retry a refused port, a refused key, a host key problem or a timeout', () => {
    expect(isDroppedHandshake(new ConnectError('cannot connect to x: connect ECONNREFUSED 127.0.0.1:1'))).to.equal(false);
    expect(isDroppedHandshake(new ConnectError('authentication failed for root@x:22 (offered: k)'))).to.equal(false);
    expect(isDroppedHandshake(new HostKeyError('unknown host key for x, connection closed'))).to.equal(false);
    expect(isDroppedHandshake(new ConnectError('no SSH answer', {}, { cause: new TimeoutError('t') }))).to.equal(false);
    expect(isDroppedHandshake(new Error('Connection lost before handshake'))).to.equal(false);
    expect(isDroppedHandshake(new ConnectError('cannot connect to x: connection closed'))).to.equal(true);
  });
});
