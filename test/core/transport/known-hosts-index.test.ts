// known_hosts parsed once for all of a run's connections (core/transport/known-hosts-index.ts): one read for many hosts, a new read only when the file changed (tsible appending a key), and the same answers as the line-by-line scan.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendKnownHost, checkHostKey, knownHostsLine, parseKnownHosts } from '../../../core/transport/known-hosts.ts';
import { knownHostsIndex, knownHostsReads } from '../../../core/transport/known-hosts-index.ts';
import { openTransport } from '../../../core/transport/open.ts';
import { needsRoot } from '../../support/needs.ts';
import { SshdLab } from '../../../lab/sshd.ts';

/** An ed25519-shaped key blob (type string + 32 random bytes). */
function fakeKey(): Buffer {
  const type = Buffer.from('ssh-ed25519');
  const len = (n: number) => Buffer.from([0, 0, 0, n]);
  return Buffer.concat([len(type.length), type, len(32), randomBytes(32)]);
}

describe('known_hosts index', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'tsible-kh-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the file once for any number of lookups, again only after it changed', () => {
    const file = join(dir, 'known_hosts');
    const keys = Array.from({ length: 300 }, fakeKey);
    writeFileSync(file, keys.map((k, i) => knownHostsLine(`[127.0.${i >> 8}.${i & 255}]:2222`, k)).join('\n') + '\n');
    const before = knownHostsReads.count;
    for (let i = 0; i < 300; i++) expect(checkHostKey(knownHostsIndex([file]), `[127.0.${i >> 8}.${i & 255}]:2222`, keys[i]).status).to.equal('known');
    expect(knownHostsReads.count - before).to.equal(1);
    // tsible records a new host's key: the next lookup reads the file again and knows it.
    const fresh = fakeKey();
    appendKnownHost(file, 'newhost', fresh);
    expect(checkHostKey(knownHostsIndex([file]), 'newhost', fresh).status).to.equal('known');
    expect(knownHostsReads.count - before).to.equal(2);
    expect(checkHostKey(knownHostsIndex([file]), 'newhost', fresh).status).to.equal('known');
    expect(knownHostsReads.count - before).to.equal(2);
  });

  it('answers as the line-by-line scan: comma lists, wildcards, negations, hashed names, @revoked, case', () => {
    const [a, b, c] = [fakeKey(), fakeKey(), fakeKey()];
    const b64 = (k: Buffer) => `ssh-ed25519 ${k.toString('base64')}`;
    const text = [
      `web1,Web2 ${b64(a)}`,
      `*.example.org,!bad.example.org ${b64(b)}`,
      `|1|${Buffer.from('salt-salt-salt-salt!').toString('base64')}|${'x'.repeat(27)}= ${b64(c)}`,
      `@revoked * ${b64(c)}`,
      `web1 ${b64(b)}`,
    ].join('\n');
    const file = join(dir, 'kh');
    writeFileSync(file, `${text}\n`);
    const entries = parseKnownHosts(text, file);
    const index = knownHostsIndex([file]);
    for (const name of ['web1', 'WEB2', 'web2', 'x.example.org', 'bad.example.org', 'other'])
      for (const key of [a, b, c]) expect(checkHostKey(index, name, key), `${name}`).to.deep.equal(checkHostKey(entries, name, key));
    expect(index.entriesFor('web1').map((e) => e.line)).to.deep.equal([1, 4, 5]); // @revoked applies too
    appendFileSync(file, ''); // no change: no new read
  });

  it('over real sshd: 3 hosts share one read of the known_hosts file', async function () {
    needsRoot(this);
    const lab = SshdLab.create();
    try {
      const servers = await lab.start(3);
      const before = knownHostsReads.count;
      const ts = servers.map((s) => openTransport(s.name, lab.connection(s), { sshConfigFile: null, agentSocket: null }));
      await Promise.all(ts.map((t) => t.connect()));
      for (const t of ts) expect((await t.run(['true'])).code).to.equal(0);
      await Promise.all(ts.map((t) => t.close()));
      expect(knownHostsReads.count - before).to.equal(1);
    } finally {
      await lab.stop();
    }
  });
});
