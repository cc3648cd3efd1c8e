// The topology diagram: well-formed SVG naming networks, hosts, interfaces, addresses and floating addresses.
import { expect } from 'chai';
import { renderDiagram, textWidth } from '../../lab/diagram.ts';
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
  it('keeps every text inside the picture and every box label inside its box (chapter4: web3\'s address was clipped, labels overflowed)', () => {
    const svg = renderDiagram(planLab(BUILTIN_TOPOLOGIES.chapter4, { hasIpvs: false }));
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    for (const m of svg.matchAll(/<text x="([\d.]+)"([^>]*)>([^<]*)<\/text>/g)) {
      const x = Number(m[1]);
      const w = textWidth(m[3]!.replace(/&[a-z]+;/g, '_'));
      const right = m[2]!.includes('text-anchor="middle"') ? x + w / 2 : x + w;
      expect(right, `"${m[3]}" ends at ${right}, picture is ${width} wide`).to.be.at.most(width);
    }
    const boxW = Number(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="58"/.exec(svg)![1]);
    expect(boxW).to.be.at.least(textWidth('container, gw 192.168.200.250') + 10);
  });
  it('draws the live state: who holds each floating address (split brain said so), which web servers are down', () => {
    const svg = renderDiagram(planLab(BUILTIN_TOPOLOGIES.chapter4, { hasIpvs: false }), { holders: { '192.168.56.10': ['lb2'], '192.168.200.250': ['lb1', 'lb2'] }, down: ['web2'], at: '2026-12-01T01:00:00Z' });
    expect(svg).to.include('floating 192.168.56.10').and.include('→ lb2');
    expect(svg).to.include('→ lb1 + lb2 (SPLIT BRAIN)');
    expect(svg).to.include('>web2 (DOWN)<').and.include('holds 192.168.56.10, 192.168.200.250').and.include('live state at 2026-12-01T01:00:00Z');
  });
});
