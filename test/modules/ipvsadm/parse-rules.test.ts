// Tests the ipvsadm -Sn / rules-file parser over real output recorded on the lab's lb2 (see the .cmd files).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parseRules } from '../../../modules/ipvsadm/parse-rules.ts';
import { renderLines } from '../../../modules/ipvsadm/render-rules.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/modules/ipvsadm/${name}`, import.meta.url), 'utf8');

describe('modules/ipvsadm/parse-rules', () => {
  it('reads an empty table (real ipvsadm -Sn on a fresh balancer)', () => {
    expect(parseRules(fixture('empty.txt'), true)).to.deep.equal({ table: [], unreadable: [] });
  });

  it('reads every kind of service and server ipvsadm 1.31 prints (rich.txt)', () => {
    const { table } = parseRules(fixture('rich.txt'), true);
    expect(table).to.have.length(9);
    const [http] = table;
    expect(http).to.include({ protocol: 'tcp', address: '10.99.0.1', port: 80, scheduler: 'rr', ops: false });
    expect(http!.persistent).to.equal(undefined);
    expect(http!.realServers).to.deep.equal([
      { address: '10.99.1.1', port: 80, forwarding: 'masq', weight: 1, extra: [] },
      // recorded as -r 10.99.1.2:8080 -g: direct routing keeps the service's port
      { address: '10.99.1.2', port: 80, forwarding: 'route', weight: 3, extra: [] },
      { address: '10.99.1.3', port: 80, forwarding: 'tunnel', weight: 0, extra: ['--tun-type', 'ipip'] },
    ]);
    const find = (addr: string) => table.find((s) => s.address === addr)!;
    expect(find('10.99.0.3')).to.include({ scheduler: 'sh', persistent: 360 }); // -p without a timeout
    expect(find('10.99.0.3').schedFlags).to.deep.equal(['sh-fallback', 'sh-port']);
    expect(find('10.99.0.2')).to.include({ protocol: 'udp', port: 53, scheduler: 'wlc', persistent: 300, netmask: '255.255.255.0' });
    expect(find('10.99.0.4')).to.include({ protocol: 'udp', scheduler: 'nq', persistent: 60, pe: 'sip' });
    expect(find('10.99.0.5')).to.include({ port: 0, scheduler: 'dh', persistent: 10 });
    expect(find('10.99.0.7')).to.include({ scheduler: 'wlc' }); // -A without -s: the kernel default
    expect(find('fd99::1')).to.include({ protocol: 'tcp', port: 80, scheduler: 'sed' });
    expect(find('fd99::1').realServers).to.deep.equal([{ address: 'fd99::2', port: 80, forwarding: 'masq', weight: 1, extra: [] }]);
    const fwm = table.find((s) => s.protocol === 'fwmark')!;
    expect(fwm).to.include({ fwmark: 42, scheduler: 'lc', address: '', port: 0 });
    expect(fwm.realServers).to.deep.equal([{ address: '10.99.1.5', port: 0, forwarding: 'route', weight: 1, extra: [] }]);
  });

  it('renders back exactly what ipvsadm -Sn printed (round trip of every recorded line)', () => {
    for (const name of ['rich.txt', 'chapter4.txt']) {
      const text = fixture(name);
      expect(renderLines(parseRules(text, true).table).join('\n') + '\n', name).to.equal(text);
    }
  });

  it('reads Debian\'s packaged rules file (only a comment) as an empty table', () => {
    expect(parseRules(fixture('debian-ipvsadm.rules'))).to.deep.equal({ table: [], unreadable: [] });
  });

  it('tolerates long options, a leading "ipvsadm" word (the tutorial\'s mistake) and blank lines in a rules file', () => {
    const { table, unreadable } = parseRules('\nipvsadm -A -t 192.168.56.10:80 -s rr\n--add-server --tcp-service 192.168.56.10:80 --real-server 192.168.200.11:80 --masquerading --weight 2\n');
    expect(unreadable).to.deep.equal([]);
    expect(renderLines(table)).to.deep.equal(['-A -t 192.168.56.10:80 -s rr', '-a -t 192.168.56.10:80 -r 192.168.200.11:80 -m -w 2']);
  });

  it('reports unreadable rules-file lines with their number and reason, and keeps the rest', () => {
    const { table, unreadable } = parseRules('-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.9:80 -r 10.0.0.2 -m\n-X nonsense\n-A -t host.example:80\n');
    expect(table).to.have.length(1);
    expect(unreadable.map((u) => u.line)).to.deep.equal([2, 3, 4]);
    expect(unreadable[0]!.reason).to.match(/not added \(-A\) before/);
    expect(unreadable[1]!.reason).to.match(/expected -A or -a/);
    expect(unreadable[2]!.reason).to.match(/numeric ADDRESS:PORT/);
  });

  it('is strict for ipvsadm -Sn output: an unknown option is an error naming the line', () => {
    expect(() => parseRules('-A -t 10.0.0.1:80 -s rr --frobnicate\n', true)).to.throw(/line 1 .*unknown service option "--frobnicate"/);
    expect(() => parseRules('-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 1 -z\n', true)).to.throw(/line 2 .*unknown real server option "-z"/);
  });

  it('keeps thresholds and tunnel options verbatim when a file has them', () => {
    const { table } = parseRules('-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.0.2:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-nocsum -x 100 -y 50\n');
    expect(table[0]!.realServers[0]!.extra).to.deep.equal(['--tun-type', 'gue', '--tun-port', '6080', '--tun-nocsum', '-x', '100', '-y', '50']);
    expect(renderLines(table)[1]).to.equal('-a -t 10.0.0.1:80 -r 10.0.0.2:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-nocsum -x 100 -y 50');
  });
});
