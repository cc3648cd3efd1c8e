// Draws a lab plan as SVG: one bar per network, the control machine and each host as boxes wired to their networks.
import type { LabPlan } from './plan.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The SVG text of `plan`'s topology (networks, hosts with interface names and addresses, floating addresses). */
export function renderDiagram(plan: LabPlan): string {
  const colW = 190;
  const netY = (k: number) => 200 + k * 230;
  const boxW = 160;
  const boxH = 58;
  const nodes: { label: string; sub: string; links: { net: number; text: string }[]; fill: string }[] = [];
  for (const [k, n] of plan.networks.entries()) {
    if (n.control) nodes.push({ label: 'control machine', sub: 'tsible', links: [{ net: k, text: `${n.controlLink} ${n.control}` }], fill: '#e8f0ff' });
  }
  for (const h of plan.hosts) {
    nodes.push({
      label: h.name, sub: `${h.kind}${h.gateway ? `, gw ${h.gateway}` : ''}`, fill: h.kind === 'vm' ? '#fff1dc' : '#e9f7e9',
      links: h.nics.map((c) => ({ net: plan.networks.findIndex((n) => n.name === c.network), text: `${c.ifname} ${c.address}` })),
    });
  }
  const width = Math.max(nodes.length, 3) * colW + 40;
  const height = netY(plan.networks.length - 1) + 160;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(`tsible lab: ${plan.topology.name}`)}</title>`,
    `<text x="20" y="24" font-size="16" font-weight="bold">${esc(`tsible lab: ${plan.topology.name}`)}</text>`,
  ];
  if (plan.topology.description) out.push(`<text x="20" y="42">${esc(plan.topology.description)}</text>`);
  for (const [k, n] of plan.networks.entries()) {
    const y = netY(k);
    const floats = (plan.topology.floating ?? []).filter((f) => f.network === n.name);
    out.push(`<rect x="20" y="${y - 4}" width="${width - 40}" height="8" fill="#555"/>`);
    out.push(`<text x="24" y="${y + 20}" font-weight="bold">${esc(`${n.name} ${n.subnet}`)}</text>`);
    const extra = [...floats.map((f) => `floating ${f.address}${f.description ? ` (${f.description})` : ''}`), ...(n.aptRelay ? [`apt relay ${n.aptRelay}`] : [])];
    if (extra.length) out.push(`<text x="24" y="${y + 36}" fill="#a33">${esc(extra.join('; '))}</text>`);
  }
  for (const [i, node] of nodes.entries()) {
    const x = 20 + i * colW + (colW - boxW) / 2;
    const ks = node.links.map((l) => l.net);
    const lo = Math.min(...ks);
    const hi = Math.max(...ks);
    const y = lo === hi ? (lo === 0 ? netY(0) - 120 : netY(lo) + 60) : (netY(lo) + netY(hi)) / 2 - boxH / 2;
    const cx = x + boxW / 2;
    for (const [j, l] of node.links.entries()) {
      const ny = netY(l.net);
      const fromY = ny < y ? y : y + boxH;
      out.push(`<line x1="${cx}" y1="${fromY}" x2="${cx}" y2="${ny}" stroke="#333" stroke-width="2"/>`);
      out.push(`<text x="${cx + 4}" y="${(fromY + ny) / 2 + (j ? 12 : 0)}">${esc(l.text)}</text>`);
    }
    out.push(`<rect x="${x}" y="${y}" width="${boxW}" height="${boxH}" rx="6" fill="${node.fill}" stroke="#333"/>`);
    out.push(`<text x="${cx}" y="${y + 24}" text-anchor="middle" font-weight="bold">${esc(node.label)}</text>`);
    out.push(`<text x="${cx}" y="${y + 42}" text-anchor="middle">${esc(node.sub)}</text>`);
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
