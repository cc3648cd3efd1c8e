// The topology diagram: well-formed SVG naming networks, hosts, interfaces, addresses and floating addresses.
import { expect } from 'chai';
import { renderDiagram } from '../../lab/diagram.ts';
import { planLab } from '../../lab/plan.ts';
import { BUILTIN_TOPOLOGIES } from '../../lab/topology/builtin.ts';

describe('lab/diagram', () => {
  it('draws chapter4 with both VIPs, every host and NIC', () => {
    const svg = renderDiagram(planLab(BUILTIN_TOPOLOGIES.chapter4, { hasIpvs: false }));
    expect(svg).to.match(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.trim().endsWith('</svg>')).to.equal(true);
    for (const s of ['hostonly 192.168.56.0/24', 'internal 192.168.200.0/24', 'floating 192.168.56.10', 'floating 192.168.200.250',
      'control machine', 'tslc0 192.168.56.1', 'lb1', 'enp0s8 192.168.200.252', 'web3', 'enp0s3 192.168.200.13', 'gw 192.168.200.250']) {
      expect(svg, s).to.include(s);
    }
    expect((svg.match(/<rect /g) ?? []).length).to.equal(2 + 6); // 2 network bars, control machine + 5 hosts
  });
  it('escapes text', () => {
    const t = structuredClone(BUILTIN_TOPOLOGIES.chapter1);
    t.description = '<b> & "x"';
    expect(renderDiagram(planLab(t, { hasIpvs: true }))).to.include('&lt;b&gt; &amp; &quot;x&quot;');
  });
});
