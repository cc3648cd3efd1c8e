// The drill as a picture: answers per second over time, stacked by real server, failures in red, the fault and the restore marked.
import type { DrillReport } from './report.ts';
import type { Sample } from './stream.ts';

const PALETTE = ['#4e79a7', '#59a14f', '#f28e2b', '#76b7b2', '#b07aa1', '#edc948', '#9c755f', '#bab0ac'];
const FAILED = '#e15759';

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]!));
}

/** Samples per whole second of send time: answers per server and failures. */
export function perSecond(samples: Sample[], durationS: number): { ok: Record<string, number>; failed: number }[] {
  const bins = Array.from({ length: Math.max(1, Math.ceil(durationS)) }, () => ({ ok: {} as Record<string, number>, failed: 0 }));
  for (const s of samples) {
    const b = bins[Math.min(bins.length - 1, Math.floor(s.t / 1000))]!;
    if (s.ok) b.ok[s.server ?? 'unknown'] = (b.ok[s.server ?? 'unknown'] ?? 0) + 1;
    else b.failed++;
  }
  return bins;
}

/** A standalone SVG of the drill (needs the report's samples). */
export function renderSvg(r: DrillReport & { samples: Sample[] }): string {
  const bins = perSecond(r.samples, r.durationS);
  const serverNames = [...new Set(r.samples.filter((s) => s.ok).map((s) => s.server ?? 'unknown'))].sort();
  const color = (name: string) => PALETTE[serverNames.indexOf(name) % PALETTE.length]!;
  const maxY = Math.max(1, Math.ceil(r.rate), ...bins.map((b) => b.failed + Object.values(b.ok).reduce((a, n) => a + n, 0)));
  const left = 50, top = 40, plotW = Math.max(400, bins.length * 12), plotH = 220, legendW = 170;
  const width = left + plotW + 20 + legendW, height = top + plotH + 60;
  const x = (sec: number) => left + (sec / bins.length) * plotW;
  const y = (n: number) => top + plotH - (n / maxY) * plotH;
  const barW = Math.max(1, plotW / bins.length - 1);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`);
  out.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  out.push(`<text x="${left}" y="18" font-size="13" font-weight="bold">${esc(`Drill: ${r.fault} (${r.target})`)}</text>`);
  out.push(`<text x="${left}" y="32">${esc(`${r.url}, ${r.rate} req/s; ${r.failed}/${r.sent} failed (${r.failedPercent}%), longest gap ${r.longestGapS.toFixed(2)} s`)}</text>`);
  for (let n = 0; n <= maxY; n += Math.max(1, Math.ceil(maxY / 5))) {
    out.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(n)}" y2="${y(n)}" stroke="#ddd"/>`);
    out.push(`<text x="${left - 6}" y="${y(n) + 4}" text-anchor="end">${n}</text>`);
  }
  const tick = bins.length > 120 ? 20 : bins.length > 40 ? 10 : 5;
  for (let s = 0; s <= bins.length; s += tick) out.push(`<text x="${x(s)}" y="${top + plotH + 16}" text-anchor="middle">${s}</text>`);
  out.push(`<text x="${left + plotW / 2}" y="${top + plotH + 32}" text-anchor="middle">seconds (by send time); bars: requests per second</text>`);
  bins.forEach((b, i) => {
    let base = 0;
    for (const name of serverNames) {
      const n = b.ok[name] ?? 0;
      if (!n) continue;
      out.push(`<rect x="${x(i).toFixed(1)}" y="${y(base + n).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(base) - y(base + n)).toFixed(1)}" fill="${color(name)}"><title>${esc(`${i}-${i + 1} s: ${name} ${n}`)}</title></rect>`);
      base += n;
    }
    if (b.failed) out.push(`<rect x="${x(i).toFixed(1)}" y="${y(base + b.failed).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(base) - y(base + b.failed)).toFixed(1)}" fill="${FAILED}"><title>${esc(`${i}-${i + 1} s: ${b.failed} failed`)}</title></rect>`);
  });
  out.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#333"/><line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="#333"/>`);
  for (const e of r.events) {
    const ex = x(e.t / 1000).toFixed(1);
    const dash = e.kind === 'fault' || e.kind === 'restore' ? '' : ' stroke-dasharray="4 3"';
    const c = e.kind.startsWith('fault') ? '#000' : '#2a7';
    out.push(`<line x1="${ex}" x2="${ex}" y1="${top - 4}" y2="${top + plotH}" stroke="${c}" stroke-width="1.5"${dash}><title>${esc(`${e.kind} at ${(e.t / 1000).toFixed(1)} s: ${e.what}`)}</title></line>`);
    if (e.kind === 'fault' || e.kind === 'restore') out.push(`<text x="${Number(ex) + 3}" y="${top + 8}" fill="${c}">${e.kind}</text>`);
  }
  const lx = left + plotW + 20;
  [...serverNames.map((n) => [n, color(n)] as const), ['failed', FAILED] as const].forEach(([name, c], i) => {
    out.push(`<rect x="${lx}" y="${top + i * 18}" width="12" height="12" fill="${c}"/><text x="${lx + 18}" y="${top + i * 18 + 10}">${esc(name)}</text>`);
  });
  const ly = top + (serverNames.length + 1) * 18 + 8;
  out.push(`<line x1="${lx}" x2="${lx + 12}" y1="${ly}" y2="${ly}" stroke="#000" stroke-width="1.5"/><text x="${lx + 18}" y="${ly + 4}">fault (dashed: done)</text>`);
  out.push(`<line x1="${lx}" x2="${lx + 12}" y1="${ly + 18}" y2="${ly + 18}" stroke="#2a7" stroke-width="1.5"/><text x="${lx + 18}" y="${ly + 22}">restore (dashed: done)</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
