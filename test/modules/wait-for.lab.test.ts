// wait_for, uri and assert on lab hosts: a web container (web3) and a balancer VM (lb2) reached from the control machine.
import { expect } from 'chai';
import { TimeoutError } from '../../core/errors.ts';
import { AssertionFailed, assert } from '../../modules/assert.ts';
import { uri } from '../../modules/uri.ts';
import { waitFor } from '../../modules/wait-for.ts';
import { runModule } from '../../core/engine/run-module.ts';
import { useLab } from '../support/lab.ts';
import { openTransport } from '../../core/transport/open.ts';
import type { Transport } from '../../core/transport/transport.ts';
import type { Module } from '../../core/module.ts';
import { expectNotFailed } from './support/lab-run.ts';

// Each host gets a throwaway python3 web server on port 8199 (nobody else's) serving its own folder.
const PORT = 8199;
const DIR = '/tmp/tsible-test-uri';
const HOSTS = { web3: '192.168.200.13', lb2: '192.168.56.12' } as const;
const LB2_INTERNAL = '192.168.200.252';

describe('wait_for, uri and assert on lab hosts @lab', function () {
  this.timeout(180_000);
  const lab = useLab('chapter4');
  const pids = new Map<string, string>();
  const sh = async (host: string, script: string): Promise<string> => {
    const r = await runner.transport(host).run(['sh', '-c', script]);
    expect(r.code, `${host}: ${script}: ${r.stderr}`).to.equal(0);
    return r.stdout;
  };
  before(async () => {
    for (const host of Object.keys(HOSTS)) {
      const pid = await sh(host, `mkdir -p ${DIR} && printf '<h1>tsible uri test %s</h1>\\n' "$(hostname)" > ${DIR}/index.html && cd ${DIR} && ` +
        `{ nohup python3 -m http.server ${PORT} >/dev/null 2>&1 </dev/null & echo $!; }`);
      pids.set(host, pid.trim());
    }
  });
  after(async () => {
    for (const [host, pid] of pids) await sh(host, `kill ${pid} 2>/dev/null; rm -rf ${DIR}`).catch(() => {});
  });
  // Own connections with a long connect timeout: the web containers sit behind lb1, a VM that the shared
  // lab keeps busy (its SSH handshake has taken 15 s under load, beyond the default 10 s).
  const open = new Map<string, Transport>();
  after(async () => Promise.all([...open.values()].map((t) => t.close())));
  const runner = {
    transport(host: string): Transport {
      let t = open.get(host);
      if (!t) {
        t = openTransport(host, { ...lab.connection(host), connectTimeoutMs: 60_000 }, { sshConfigFile: null, agentSocket: null });
        open.set(host, t);
      }
      return t;
    },
    run: <A>(host: string, module: Module<A>, args: unknown, opts: { check?: boolean } = {}) =>
      runModule({ module, args: args as never, transport: runner.transport(host), check: opts.check, where: { task: `test ${module.name}` } }),
  };

  it('wait_for on web3: its own server\'s port opens, an unused port is stopped, a file matches a regex @lab', async () => {
    const up = expectNotFailed(await runner.run('web3', waitFor, { port: PORT, timeout: 60 }));
    expect(up.status).to.equal('ok');
    expect(expectNotFailed(await runner.run('web3', waitFor, { port: PORT + 1, state: 'stopped', timeout: 10 })).status).to.equal('ok');
    const file = expectNotFailed(await runner.run('web3', waitFor, { path: `${DIR}/index.html`, search: 'uri test [a-z0-9]+', timeout: 10 }));
    expect(file.data.match).to.match(/^<h1>tsible uri test .*<\/h1>$/);
  });

  it('wait_for across the lab network: web3 reaches lb2\'s internal address; check mode waits the same @lab', async () => {
    const r = expectNotFailed(await runner.run('web3', waitFor, { host: LB2_INTERNAL, port: PORT, timeout: 60 }, { check: true }));
    expect(r.status).to.equal('ok');
  });

  it('wait_for times out with a TimeoutError on a port nobody opens @lab', async () => {
    const r = await runner.run('web3', waitFor, { port: PORT + 1, timeout: 2, msg: 'port 8200 never opened' });
    expect(r.status).to.equal('failed');
    expect(r.error).to.be.instanceOf(TimeoutError);
    expect(r.msg).to.match(/host web3, task "test wait_for": port 8200 never opened/);
  });

  it('uri from host (web3, python3 there, no curl) and from the control machine (to lb2 over the host-only network) @lab', async () => {
    const local = expectNotFailed(await runner.run('web3', uri, { url: `http://127.0.0.1:${PORT}/`, from: 'host', returnContent: true, bodyContains: 'tsible uri test' }));
    expect(local.data).to.include({ status: 200, via: 'python3' });
    const remote = expectNotFailed(await runner.run('lb2', uri, { url: `http://${HOSTS.lb2}:${PORT}/`, returnContent: true }));
    expect(remote.data).to.include({ status: 200, via: 'control' });
    expect(remote.data.content).to.match(/tsible uri test lb2/);
    const missing = await runner.run('lb2', uri, { url: `http://${HOSTS.lb2}:${PORT}/none` });
    expect(missing.msg).to.match(/status code was 404 and not \[200\]/);
  });

  it('assert on a registered uri result: passes for the right page, fails with the message otherwise @lab', async () => {
    const page = expectNotFailed(await runner.run('lb2', uri, { url: `http://${HOSTS.lb2}:${PORT}/`, returnContent: true }));
    const vars = { page: page.data, inventory_hostname: 'lb2' };
    const check = (want: string) => runModule({
      module: assert, transport: runner.transport('lb2'), vars, where: { task: 'page names the host' },
      args: (v: Record<string, any>) => ({ that: { 'status 200': v.page.status === 200, [`page names ${want}`]: String(v.page.content).includes(want) } }),
    });
    expect((await check('lb2')).status).to.equal('ok');
    const bad = await check('lb1');
    expect(bad.error).to.be.instanceOf(AssertionFailed);
    expect(bad.msg).to.equal('host lb2, task "page names the host": assertion failed: page names lb1');
  });
});
