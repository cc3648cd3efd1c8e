// IPv4 helpers: parsing, membership, overlap, MAC derived from the address.
import { expect } from 'chai';
import { formatIp, inSubnet, isNetworkOrBroadcast, macFromIp, overlaps, parseInterfaceAddress, parseIp, parseSubnet } from '../../core/ipv4.ts';

describe('core/ipv4', () => {
  it('parses and formats addresses, rejects bad ones', () => {
    expect(formatIp(parseIp('192.168.56.10')!)).to.equal('192.168.56.10');
    for (const bad of ['256.1.1.1', '1.2.3', '1.2.3.4.5', 'a.b.c.d', '']) expect(parseIp(bad), bad).to.equal(null);
  });
  it('parses subnets and refuses host bits', () => {
    expect(parseSubnet('192.168.56.0/24')).to.deep.equal({ network: parseIp('192.168.56.0'), prefix: 24 });
    expect(parseSubnet('192.168.56.1/24')).to.equal(null);
    expect(parseSubnet('192.168.56.0/33')).to.equal(null);
    expect(parseSubnet('192.168.56.0')).to.equal(null);
  });
  it('parses interface addresses (host bits set) and refuses leading zeros', () => {
    expect(parseInterfaceAddress('192.168.56.11/24')).to.deep.equal({ ip: parseIp('192.168.56.11'), subnet: parseSubnet('192.168.56.0/24') });
    for (const bad of ['192.168.56.11', '192.168.56.11/33', '192.168.056.11/24', '1.2.3.4/24/1']) expect(parseInterfaceAddress(bad), bad).to.equal(null);
    expect(parseIp('10.0.0.010')).to.equal(null);
  });
  it('tells membership, network/broadcast addresses and overlap', () => {
    const s = parseSubnet('192.168.200.0/24')!;
    expect(inSubnet(parseIp('192.168.200.11')!, s)).to.equal(true);
    expect(inSubnet(parseIp('192.168.201.11')!, s)).to.equal(false);
    expect(isNetworkOrBroadcast(parseIp('192.168.200.255')!, s)).to.equal(true);
    expect(isNetworkOrBroadcast(parseIp('192.168.200.0')!, s)).to.equal(true);
    expect(overlaps(s, parseSubnet('192.168.0.0/16')!)).to.equal(true);
    expect(overlaps(s, parseSubnet('192.168.56.0/24')!)).to.equal(false);
  });
  it('derives a stable, locally administered MAC from the address', () => {
    expect(macFromIp('192.168.56.11')).to.equal('02:56:c0:a8:38:0b');
    expect(macFromIp('192.168.200.254')).to.equal('02:56:c0:a8:c8:fe');
  });
});
