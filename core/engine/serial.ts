// Rolling batches for `serial`: a count, a percentage, or a list of them (the last size repeats).
import { ArgsError } from '../errors.ts';

/** Splits `hosts` into batches per `serial` (undefined: one batch of all hosts). */
export function serialBatches<T>(hosts: T[], serial: number | string | (number | string)[] | undefined): T[][] {
  if (serial === undefined) return [hosts];
  const sizes = [serial].flat().map((s) => batchSize(s, hosts.length));
  const batches: T[][] = [];
  let i = 0;
  let k = 0;
  while (i < hosts.length) {
    const size = sizes[Math.min(k++, sizes.length - 1)];
    batches.push(hosts.slice(i, i + size));
    i += size;
  }
  return batches;
}

function batchSize(s: number | string, total: number): number {
  if (typeof s === 'number' && Number.isInteger(s) && s > 0) return s;
  if (typeof s === 'number' && s === 0) return total;
  const m = typeof s === 'string' ? /^(\d+(?:\.\d+)?)%$/.exec(s.trim()) : null;
  if (m) return Math.max(1, Math.floor((total * Number(m[1])) / 100));
  if (typeof s === 'string' && /^\d+$/.test(s.trim())) return Math.max(1, Number(s));
  throw new ArgsError(`serial must be a positive count or a percentage such as '30%', got ${JSON.stringify(s)}`, { field: 'serial' });
}
