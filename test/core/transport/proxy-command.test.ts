// ProxyCommand: the connection runs over a local command's stdio (here socat), host keys still checked; failures are ConnectErrors.
import { expect } from 'chai';
import { ConnectError } from '../../../core/errors.ts';
import { openTransport } from '../../../core/transport/open.ts';
import { needsRoot } from '../../support/needs.ts';
import { SshdLab, type SshdServer } from '../../../lab/sshd.ts';

describe('ProxyCommand', function () {
  this.timeout(30_000);
  let lab: SshdLab;
  let server: SshdServer;
  before(async function () {
    needsRoot(this);
    lab = SshdLab.create();
    [server] = await lab.start(1);
  });
  after(() => lab?.stop());

  it('connects through `socat - TCP:%h:%p` and runs commands on one connection', async () => {
    const t = openTransport('proxied', { ...lab.connection(server), proxyCommand: 'socat - TCP:%h:%p' }, { sshConfigFile: null, agentSocket: null });
    try {
      const a = await t.run(['echo', 'one']);
      const b = await t.run(['sh', '-c', 'echo $SSH_CONNECTION']);
      expect(a.stdout).to.equal('one\n');
      expect(b.stdout).to.match(new RegExp(`${server.address.replace(/\./g, '\\.')} ${server.port}`));
    } finally {
      await t.close();
    }
  });

  it('a proxy command that fails is a ConnectError naming the command and its stderr', async () => {
    const t = openTransport('broken', { ...lab.connection(server), proxyCommand: 'echo no-route >&2; exit 3', connectTimeoutMs: 5000 }, { sshConfigFile: null, agentSocket: null });
    try {
      await t.connect();
      expect.fail('connected');
    } catch (e) {
      expect(e).to.be.instanceOf(ConnectError);
      expect((e as Error).message).to.match(/host broken/);
      expect((e as Error).message).to.match(/ProxyCommand .*exited 3: no-route|no-route/);
    } finally {
      await t.close();
    }
  });
});
