// The apt proxy's rules on loopback: only the Debian mirror over plain HTTP, GET/HEAD only, what it caches.
import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCacheable, startAptProxy } from '../../lab/apt-proxy.ts';

function request(port: number, method: string, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = http.request({ host: '127.0.0.1', port, method, path: url }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
    r.on('error', reject);
    r.end();
  });
}

describe('lab/apt-proxy (loopback)', () => {
  let dir: string;
  let servers: http.Server[];
  let port: number;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tsible-aptproxy-'));
    servers = await startAptProxy({ listen: [{ host: '127.0.0.1', port: 0 }], cacheDir: join(dir, 'cache'), logFile: join(dir, 'log') });
    port = (servers[0].address() as AddressInfo).port;
  });
  after(async () => {
    for (const s of servers) s.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses other hosts, https, other ports, non-proxy requests and other methods, logging each', async () => {
    expect(await request(port, 'GET', 'http://example.com/x.deb')).to.equal(403);
    expect(await request(port, 'GET', 'http://deb.debian.org:8080/debian/x.deb')).to.equal(403);
    expect(await request(port, 'GET', '/debian/x.deb')).to.equal(400);
    expect(await request(port, 'POST', 'http://deb.debian.org/debian/x.deb')).to.equal(405);
    const log = await readFile(join(dir, 'log'), 'utf8');
    expect(log.match(/ denied /g)).to.have.length(4);
    expect(log).to.include('denied 403 http://example.com/x.deb');
  });
  it('caches packages and by-hash indexes, never Release files', () => {
    expect(isCacheable('/debian/pool/main/l/less/less_590-2_amd64.deb')).to.equal(true);
    expect(isCacheable('/debian/dists/bookworm/main/binary-amd64/by-hash/SHA256/abc')).to.equal(true);
    expect(isCacheable('/debian/dists/bookworm/InRelease')).to.equal(false);
    expect(isCacheable('/debian/dists/bookworm/main/binary-amd64/Packages.xz')).to.equal(false);
  });
});
