// Draws a lab plan as SVG: one bar per network, the control machine and each host as boxes wired to their networks.
import type { LabPlan } from './plan.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What the live service adds to the drawing (tsible lab diagram --live). */
export interface LiveOverlay {
  /** Floating address → the hosts holding it now. */
  holders: Record<string, string[]>;
  /** Hosts whose web server the health checker took out of the table. */
  down: string[];
  /** When it was read. */
  at: string;
}

/** Width of `text` at 12 px sans-serif, generously (SVG has no text measuring without a renderer). */
export function textWidth(text: string, px = 12): number {
  return Math.ceil(text.length * px * 0.62);
}

/** The SVG text of `plan`'s topology (networks, hosts with interface names and addresses, floating addresses), with `live` state if given. */
export function renderDiagram(plan: LabPlan, live?: LiveOverlay): string {
  const netY = (k: number) => 200 + k * 230;
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
  // Boxes wide enough for every label, columns wide enough for a box and its wire labels, the picture for the last ones.
  const boxW = Math.max(160, ...nodes.flatMap((n) => [textWidth(n.label) + 20, textWidth(n.sub) + 20]));
  const linkW = Math.max(0, ...nodes.flatMap((n) => n.links.map((l) => textWidth(l.text) + 8)));
  const colW = Math.max(190, boxW + 30, Math.ceil(boxW / 2 + linkW + 10));
  const floatText = (n: string) => (plan.topology.floating ?? []).filter((f) => f.network === n).map((f) => {
    const who = live?.holders[f.address];
    return `floating ${f.address}${f.description ? ` (${f.description})` : ''}${who ? ` → ${who.length ? who.join(' + ') : 'nobody'}${who.length > 1 ? ' (SPLIT BRAIN)' : ''}` : ''}`;
  });
  const lastLinks = 20 + (nodes.length - 1) * colW + colW / 2 + linkW + 20;
  const width = Math.max(Math.max(nodes.length, 3) * colW + 40, lastLinks, ...plan.networks.map((n) => textWidth(floatText(n.name).join('; ')) + 60));
  const height = netY(plan.networks.length - 1) + 160;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(`tsible lab: ${plan.topology.name}`)}</title>`,
    `<text x="20" y="24" font-size="16" font-weight="bold">${esc(`tsible lab: ${plan.topology.name}`)}</text>`,
  ];
  if (plan.topology.description) out.push(`<text x="20" y="42">${esc(plan.topology.description)}</text>`);
  if (live) out.push(`<text x="20" y="60" fill="#a33">${esc(`live state at ${live.at}: thick red border = holds a floating address; red box = taken out by the health checker`)}</text>`);
  for (const [k, n] of plan.networks.entries()) {
    const y = netY(k);
    out.push(`<rect x="20" y="${y - 4}" width="${width - 40}" height="8" fill="#555"/>`);
    out.push(`<text x="24" y="${y + 20}" font-weight="bold">${esc(`${n.name} ${n.subnet}`)}</text>`);
    const extra = [...floatText(n.name), ...(n.aptRelay ? [`apt relay ${n.aptRelay}`] : [])];
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
    const isDown = live?.down.includes(node.label);
    const holds = live ? Object.entries(live.holders).filter(([, who]) => who.includes(node.label)).map(([a]) => a) : [];
    out.push(`<rect x="${x}" y="${y}" width="${boxW}" height="${boxH}" rx="6" fill="${isDown ? '#f8d0d0' : node.fill}" stroke="${isDown ? '#c00' : holds.length ? '#a33' : '#333'}" stroke-width="${isDown || holds.length ? 3 : 1}"/>`);
    out.push(`<text x="${cx}" y="${y + 24}" text-anchor="middle" font-weight="bold">${esc(node.label + (isDown ? ' (DOWN)' : ''))}</text>`);
    out.push(`<text x="${cx}" y="${y + 42}" text-anchor="middle">${esc(node.sub)}</text>`);
    if (holds.length) out.push(`<text x="${cx}" y="${y + boxH + 14}" text-anchor="middle" fill="#a33">${esc(`holds ${holds.join(', ')}`)}</text>`);
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
