// setup's fact parsers over REAL recorded output (this Debian 12 machine, lab container web1, lab VM lb2, a namespace with a VIP).
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { FactError } from '../../../core/errors.ts';
import { defaultAddress, parseDefaultRoutes } from '../../../modules/facts/default-route.ts';
import { hostFacts, parseHostFacts } from '../../../modules/facts/host-facts.ts';
import { parseInitSystem } from '../../../modules/facts/init-system.ts';
import { interfacesFact, netmaskOf, networkOf, parseIpAddr } from '../../../modules/facts/interfaces.ts';
import { parseMeminfo } from '../../../modules/facts/memory.ts';
import { osInfoFact, parseOsInfo } from '../../../modules/facts/os-release.ts';
import { splitSections } from '../../../modules/facts/sections.ts';

/** A fixture file (its recording command is in the .cmd file beside it). */
const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/modules/setup/${name}`, import.meta.url), 'utf8');

describe('setup facts from recorded hosts', () => {
  it('lab container web1: Debian 12 bookworm, systemd, one interface, default route via the internal VIP', () => {
    const f = parseHostFacts(fixture('web1-container.txt'));
    expect(f.os).to.deep.include({ id: 'debian', family: 'Debian', distribution: 'Debian', release: 'bookworm', majorVersion: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' });
    expect(f.os.version).to.match(/^12\.\d+$/);
    expect(f).to.deep.include({ hostname: 'web1', fqdn: 'web1', domain: '', system: 'Linux', architecture: 'x86_64', cpus: 2 });
    expect(f.init).to.deep.equal({ pid1: 'systemd', serviceManager: 'systemd' });
    expect(f.interfaces.map((i) => i.name)).to.deep.equal(['lo', 'enp0s3']);
    expect(f.defaultIpv4).to.deep.equal({
      interface: 'enp0s3', gateway: '192.168.200.250', address: '192.168.200.11', prefix: 24, netmask: '255.255.255.0',
      network: '192.168.200.0', broadcast: '192.168.200.255', macaddress: '02:56:c0:a8:c8:0b', mtu: 1500, type: 'ether',
    });
    expect(f.defaultIpv6).to.equal(null);
    expect(f.memory.totalMb).to.equal(Math.floor(24683620 / 1024));
  });

  it('lab VM lb2: two interfaces, no default route (null), its own kernel and memory', () => {
    const f = parseHostFacts(fixture('lb2-vm.txt'));
    expect(f).to.deep.include({ hostname: 'lb2', kernel: '6.1.0-50-amd64', cpus: 1, defaultIpv4: null, defaultIpv6: null, defaultRoutes4: [] });
    expect(f.os.version).to.equal('12.15');
    expect(f.init.serviceManager).to.equal('systemd');
    expect(f.interfaces.map((i) => [i.name, i.ipv4.map((a) => `${a.address}/${a.prefix}`)])).to.deep.equal([
      ['lo', ['127.0.0.1/8']], ['enp0s3', ['192.168.56.12/24']], ['enp0s8', ['192.168.200.252/24']],
    ]);
    expect(f.memory).to.deep.equal({ totalMb: 457, freeMb: 153, availableMb: 399, swapTotalMb: 0, swapFreeMb: 0 });
  });

  it('this machine: Debian 12.11, a non-systemd PID 1, IPv4 and IPv6 default routes', () => {
    const f = parseHostFacts(fixture('local-debian12.txt'));
    expect(f.os.version).to.equal('12.11');
    expect(f.init).to.deep.equal({ pid1: 'process_api', serviceManager: 'process_api' });
    expect(f.defaultIpv4).to.include({ interface: 'eth0', address: '192.0.2.2', gateway: '192.0.2.1' });
    expect(f.defaultIpv6).to.deep.equal({ interface: 'eth0', gateway: 'fd00::1', address: 'fd00::2', prefix: 64, scope: 'global', macaddress: '02:fc:00:00:00:01', mtu: 1400, type: 'ether' });
  });

  it('output cut short (no end marker) is a FactError, and a failed script too', () => {
    const cut = fixture('web1-container.txt').split('@@tsible:meminfo')[0];
    expect(() => parseHostFacts(cut)).to.throw(FactError, 'incomplete');
    expect(() => hostFacts.parse({ code: 2, stdout: '', stderr: 'boom' })).to.throw(FactError, 'exited 2: boom');
  });

  it('a missing iproute2 (empty sections) gives no interfaces and no default route instead of failing', () => {
    const noIp = fixture('lb2-vm.txt').replace(/@@tsible:addr\n[^\n]*\n/, '@@tsible:addr\n').replace(/@@tsible:route4\n\[\]/, '@@tsible:route4\n');
    const f = parseHostFacts(noIp);
    expect(f.interfaces).to.deep.equal([]);
    expect(f.defaultIpv4).to.equal(null);
  });
});

describe('interfaces and default routes', () => {
  it('a VIP is a secondary address with its label; the lowest-metric default route wins (netns fixture)', () => {
    const ifs = parseIpAddr(fixture('netns-vip-addr.json'));
    const dummy0 = ifs.find((i) => i.name === 'dummy0')!;
    expect(dummy0.ipv4).to.deep.equal([
      { address: '10.1.0.5', prefix: 24, netmask: '255.255.255.0', network: '10.1.0.0', broadcast: '10.1.0.255', label: 'dummy0', secondary: false },
      { address: '10.1.0.10', prefix: 24, netmask: '255.255.255.0', network: '10.1.0.0', broadcast: '10.1.0.255', label: 'dummy0:vip', secondary: true },
    ]);
    expect(dummy0.ipv6.map((a) => a.scope)).to.deep.equal(['global', 'link']);
    const routes = parseDefaultRoutes(fixture('netns-vip-route4.json'));
    expect(routes).to.deep.equal([
      { gateway: '10.2.0.1', interface: 'dummy1', metric: 50 },
      { gateway: '10.1.0.1', interface: 'dummy0', metric: 100 },
    ]);
    expect(defaultAddress(routes, ifs, 4)).to.include({ interface: 'dummy1', address: '10.2.0.5', network: '10.2.0.0', netmask: '255.255.0.0' });
    expect(defaultAddress(routes.slice(1), ifs, 4)).to.include({ address: '10.1.0.5' }); // the primary, not the VIP
    expect(defaultAddress(parseDefaultRoutes(fixture('netns-vip-route6.json')), ifs, 6)).to.include({ address: '2001:db8::5', gateway: '2001:db8::1' });
  });

  it('a preferred source on the route picks that address', () => {
    const ifs = parseIpAddr(fixture('netns-vip-addr.json'));
    expect(defaultAddress([{ gateway: '10.1.0.1', interface: 'dummy0', metric: 0, source: '10.1.0.10' }], ifs, 4)).to.include({ address: '10.1.0.10' });
  });

  it('the stand-alone facts parse the same recordings (lab VM lb2 interfaces, web1 route)', () => {
    const ifs = interfacesFact.parse({ code: 0, stdout: fixture('ip-addr-lb2.json'), stderr: '' });
    expect(ifs.map((i) => i.name)).to.deep.equal(['lo', 'enp0s3', 'enp0s8']);
    expect(ifs[1]).to.deep.include({ macaddress: '02:56:c0:a8:38:0c', mtu: 1500, active: true, type: 'ether' });
    expect(parseDefaultRoutes(fixture('ip-route-web1.json'))).to.deep.equal([{ gateway: '192.168.200.250', interface: 'enp0s3', metric: 0 }]);
  });

  it('bad JSON is a FactError; netmask and network arithmetic', () => {
    expect(() => parseIpAddr('[{')).to.throw(FactError);
    expect(() => parseDefaultRoutes('{}')).to.throw(FactError);
    expect([0, 8, 20, 31, 32].map(netmaskOf)).to.deep.equal(['0.0.0.0', '255.0.0.0', '255.255.240.0', '255.255.255.254', '255.255.255.255']);
    expect(networkOf('172.16.45.9', 20)).to.equal('172.16.32.0');
  });
});

describe('os-release, meminfo, init, sections', () => {
  it('Debian 12 os-release of this machine, through the stand-alone fact', () => {
    const os = osInfoFact.parse({ code: 0, stdout: `${fixture('os-release-debian12.txt')}@@tsible:debian_version\n12.11\n`, stderr: '' });
    expect(os).to.deep.include({ id: 'debian', family: 'Debian', distribution: 'Debian', release: 'bookworm', version: '12.11', majorVersion: '12' });
    expect(os.fields.HOME_URL).to.equal('https://www.debian.org/');
  });

  const families: [string, string, string, string][] = [
    ['ID=ubuntu\nID_LIKE=debian\nVERSION_ID="22.04"\nVERSION_CODENAME=jammy\n', 'Ubuntu', 'Debian', 'jammy'],
    ['ID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.3"\n', 'Rocky', 'RedHat', ''],
    ['ID=pop\nID_LIKE="ubuntu debian"\nNAME="Pop!_OS"\n', 'Pop!_OS', 'Debian', ''],
    ['ID=alpine\nVERSION_ID=3.19.1\n', 'Alpine', 'Alpine', ''],
    ['', 'Unknown', 'Unknown', ''],
  ];
  for (const [text, distribution, family, release] of families) {
    it(`os family: ${JSON.stringify(text.split('\n')[0])} → ${distribution} / ${family}`, () => {
      expect(parseOsInfo(text)).to.deep.include({ distribution, family, release });
    });
  }

  it('meminfo without MemAvailable falls back to MemFree; without MemTotal is a FactError', () => {
    expect(parseMeminfo('MemTotal: 2048 kB\nMemFree: 1024 kB\n')).to.deep.equal({ totalMb: 2, freeMb: 1, availableMb: 1, swapTotalMb: 0, swapFreeMb: 0 });
    expect(() => parseMeminfo('MemFree: 1 kB')).to.throw(FactError);
  });

  it('init system names', () => {
    expect(parseInitSystem('systemd\n', true)).to.deep.equal({ pid1: 'systemd', serviceManager: 'systemd' });
    expect(parseInitSystem('init', false)).to.deep.equal({ pid1: 'init', serviceManager: 'sysvinit' });
    expect(parseInitSystem('init', false, true).serviceManager).to.equal('openrc');
    expect(parseInitSystem('tini', false).serviceManager).to.equal('tini');
  });

  it('sections: markers split, blank edges trimmed, text before the first marker ignored', () => {
    const s = splitSections('motd noise\n\n@@tsible:a\nx\n\n@@tsible:b\n\n@@tsible:end\n', 'test');
    expect([...s]).to.deep.equal([['a', 'x'], ['b', ''], ['end', '']]);
  });
});
