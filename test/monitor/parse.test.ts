// Tests the monitor's parsers and its text view on ipvsadm's own output formats.
import { expect } from 'chai';
import { addressesOf, checkedReals, ipvsNumber, parseLiveTable } from '../../monitor/parse.ts';
import { renderService } from '../../monitor/status.ts';

const PLAIN = `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
TCP  192.168.56.10:80 wrr persistent 300
  -> 192.168.200.11:80            Masq    3      1          5
  -> 192.168.200.13:80            Masq    1      0          2
`;
const STATS = `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes
  -> RemoteAddress:Port
TCP  192.168.56.10:80                   10       60       40     3960     5680
  -> 192.168.200.11:80                   6       36       24     2376     3408
  -> 192.168.200.13:80                  12K      24       16     1584     2272
`;
const RATE = `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS
  -> RemoteAddress:Port
TCP  192.168.56.10:80                   20      100       80     6600     9400
  -> 192.168.200.11:80                  12       60       48     3960     5640
  -> 192.168.200.13:80                   8       40       32     2640     3760
`;

describe('monitor/parse', () => {
  it('merges ipvsadm -Ln, --stats and --rate per real server', () => {
    const [svc] = parseLiveTable(PLAIN, STATS, RATE);
    expect(svc).to.deep.include({ service: 'TCP 192.168.56.10:80', scheduler: 'wrr', persistent: 300 });
    expect(svc!.reals).to.deep.equal([
      { address: '192.168.200.11:80', forward: 'Masq', weight: 3, activeConn: 1, inactConn: 5, conns: 6, cps: 12, inBps: 3960, outBps: 5640 },
      { address: '192.168.200.13:80', forward: 'Masq', weight: 1, activeConn: 0, inactConn: 2, conns: 12000, cps: 8, inBps: 2640, outBps: 3760 },
    ]);
  });
  it('reads K/M/G numbers, ldirectord.cf real servers and ip -o addr', () => {
    expect([ipvsNumber('7'), ipvsNumber('1.5K'), ipvsNumber('2M'), ipvsNumber(undefined)]).to.deep.equal([7, 1500, 2_000_000, 0]);
    expect(checkedReals('checkinterval=1\nvirtual=192.168.56.10:80\n\treal=192.168.200.11:80 masq 3\n\treal=192.168.200.12:80 masq 1\n')).to.deep.equal(['192.168.200.11:80', '192.168.200.12:80']);
    expect(addressesOf('1: lo    inet 127.0.0.1/8 scope host lo\n2: enp0s3    inet 192.168.56.11/24 brd 192.168.56.255 scope global enp0s3\n2: enp0s3    inet 192.168.56.10/24 scope global secondary enp0s3\n'))
      .to.deep.equal([{ iface: 'lo', address: '127.0.0.1' }, { iface: 'enp0s3', address: '192.168.56.11' }, { iface: 'enp0s3', address: '192.168.56.10' }]);
  });
  it('shows who holds each address (split brain, nobody), the table, and a server ldirectord took out as DOWN', () => {
    const text = renderService({
      at: '2026-12-01T00:00:00Z',
      floating: { '192.168.56.10': ['lb1'], '192.168.200.250': ['lb1', 'lb2'], '10.0.0.1': [] },
      nodes: [
        { host: 'lb1', reachable: true, addresses: [], services: parseLiveTable(PLAIN, STATS, RATE), units: { heartbeat: 'active', ldirectord: 'inactive' },
          health: ['192.168.200.11:80', '192.168.200.12:80', '192.168.200.13:80'].map((real) => ({ real, healthy: real !== '192.168.200.12:80' })) },
        { host: 'lb2', reachable: false, error: 'connect timeout', addresses: [], services: [], health: [], units: {} },
      ],
    });
    expect(text).to.match(/^ {2}192\.168\.56\.10 +lb1$/m);
    expect(text).to.match(/^ {2}192\.168\.200\.250 +lb1 and lb2 \(SPLIT BRAIN\)$/m);
    expect(text).to.match(/^ {2}10\.0\.0\.1 +NOBODY \(down\)$/m);
    expect(text).to.match(/^ {4}192\.168\.200\.11:80 +3 +1 +5 +6 +12 +4\.0K +5\.6K {2}up$/m);
    expect(text).to.match(/^ {4}192\.168\.200\.12:80 .*DOWN \(taken out by ldirectord\)$/m);
    expect(text).to.include('lb2: UNREACHABLE (connect timeout)');
  });
});
