// known_hosts parsing and matching: plain, comma lists, wildcards, negation, [host]:port, hashed |1| names.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { fingerprint, keyType } from '../../../core/transport/host-key.ts';
import { checkHostKey, hostFieldMatches, knownHostsName, parseKnownHosts } from '../../../core/transport/known-hosts.ts';
import { keygen } from '../../../lab/sshd.ts';

describe('known_hosts', () => {
  let dir: string;
  let keyA: Buffer;
  let keyB: Buffer;
  let lineA: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-kh-'));
    keygen(join(dir, 'a'), 'a');
    keygen(join(dir, 'b'), 'b');
    lineA = readFileSync(join(dir, 'a.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
    keyA = Buffer.from(lineA.split(' ')[1], 'base64');
    keyB = Buffer.from(readFileSync(join(dir, 'b.pub'), 'utf8').split(' ')[1], 'base64');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('names hosts like OpenSSH: bare on port 22, [host]:port otherwise', () => {
    expect(knownHostsName('web1', 22)).to.equal('web1');
    expect(knownHostsName('10.0.0.5', 2222)).to.equal('[10.0.0.5]:2222');
  });

  it('computes the same SHA256 fingerprint as ssh-keygen -l', () => {
    const out = execFileSync('ssh-keygen', ['-l', '-f', join(dir, 'a.pub')]).toString();
    expect(out.split(' ')[1]).to.equal(fingerprint(keyA));
    expect(keyType(keyA)).to.equal('ssh-ed25519');
  });

  it('matches comma lists, wildcards and negations', () => {
    expect(hostFieldMatches('web1,10.0.0.5', '10.0.0.5')).to.equal(true);
    expect(hostFieldMatches('web1,10.0.0.5', 'web2')).to.equal(false);
    expect(hostFieldMatches('*.example.com,!bad.example.com', 'ok.example.com')).to.equal(true);
    expect(hostFieldMatches('*.example.com,!bad.example.com', 'bad.example.com')).to.equal(false);
    expect(hostFieldMatches('[10.0.0.5]:2222', '[10.0.0.5]:2222')).to.equal(true);
    expect(hostFieldMatches('[10.0.0.5]:2222', '10.0.0.5')).to.equal(false);
    expect(hostFieldMatches('WEB1', 'web1')).to.equal(true);
  });

  it('matches names hashed by ssh-keygen -H (|1|salt|hmac)', () => {
    const file = join(dir, 'hashed');
    writeFileSync(file, `web1,[10.0.0.5]:2222 ${lineA}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'pipe' });
    const entries = parseKnownHosts(readFileSync(file, 'utf8'), file);
    expect(entries.length).to.equal(2);
    expect(entries.every((e) => e.hosts.startsWith('|1|'))).to.equal(true);
    expect(checkHostKey(entries, 'web1', keyA).status).to.equal('known');
    expect(checkHostKey(entries, '[10.0.0.5]:2222', keyA).status).to.equal('known');
    expect(checkHostKey(entries, '10.0.0.5', keyA).status).to.equal('unknown');
    expect(checkHostKey(entries, 'web1', keyB).status).to.equal('changed');
  });

  it('judges known, unknown, changed and revoked keys', () => {
    const text = `# comment\n\nweb1 ${lineA}\nbroken line\n@revoked * ssh-ed25519 ${keyB.toString('base64')}\n`;
    const entries = parseKnownHosts(text, 'kh');
    expect(entries.map((e) => e.line)).to.deep.equal([3, 5]);
    expect(checkHostKey(entries, 'web1', keyA)).to.include({ status: 'known' });
    expect(checkHostKey(entries, 'web2', keyA)).to.deep.equal({ status: 'unknown' });
    const changed = checkHostKey(parseKnownHosts(`web1 ${lineA}\n`, 'kh'), 'web1', keyB);
    expect(changed.status).to.equal('changed');
    expect(checkHostKey(entries, 'web1', keyB).status).to.equal('revoked');
  });
});
