// The ping module on the local transport: pong, never changed, the same in check mode.
import { expect } from 'chai';
import { runModule } from '../../core/engine/run-module.ts';
import { LocalTransport } from '../../core/transport/local.ts';
import { ping } from '../../modules/ping.ts';

describe('ping on the local transport', () => {
  const transport = new LocalTransport('localhost', { commandTimeoutMs: 30_000 });
  after(() => transport.close());

  it('answers pong, status ok, no changes', async () => {
    const r = await runModule({ module: ping, args: {}, transport });
    expect(r).to.deep.include({ status: 'ok', msg: 'pong', changes: [] });
    expect(r.data).to.deep.equal({ ping: 'pong', changed: false, failed: false, msg: 'pong' });
  });

  it('echoes data back through the host (shell characters included) and is ok in check mode', async () => {
    const r = await runModule({ module: ping, args: { data: `it's $HOME; %s` }, transport, check: true });
    expect(r.status).to.equal('ok');
    expect(r.data.ping).to.equal(`it's $HOME; %s`);
  });

  it('a closed connection is a failure, not a pong', async () => {
    const closed = new LocalTransport('gone', { commandTimeoutMs: 30_000 });
    await closed.close();
    const r = await runModule({ module: ping, args: {}, transport: closed });
    expect(r.status).to.equal('failed');
    expect(r.error?.name).to.equal('ConnectError');
  });
});
