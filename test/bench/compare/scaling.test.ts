// bench/compare's growth report and address scheme: goals judged per host count, the memory slope from each tool's own valid counts, and 1,000 distinct loopback addresses beyond one /24.
import { expect } from 'chai';
import { benchAddress } from '../../../bench/compare/hosts.ts';
import { goalsTable, scalingTable, type ScaleRow } from '../../../bench/compare/scaling.ts';

const row = (hosts: number, tool: string, kind: 'first' | 'converged', wallMs: number, maxRssMb: number, valid = 1): ScaleRow => ({ hosts, set: 'pyinfra', kind, tool, wallMs, cpuS: wallMs / 2000, maxRssMb, pssMb: maxRssMb / 2, valid });

describe('bench/compare growth report', () => {
  it('addresses: 250 per /24 from 127.0.7.1, 1,000 distinct hosts on 127.0.7-10.x', () => {
    const all = Array.from({ length: 1000 }, (_, i) => benchAddress(i));
    expect(new Set(all).size).to.equal(1000);
    expect([all[0], all[249], all[250], all[999]]).to.deep.equal(['127.0.7.1', '127.0.7.250', '127.0.8.1', '127.0.10.250']);
    expect(all.every((a) => /^127\.0\.(7|8|9|10)\.([1-9]|[1-9]\d|1\d\d|2[0-4]\d|250)$/.test(a))).to.equal(true);
  });

  it('goals: tsible ÷ floor against 1.15 (1.10 at 1,000), memory against 150 / 300 MB, Ansible ÷ tsible at 20 hosts', () => {
    const rows = [
      row(20, 'tsible', 'first', 1100, 80), row(20, 'floor', 'first', 1000, 60), row(20, 'ansible', 'first', 20000, 50), row(20, 'mitogen', 'first', 15000, 80),
      row(1000, 'tsible', 'first', 1120, 310), row(1000, 'floor', 'first', 1000, 120),
    ];
    const text = goalsTable(rows, ['pyinfra']);
    expect(text).to.include('| 20 | pyinfra | first | 1.10 (≤ 1.15): met | 84 MB | 13.6: **missed** |'); // the faster Ansible (mitogen) counts
    expect(text).to.include('| 1000 | pyinfra | first | 1.12 (≤ 1.10): **missed** | 325 MB (≤ 300): **missed** | — |');
  });

  it('growth: the memory slope runs from each tool\'s smallest to largest valid count; an invalid run shows as —', () => {
    const rows = [row(20, 'tsible', 'first', 3000, 80), row(150, 'tsible', 'first', 14000, 106), row(1000, 'tsible', 'first', 17000, 100, 0), row(20, 'floor', 'first', 1500, 60), row(1000, 'floor', 'first', 60000, 125)];
    const text = scalingTable(rows, ['pyinfra']);
    expect(text).to.include('| 1000 | — | — | — | 60.00 | 30.0 | 125 | — | — |');
    expect(text).to.include('tsible 205 KiB (20 → 150 hosts), floor 68 KiB (20 → 1000 hosts)');
  });
});
