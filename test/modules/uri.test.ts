// uri against a real HTTP server on loopback: from the control machine (fetch) and "from the host" through the local transport (python3, curl).
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { ArgsError, TimeoutError } from '../../core/errors.ts';
import { runModule } from '../../core/engine/run-module.ts';
import { secret } from '../../core/secret.ts';
import { LocalTransport } from '../../core/transport/local.ts';
import { uri } from '../../modules/uri.ts';
import { hostRequest, parseHostResponse } from '../../modules/uri/fetch-host.ts';

describe('modules/uri (loopback HTTP server)', function () {
  this.timeout(30_000);
  const transport = new LocalTransport('control', { commandTimeoutMs: 60_000 });
  const run = (args: Record<string, unknown>, check = false) => runModule({ module: uri, args: args as never, transport, check, where: { task: 'get' } });
  let server: Server;
  let base = '';
  const seen: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString(); });
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        if (req.url === '/') { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<h1>Debian Web 1</h1>\n'); }
        else if (req.url === '/json') { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"ok":true,"n":3}'); }
        else if (req.url === '/echo') { res.writeHead(201, { 'content-type': 'application/json', 'x-tsible': 'a' }); res.end(JSON.stringify({ method: req.method, body, auth: req.headers.authorization ?? null, type: req.headers['content-type'] ?? null })); }
        else if (req.url === '/moved') { res.writeHead(302, { location: '/' }); res.end(); }
        else if (req.url === '/slow') setTimeout(() => { res.writeHead(200); res.end('late'); }, 4000);
        else { res.writeHead(503); res.end('down'); }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await transport.close();
  });

  for (const from of ['control', 'host'] as const) {
    describe(`from ${from}`, () => {
      it('GET: status, headers, content and the body check; never changed', async () => {
        const r = await run({ url: `${base}/`, from, returnContent: true, bodyContains: 'Debian Web 1' });
        expect(r.status, r.msg).to.equal('ok');
        expect(r.data).to.deep.include({ status: 200, content: '<h1>Debian Web 1</h1>\n', changed: false, url: `${base}/` });
        expect((r.data.headers as Record<string, string>)['content-type']).to.equal('text/html');
        expect(r.data.via).to.equal(from === 'control' ? 'control' : 'python3');
      });

      it('parses JSON content; without returnContent no content is returned', async () => {
        expect((await run({ url: `${base}/json`, from, returnContent: true })).data.json).to.deep.equal({ ok: true, n: 3 });
        expect((await run({ url: `${base}/json`, from })).data).to.not.have.property('content');
      });

      it('an unexpected status fails the task but still returns the response', async () => {
        const r = await run({ url: `${base}/nothing`, from });
        expect(r.status).to.equal('failed');
        expect(r.msg).to.match(/status code was 503 and not \[200\]/);
        expect(r.data.status).to.equal(503);
        expect((await run({ url: `${base}/nothing`, from, status: [200, 503] })).status).to.equal('ok');
      });

      it('a body that lacks the text, or does not match, fails', async () => {
        expect((await run({ url: `${base}/`, from, bodyContains: 'Debian Web 2' })).msg).to.match(/does not contain "Debian Web 2"/);
        expect((await run({ url: `${base}/`, from, bodyMatches: 'Web [23]' })).msg).to.match(/does not match \/Web \[23\]\//);
        expect((await run({ url: `${base}/`, from, bodyMatches: 'Web [12]' })).status).to.equal('ok');
      });

      it('POST with a JSON body and a secret header: sent, and the secret never shows', async () => {
        const r = await run({ url: `${base}/echo`, from, method: 'POST', body: { a: 1 }, headers: { Authorization: secret('Bearer s3cr3t') }, status: [201], returnContent: true });
        expect(r.status, r.msg).to.equal('ok');
        expect(r.data.json).to.deep.equal({ method: 'POST', body: '{"a":1}', auth: '***', type: 'application/json' });
        expect(JSON.stringify(r.data)).to.not.include('s3cr3t');
        expect(seen.at(-1)!.headers.authorization).to.equal('Bearer s3cr3t');
      });

      it('redirects are followed, or returned with followRedirects false', async () => {
        expect((await run({ url: `${base}/moved`, from })).data).to.include({ status: 200, url: `${base}/` });
        expect((await run({ url: `${base}/moved`, from, followRedirects: false, status: [302] })).data.status).to.equal(302);
      });

      it('sends the URL normalised the same way from either side (host case, dot segments, spaces)', async () => {
        const before = seen.length;
        const r = await run({ url: `${base.replace('http://', 'HTTP://')}/a/../b c?q=x y#frag`, from, status: [503] });
        expect(r.status, r.msg).to.equal('ok');
        expect(seen.slice(before).map((x) => x.url)).to.deep.equal(['/b%20c?q=x%20y']);
        expect(r.data.url).to.equal(`${base}/b%20c?q=x%20y`);
      });

      it('a timeout is a TimeoutError', async () => {
        const r = await run({ url: `${base}/slow`, from, timeout: 1 });
        expect(r.error, r.msg).to.be.instanceOf(TimeoutError);
      });
    });
  }

  it('from control, a port fetch blocks (22) says so and points to from: host', async () => {
    expect((await run({ url: 'http://127.0.0.1:22/' })).msg).to.match(/blocked list .* use from: 'host'/);
  });

  it('check mode sends GET (a read) but not POST', async () => {
    const before = seen.length;
    expect((await run({ url: `${base}/`, }, true)).status).to.equal('ok');
    expect(seen.length).to.equal(before + 1);
    const post = await run({ url: `${base}/echo`, method: 'POST', body: 'x', status: [201] }, true);
    expect(post.status).to.equal('skipped'); // a result with skipped: true is a skipped task, as in Ansible
    expect(post.data).to.include({ skipped: true, msg: 'check mode: POST not sent' });
    expect(seen.length).to.equal(before + 1);
  });

  it('from host with curl only (no python3): same response, form body', async () => {
    const req = { url: `${base}/echo`, method: 'PUT', headers: { 'X-Quote': 'a "b" \\c' }, body: Buffer.from('k=v&w=it\'s'), timeout: 10, followRedirects: true };
    const { command, stdin } = hostRequest(req, 'curl');
    const res = parseHostResponse(await transport.run(command, { stdin }), req, {});
    expect(res.via).to.equal('curl');
    expect(res.status).to.equal(201);
    expect(res.headers['x-tsible']).to.equal('a');
    expect(JSON.parse(res.body.toString())).to.include({ method: 'PUT', body: 'k=v&w=it\'s' });
    expect(seen.at(-1)!.headers['x-quote']).to.equal('a "b" \\c');
    const moved = { ...req, url: `${base}/moved`, method: 'GET', body: undefined };
    const m = hostRequest(moved, 'curl');
    expect(parseHostResponse(await transport.run(m.command, { stdin: m.stdin }), moved, {})).to.include({ status: 200, url: `${base}/` });
  });

  it('bad arguments fail before any request', async () => {
    const before = seen.length;
    for (const [args, re] of [
      [{ url: 'ftp://x/' }, /field "url": expects an http/],
      [{ url: 'not a url' }, /field "url"/],
      [{ url: `${base}/`, method: 'FETCH' }, /field "method"/],
      [{ url: `${base}/`, status: [99] }, /field "status"/],
      [{ url: `${base}/`, bodyMatches: '(' }, /field "bodyMatches": bad regular expression/],
      [{ url: `${base}/`, headers: { 'X-A': 'a\nb' } }, /field "headers.X-A": .*one line/],
      [{ url: `${base}/`, from: 'lb1' }, /field "from"/],
    ] as const) {
      const r = await run(args as Record<string, unknown>);
      expect(r.error, JSON.stringify(args)).to.be.instanceOf(ArgsError);
      expect(r.msg).to.match(re);
    }
    expect(seen.length).to.equal(before);
  });
});
