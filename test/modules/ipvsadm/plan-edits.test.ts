// Table tests of the IPVS edit planner over tables parsed from real ipvsadm -Sn output (lab lb2).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { declareServices, type IpvsServiceArgs } from '../../../modules/ipvsadm/declared.ts';
import { parseRules } from '../../../modules/ipvsadm/parse-rules.ts';
import { reconcile } from '../../../modules/ipvsadm/plan-edits.ts';
import { renderLines } from '../../../modules/ipvsadm/render-rules.ts';

const live = (name: string) => parseRules(readFileSync(new URL(`../../fixtures/modules/ipvsadm/${name}`, import.meta.url), 'utf8'), true).table;
const masq = (address: string, weight = 1, port = 80) => ({ address, port, forwarding: 'masq' as const, weight });
/** The chapter IV declaration at the test address, as recorded in chapter4.txt. */
const chapter4: IpvsServiceArgs[] = [
  { address: '10.99.0.1', port: 80, scheduler: 'wrr', realServers: [masq('192.168.200.11', 3), masq('192.168.200.12'), masq('192.168.200.13')] },
  { address: '10.99.0.2', port: 443, scheduler: 'rr', persistent: 300, realServers: [masq('192.168.200.11', 1, 443)] },
];
const edits = (table: ReturnType<typeof live>, services: IpvsServiceArgs[], purge = false, state: 'present' | 'absent' = 'present') =>
  reconcile(table, declareServices(services, state, {}), { purge }).edits.map((e) => e.words.join(' '));

