// Against real sshd servers: host key checking (unknown refused, accept-new recorded, changed refused with both fingerprints), and the client key file read once and again when it changes.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { HostKeyError } from '../../../core/errors.ts';
import { openTransport, type TransportOptions } from '../../../core/transport/open.ts';
import { needsRoot } from '../../support/needs.ts';
import { keygen, type SshdServer, SshdLab } from '../../../lab/sshd.ts';

const OPTS: TransportOptions = { sshConfigFile: null, agentSocket: null };

function fingerprintOf(pubFile: string): string {
  return execFileSync('ssh-keygen', ['-l', '-f', pubFile]).toString().split(' ')[1];
}

describe('SSH host key checking (real sshd)', function () {
  let lab: SshdLab;
  let s: SshdServer;
  before(async function () {
    needsRoot(this);
    lab = SshdLab.create();
    [s] = await lab.start(1);
  });
  after(async () => lab?.stop());

  it('refuses an unknown host key by default, showing its fingerprint', async () => {
    const kh = join(lab.dir, 'empty_known_hosts');
    writeFileSync(kh, '');
    const t = openTransport('web1', lab.connection(s, { knownHostsFiles: [kh] }), OPTS);
    const err = await t.connect().catch((e) => e);
    expect(err).to.be.instanceOf(HostKeyError);
    expect(String(err)).to.contain('host web1: unknown host key for');
    expect(String(err)).to.contain(fingerprintOf(`${s.hostKeyFile}.pub`));
    expect(readFileSync(kh, 'utf8')).to.equal('');
  });

  it('with accept-new, records the key; the next connect succeeds without accept-new', async () => {
    const kh = join(lab.dir, 'sub', 'known_hosts');
    const t1 = openTransport('web1', lab.connection(s, { knownHostsFiles: [kh], acceptNewHostKeys: true }), OPTS);
    await t1.connect();
    await t1.close();
    expect(readFileSync(kh, 'utf8')).to.equal(`${s.knownHostsLine}\n`);
    const t2 = openTransport('web1', lab.connection(s, { knownHostsFiles: [kh] }), OPTS);
    expect((await t2.run(['echo', 'ok'])).stdout).to.equal('ok\n');
    await t2.close();
  });

  it('refuses a changed host key even with accept-new, naming the host and both fingerprints', async () => {
    const impostor = join(lab.dir, 'impostor');
    keygen(impostor, 'impostor');
    const kh = join(lab.dir, 'changed_known_hosts');
    const recorded = readFileSync(`${impostor}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(kh, `[${s.address}]:${s.port} ${recorded}\n`);
    const t = openTransport('web1', lab.connection(s, { knownHostsFiles: [kh], acceptNewHostKeys: true }), OPTS);
    const err = await t.connect().catch((e) => e);
    expect(err).to.be.instanceOf(HostKeyError);
    const msg = String(err);
    expect(msg).to.contain(`host web1: HOST KEY CHANGED for [${s.address}]:${s.port}`);
    expect(msg).to.contain(`presented ssh-ed25519 ${fingerprintOf(`${s.hostKeyFile}.pub`)}`);
    expect(msg).to.contain(`records ssh-ed25519 ${fingerprintOf(`${impostor}.pub`)} (${kh}:1)`);
    expect(readFileSync(kh, 'utf8')).to.equal(`[${s.address}]:${s.port} ${recorded}\n`);
  });

  it('accepts a key recorded under a hashed name, in a comma list, in a second known_hosts file', async () => {
    const hashed = join(lab.dir, 'hashed_known_hosts');
    writeFileSync(hashed, `other,[${s.address}]:${s.port} ${s.hostPublicKey}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', hashed], { stdio: 'pipe' });
    expect(readFileSync(hashed, 'utf8')).to.not.contain(s.address);
    const empty = join(lab.dir, 'first_empty');
    writeFileSync(empty, '');
    const t = openTransport('web1', lab.connection(s, { knownHostsFiles: [empty, hashed] }), OPTS);
    expect((await t.run(['echo', 'hashed ok'])).stdout).to.equal('hashed ok\n');
    await t.close();
  });

  it('reads a key file once for all its hosts, and again when it changed: a replaced key is used (refused here), a damaged one is named', async () => {
    const key = join(lab.dir, 'changing_key');
    copyFileSync(lab.clientKeyFile, key);
    chmodSync(key, 0o600);
    const kh = join(lab.dir, 'kh_for_key');
    writeFileSync(kh, `${s.knownHostsLine}\n`);
    const connect = async () => {
      const t = openTransport('web1', lab.connection(s, { knownHostsFiles: [kh], keyFiles: [key] }), OPTS);
      try {
        return (await t.run(['echo', 'key ok'])).stdout;
      } catch (e) {
        return String(e);
      } finally {
        await t.close();
      }
    };
    expect(await connect()).to.equal('key ok\n');
    expect(await connect()).to.equal('key ok\n');
    const other = join(lab.dir, 'unauthorized_key');
    keygen(other, 'unauthorized');
    copyFileSync(other, key);
    expect(await connect()).to.match(/authentication|auth/i);
    writeFileSync(key, 'not a key\n');
    expect(await connect()).to.contain(`${key} (`);
    copyFileSync(lab.clientKeyFile, key);
    expect(await connect()).to.equal('key ok\n');
  });
});
