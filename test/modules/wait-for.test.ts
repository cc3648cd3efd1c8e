// wait_for on the control machine (local transport, real bash, real sockets and files): ports, files, regex, timeouts, errors.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArgsError, TimeoutError } from '../../core/errors.ts';
import { runModule } from '../../core/engine/run-module.ts';
import { LocalTransport } from '../../core/transport/local.ts';
import { waitFor } from '../../modules/wait-for.ts';

describe('modules/wait-for (local host)', function () {
  this.timeout(30_000);
  const transport = new LocalTransport('control', { commandTimeoutMs: 60_000 });
  const run = (args: unknown, check = false) => runModule({ module: waitFor, args: args as never, transport, check, where: { task: 'wait' } });
  let server: Server;
  let openPort = 0;
  let closedPort = 0;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-wait-for-'));
    server = createServer((s) => s.end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    openPort = (server.address() as { port: number }).port;
    // A port that was just free: bind, read the number, close.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    closedPort = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
  });
  after(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
    await transport.close();
  });

  it('returns ok (never changed) once a listening port accepts a connection', async () => {
    const r = await run({ port: openPort, timeout: 10 });
    expect(r.status, r.msg).to.equal('ok');
    expect(r.data).to.include({ changed: false, state: 'started', port: openPort });
    expect(r.data.elapsed).to.be.a('number');
  });

  it('state stopped: ok for a closed port; times out with TimeoutError for an open one', async () => {
    expect((await run({ port: closedPort, state: 'stopped', timeout: 5 })).status).to.equal('ok');
    const r = await run({ port: openPort, state: 'stopped', timeout: 1 });
    expect(r.status).to.equal('failed');
    expect(r.error).to.be.instanceOf(TimeoutError);
    expect(r.msg).to.match(new RegExp(`task "wait": timeout after \\d+ s waiting for 127.0.0.1:${openPort} to be stopped`));
  });

  it('a closed port times out with the given msg', async () => {
    const r = await run({ port: closedPort, timeout: 1, msg: 'the web server did not start' });
    expect(r.status).to.equal('failed');
    expect(r.msg).to.match(/the web server did not start$/);
  });

  it('waits for a file to appear (written while waiting), and for a regex in it', async () => {
    const f = join(dir, 'late');
    setTimeout(() => writeFileSync(f, 'starting\nheartbeat: acquired 192.168.56.10\n'), 1500);
    const r = await run({ path: f, search: 'acquired [0-9.]+', timeout: 20 });
    expect(r.status, r.msg).to.equal('ok');
    expect(r.data.match).to.equal('heartbeat: acquired 192.168.56.10');
  });

  it('state absent: ok when the file is gone; regex absent: ok when it no longer matches', async () => {
    expect((await run({ path: join(dir, 'never'), state: 'absent', timeout: 2 })).status).to.equal('ok');
    const f = join(dir, 'text');
    writeFileSync(f, 'all good\n');
    expect((await run({ path: f, search: 'ERROR', state: 'absent', timeout: 2 })).status).to.equal('ok');
    const r = await run({ path: f, search: 'good', state: 'absent', timeout: 1 });
    expect(r.error).to.be.instanceOf(TimeoutError);
  });

  it('user values never reach the script text: a path with quotes and $() is just a path', async () => {
    // Were the name interpolated by a shell, $(echo) and the quotes would change it and the wait would time out.
    const f = join(dir, `it's $(echo) "q" \`true\` *`);
    writeFileSync(f, 'x');
    const r = await run({ path: f, timeout: 1 });
    expect(r.status, r.msg).to.equal('ok');
  });

  it('check mode waits too (it only reads) and reports ok', async () => {
    const r = await run({ port: openPort, timeout: 5 }, true);
    expect(r.status).to.equal('ok');
  });

  it('a regex grep refuses is an ArgsError naming search', async () => {
    writeFileSync(join(dir, 'r'), 'x');
    const r = await run({ path: join(dir, 'r'), search: 'a[', timeout: 2 });
    expect(r.error).to.be.instanceOf(ArgsError);
    expect(r.msg).to.match(/field "search": grep -E refuses the regex "a\["/);
  });

  it('bad arguments fail before anything runs', async () => {
    for (const [args, re] of [
      [{ port: 80, path: '/x' }, /field "path": give port or path, not both/],
      [{ port: 70000 }, /field "port"/],
      [{ search: 'x' }, /field "search": search needs path/],
      [{ port: 80, host: 'a b' }, /field "host"/],
      [{ port: 80, state: 'up' }, /field "state"/],
      [{ port: 80, sleep: 0 }, /field "sleep"/],
    ] as const) {
      const r = await run(args);
      expect(r.error, JSON.stringify(args)).to.be.instanceOf(ArgsError);
      expect(r.msg).to.match(re);
    }
  });
});
