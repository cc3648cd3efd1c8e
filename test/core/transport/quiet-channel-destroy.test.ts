// No error built on the hot path: a command channel torn down after use is not ended a second time (ssh2's Channel.destroy, patched by core/transport/quiet-channel-destroy.ts), nor is one that closed before its input was sent (core/transport/ssh.ts).
import { expect } from 'chai';
import { Duplex } from 'node:stream';
import { openTransport } from '../../../core/transport/open.ts';
import { needsRoot } from '../../support/needs.ts';
import { SshdLab } from '../../../lab/sshd.ts';

describe('ssh2 channels end once', function () {
  this.timeout(30_000);

  it('20 commands over a real sshd: no end() on an already ended or destroyed channel (no ERR_STREAM_ALREADY_FINISHED / ERR_STREAM_DESTROYED built)', async function () {
    needsRoot(this);
    const lab = SshdLab.create();
    const end = Duplex.prototype.end;
    let again = 0;
    let calls = 0;
    Duplex.prototype.end = function (this: Duplex, ...args: unknown[]) {
      calls++;
      if (this.writableEnded || this.destroyed) again++; // either way Writable.end only builds an error
      return (end as (...a: unknown[]) => Duplex).apply(this, args);
    } as typeof end;
    try {
      const [s] = await lab.start(1);
      const t = openTransport(s.name, lab.connection(s), { sshConfigFile: null, agentSocket: null });
      await t.connect();
      for (let i = 0; i < 20; i++) expect((await t.run({ shell: 'echo hi' }, { stdin: i % 2 ? 'x' : undefined })).stdout).to.equal('hi\n');
      await t.close();
      await new Promise((r) => setTimeout(r, 100)); // autoDestroy runs on a later tick
    } finally {
      Duplex.prototype.end = end;
      await lab.stop();
    }
    expect(calls).to.be.greaterThan(20); // the spy saw the channels end
    expect(again).to.equal(0);
  });
});
