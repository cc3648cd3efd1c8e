// seedFiles: the per-VM files the initramfs installs, and the manifest format it reads.
import { expect } from 'chai';
import { seedManifest } from '../../../lab/vm/seed-disk.ts';
import { seedFiles } from '../../../lab/vm/seed-files.ts';
import type { VmNic } from '../../../lab/vm/types.ts';
import { sampleSpec } from './fixtures.ts';

const nic0 = sampleSpec().nics[0] as VmNic;
const second: VmNic = { netns: 'tsible-lab', bridge: 'br-int', tap: 'vt-lb1-1', mac: '52:54:00:38:01:01', ifname: 'enp0s8', addresses: ['192.168.57.1/24', '192.168.57.254/24'] };
const ID = '0123456789abcdef0123456789abcdef';

function byPath(files: ReturnType<typeof seedFiles>) {
  return new Map(files.map((f) => [f.path, f]));
}

describe('lab/vm seedFiles', () => {
  it('names each NIC by its permanent MAC and gives it its addresses', () => {
    const f = byPath(seedFiles(sampleSpec({ nics: [nic0, second] }), ID));
    expect(f.get('/etc/systemd/network/10-tsible-enp0s3.link')?.content)
      .to.equal('[Match]\nPermanentMACAddress=52:54:00:38:00:0b\n\n[Link]\nName=enp0s3\n');
    const net0 = f.get('/etc/systemd/network/10-tsible-enp0s3.network')?.content ?? '';
    const net1 = f.get('/etc/systemd/network/10-tsible-enp0s8.network')?.content ?? '';
    expect(net0).to.include('Name=enp0s3\n').and.include('Address=192.168.56.11/24\n').and.include('Gateway=192.168.56.1\n');
    expect(net1).to.include('Address=192.168.57.1/24\nAddress=192.168.57.254/24\n').and.not.include('Gateway=');
  });

  it('writes no default route without a gateway (backends route through the director)', () => {
    const all = seedFiles(sampleSpec({ gateway: undefined }), ID).map((x) => x.content).join('');
    expect(all).not.to.include('Gateway=');
  });

  it('installs the given host keys private 0600 and public 0644, and root\'s authorized_keys 0600', () => {
    const f = byPath(seedFiles(sampleSpec(), ID));
    expect(f.get('/etc/ssh/ssh_host_ed25519_key')?.mode).to.equal(0o600);
    expect(f.get('/etc/ssh/ssh_host_ed25519_key')?.content).to.include('PRIVATE KEY');
    expect(f.get('/etc/ssh/ssh_host_ed25519_key.pub')).to.deep.equal({ path: '/etc/ssh/ssh_host_ed25519_key.pub', mode: 0o644, content: 'ssh-ed25519 AAAAhostkey root@lb1\n' });
    expect(f.get('/root/.ssh/authorized_keys')?.mode).to.equal(0o600);
  });

  it('sets hostname, machine-id, /etc/hosts (adding the own name when missing) and the apt proxy', () => {
    const f = byPath(seedFiles(sampleSpec({ hostname: 'lb2', etcHosts: '192.168.56.11 lb1\n', aptProxy: 'http://192.168.56.1:3142' }), ID));
    expect(f.get('/etc/hostname')?.content).to.equal('lb2\n');
    expect(f.get('/etc/machine-id')?.content).to.equal(`${ID}\n`);
    expect(f.get('/etc/hosts')?.content).to.equal('192.168.56.11 lb1\n127.0.0.1\tlocalhost\n127.0.1.1\tlb2\n');
    expect(f.get('/etc/apt/apt.conf.d/01tsible-proxy')?.content).to.equal('Acquire::http::Proxy "http://192.168.56.1:3142";\n');
    expect(byPath(seedFiles(sampleSpec(), ID)).has('/etc/apt/apt.conf.d/01tsible-proxy')).to.equal(false);
  });

  it('lists every file in the manifest as "MODE NAME PATH"', () => {
    const files = seedFiles(sampleSpec(), ID);
    const lines = seedManifest(files).trimEnd().split('\n');
    expect(lines).to.have.length(files.length);
    expect(lines[0]).to.equal('0644 f0 /etc/hostname');
    expect(lines).to.include('0600 f3 /root/.ssh/authorized_keys');
    for (const l of lines) expect(l).to.match(/^0[0-7]{3} f\d+ \/\S+$/);
  });
});
