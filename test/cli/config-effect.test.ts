// forks and timeout from the config take effect: hosts run one at a time with ANSIBLE_FORKS=1; ANSIBLE_TIMEOUT bounds a connect that never completes.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { runCli } from '../support/cli.ts';

describe('config settings take effect', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync('/tmp/tsible-config-effect-test-'); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs `sleep` on three local hosts, each logging start and end; returns the log's words in order. */
  const runThree = async (env: Record<string, string>, flags: string[] = []) => {
    writeFileSync(join(dir, 'hosts.ini'), ['a', 'b', 'c'].map((h) => `${h} ansible_connection=local`).join('\n') + '\n');
    const log = join(dir, 'log');
    writeFileSync(log, '');
    const r = await runCli(['all', '-i', 'hosts.ini', '-m', 'shell', '-a', `echo start >> ${log}; sleep 0.4; echo end >> ${log}`, ...flags], dir, { env, home: dir });
    expect(r.code, r.stderr + r.stdout).to.equal(0);
    return readFileSync(log, 'utf8').trim().split('\n');
  };

  it('forks: ANSIBLE_FORKS=1 runs the hosts one after another; by default they overlap; -f wins over the variable', async () => {
    expect(await runThree({ ANSIBLE_FORKS: '1' })).to.deep.equal(['start', 'end', 'start', 'end', 'start', 'end']);
    expect((await runThree({})).slice(0, 3)).to.deep.equal(['start', 'start', 'start']);
    expect((await runThree({ ANSIBLE_FORKS: '1' }, ['-f', '3'])).slice(0, 3)).to.deep.equal(['start', 'start', 'start']);
  });

  describe('timeout', () => {
    let server: Server;
    const sockets: Socket[] = [];
    before(async () => {
      // Accepts TCP and never says a word: an SSH handshake with it can only end by the connect timeout.
      server = createServer((s) => { sockets.push(s); });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    after(() => {
      for (const s of sockets) s.destroy();
      server.close();
    });

    it('ANSIBLE_TIMEOUT=1: a host whose SSH never answers is unreachable after about a second (default 10 s)', async () => {
      const port = (server.address() as { port: number }).port;
      writeFileSync(join(dir, 'hosts.ini'), `mute ansible_host=127.0.0.1 ansible_port=${port}\n`);
      const started = Date.now();
      const r = await runCli(['mute', '-i', 'hosts.ini', '-m', 'ping'], dir, { env: { ANSIBLE_TIMEOUT: '1', ANSIBLE_HOST_KEY_CHECKING: 'False' }, home: dir });
      const took = Date.now() - started;
      expect(r.code, r.stdout).to.equal(4);
      expect(took).to.be.lessThan(6000);
      expect(took).to.be.greaterThan(900);
    });
  });
});