describe('modules/ipvsadm/plan-edits', () => {
  const cases: { title: string; table: string; services: IpvsServiceArgs[]; purge?: boolean; want: string[] }[] = [
    { title: 'converged: the recorded table equals the declaration', table: 'chapter4.txt', services: chapter4, want: [] },
    { title: 'converged with purge too', table: 'chapter4.txt', services: chapter4, purge: true, want: [] },
    {
      title: 'empty table: -A then -a for each real server, in declared order', table: 'empty.txt', services: chapter4,
      want: [
        '-A -t 10.99.0.1:80 -s wrr', '-a -t 10.99.0.1:80 -r 192.168.200.11:80 -m -w 3', '-a -t 10.99.0.1:80 -r 192.168.200.12:80 -m -w 1',
        '-a -t 10.99.0.1:80 -r 192.168.200.13:80 -m -w 1', '-A -t 10.99.0.2:443 -s rr -p 300', '-a -t 10.99.0.2:443 -r 192.168.200.11:443 -m -w 1',
      ],
    },
    {
      title: 'a new real server is one -a: no -D/-A of its service, the others untouched', table: 'chapter4.txt',
      services: [{ ...chapter4[0]!, realServers: [...chapter4[0]!.realServers!, masq('192.168.200.14')] }],
      want: ['-a -t 10.99.0.1:80 -r 192.168.200.14:80 -m -w 1'],
    },
    {
      title: 'a weight change is one -e with the full server options', table: 'chapter4.txt',
      services: [{ ...chapter4[0]!, realServers: [masq('192.168.200.11', 5), masq('192.168.200.12'), masq('192.168.200.13')] }],
      want: ['-e -t 10.99.0.1:80 -r 192.168.200.11:80 -m -w 5'],
    },
    {
      title: 'a scheduler change is one -E with every service option (-E resets what it is not given)', table: 'chapter4.txt',
      services: [{ ...chapter4[1]!, scheduler: 'wlc' }],
      want: ['-E -t 10.99.0.2:443 -s wlc -p 300'],
    },
    {
      title: 'dropping persistence is a -E without -p', table: 'chapter4.txt',
      services: [{ ...chapter4[1]!, persistent: 0 }],
      want: ['-E -t 10.99.0.2:443 -s rr'],
    },
    {
      title: 'without purge, undeclared real servers and services stay', table: 'chapter4.txt',
      services: [{ ...chapter4[0]!, realServers: [masq('192.168.200.11', 3)] }], want: [],
    },
    {
      title: 'purge: undeclared real servers of a declared service get -d, undeclared services -D (first)', table: 'chapter4.txt', purge: true,
      services: [{ ...chapter4[0]!, realServers: [masq('192.168.200.11', 3), masq('192.168.200.12')] }],
      want: ['-D -t 10.99.0.2:443', '-d -t 10.99.0.1:80 -r 192.168.200.13:80'],
    },
    {
      title: 'purge with nothing declared deletes every service one by one (never -C)', table: 'rich.txt', purge: true, services: [],
      want: [
        '-D -t 10.99.0.1:80', '-D -t 10.99.0.3:443', '-D -t 10.99.0.5:0', '-D -t 10.99.0.6:81', '-D -t 10.99.0.7:80',
        '-D -u 10.99.0.2:53', '-D -u 10.99.0.4:5060', '-D -t [fd99::1]:80', '-D -f 42',
      ],
    },
    {
      title: 'state absent: -D of a present service, nothing for an absent one', table: 'chapter4.txt',
      services: [{ address: '10.99.0.2', port: 443, state: 'absent' }, { address: '10.99.0.3', port: 443, state: 'absent' }],
      want: ['-D -t 10.99.0.2:443'],
    },
    {
      title: 'a real server declared absent is -d', table: 'chapter4.txt',
      services: [{ ...chapter4[0]!, realServers: [masq('192.168.200.11', 3), { address: '192.168.200.13', state: 'absent' }] }],
      want: ['-d -t 10.99.0.1:80 -r 192.168.200.13:80'],
    },
    {
      title: 'forwarding change masq → route is one -e', table: 'chapter4.txt',
      services: [{ ...chapter4[1]!, realServers: [{ address: '192.168.200.11', forwarding: 'route' }] }],
      want: ['-e -t 10.99.0.2:443 -r 192.168.200.11:443 -g -w 1'],
    },
    {
      title: 'the rich recorded table is converged against its own declaration (IPv6, fwmark, tunnel, -b, -M, --pe)', table: 'rich.txt',
      services: [
        { address: '10.99.0.1', port: 80, scheduler: 'rr', realServers: [masq('10.99.1.1'), { address: '10.99.1.2', forwarding: 'route', weight: 3 }, { address: '10.99.1.3', forwarding: 'tunnel', weight: 0 }] },
        { protocol: 'udp', address: '10.99.0.2', port: 53, scheduler: 'wlc', persistent: 300, netmask: '255.255.255.0' },
        { address: '10.99.0.3', port: 443, scheduler: 'sh', persistent: 360, schedFlags: ['sh-fallback', 'sh-port'] },
        { protocol: 'udp', address: '10.99.0.4', port: 5060, scheduler: 'nq', persistent: 60, pe: 'sip' },
        { address: '10.99.0.5', port: 0, scheduler: 'dh', persistent: 10 },
        { address: '10.99.0.6', port: 81, scheduler: 'mh', schedFlags: ['mh-port'] },
        { address: '10.99.0.7', port: 80 },
        { address: 'FD99:0::1', port: 80, scheduler: 'sed', realServers: [{ address: 'fd99::2', forwarding: 'masq' }] },
        { protocol: 'fwmark', fwmark: 42, scheduler: 'lc', realServers: [{ address: '10.99.1.5' }] },
      ],
      purge: true, want: [],
    },
  ];
  cases.push({
    title: 'flags in any order and flag-N aliases, default netmasks: converged with what ipvsadm -Sn printed (flags.txt)', table: 'flags.txt', purge: true,
    services: [
      { address: '10.99.0.8', port: 80, scheduler: 'rr', schedFlags: ['flag-2', 'flag-1', 'flag-2'] },
      { address: '10.99.0.9', port: 80, scheduler: 'sh', schedFlags: ['sh-port', 'flag-1'] },
      { address: '10.99.0.11', port: 80, scheduler: 'rr', persistent: 100, netmask: '255.255.255.255' },
      { address: 'fd99::5', port: 80, scheduler: 'rr', persistent: 100, netmask: '64' },
      { address: 'fd99::6', port: 80, scheduler: 'rr', persistent: 100, netmask: '128' },
    ],
    want: [],
  });
  for (const c of cases) {
    it(c.title, () => {
      expect(edits(live(c.table), c.services, c.purge)).to.deep.equal(c.want);
    });
  }

  it('keepWeights (liveWeights: kept): a live weight a daemon moved stays; a new server gets its declared weight; another setting\'s edit keeps the live weight', () => {
    const moved = live('chapter4.txt');
    moved[0]!.realServers[0]!.weight = 17; // web1 at 17 instead of the declared 3
    const decl = (services: IpvsServiceArgs[]) => declareServices(services, 'present', {});
    const kept = (services: IpvsServiceArgs[]) => reconcile(moved, decl(services), { purge: false, keepWeights: true }).edits.map((e) => e.words.join(' '));
    expect(kept(chapter4), 'converged: the moved weight is no change').to.deep.equal([]);
    expect(reconcile(moved, decl(chapter4), { purge: false }).edits.map((e) => e.words.join(' ')), 'without it: set back to 3').to.deep.equal(['-e -t 10.99.0.1:80 -r 192.168.200.11:80 -m -w 3']);
    expect(kept([{ ...chapter4[0]!, realServers: [...chapter4[0]!.realServers!, masq('192.168.200.14', 2)] }])).to.deep.equal(['-a -t 10.99.0.1:80 -r 192.168.200.14:80 -m -w 2']);
    expect(kept([{ ...chapter4[0]!, realServers: [{ ...masq('192.168.200.11', 3), forwarding: 'route' as const }, masq('192.168.200.12'), masq('192.168.200.13')] }]))
      .to.deep.equal(['-e -t 10.99.0.1:80 -r 192.168.200.11:80 -g -w 17']);
  });

  it('returns the table after the edits, current order kept and new entries appended (for the rules file)', () => {
    const { table } = reconcile(live('chapter4.txt'), declareServices([{ address: '10.99.0.9', port: 80, scheduler: 'rr', realServers: [masq('192.168.200.11')] }, { ...chapter4[0]!, realServers: [masq('192.168.200.11', 3), masq('192.168.200.14')] }], 'present', {}), { purge: false });
    expect(renderLines(table)).to.deep.equal([
      '-A -t 10.99.0.1:80 -s wrr', '-a -t 10.99.0.1:80 -r 192.168.200.11:80 -m -w 3', '-a -t 10.99.0.1:80 -r 192.168.200.12:80 -m -w 1',
      '-a -t 10.99.0.1:80 -r 192.168.200.13:80 -m -w 1', '-a -t 10.99.0.1:80 -r 192.168.200.14:80 -m -w 1',
      '-A -t 10.99.0.2:443 -s rr -p 300', '-a -t 10.99.0.2:443 -r 192.168.200.11:443 -m -w 1',
      '-A -t 10.99.0.9:80 -s rr', '-a -t 10.99.0.9:80 -r 192.168.200.11:80 -m -w 1',
    ]);
  });

  it('refuses a flag of another scheduler (the kernel does: "incompatible scheduler flag") and a mask of the wrong family', () => {
    expect(() => declareServices([{ address: '10.0.0.1', port: 80, scheduler: 'mh', schedFlags: ['sh-port'] }], 'present', {})).to.throw(/schedFlags": flag sh-port is for the sh scheduler, not mh/);
    expect(() => declareServices([{ address: 'fd00::1', port: 80, persistent: 60, netmask: '255.255.0.0' }], 'present', {})).to.throw(/netmask": expects a prefix length/);
    expect(() => declareServices([{ address: '10.0.0.1', port: 80, persistent: 60, netmask: '24' }], 'present', {})).to.throw(/netmask": expects a netmask such as 255.255.255.0/);
  });

  it('module state absent applies to services that set no state', () => {
    expect(edits(live('chapter4.txt'), [{ address: '10.99.0.1', port: 80 }], false, 'absent')).to.deep.equal(['-D -t 10.99.0.1:80']);
  });
});
