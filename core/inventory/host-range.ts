// Expands Ansible host ranges: web[1:3] → web1 web2 web3, web[01:10:2] keeps the zero padding, db-[a:c] → db-a db-b db-c.
import { ArgsError, type ErrorLocation } from '../errors.ts';

const RANGE = /\[([^\]]*)\]/;

/** True if `name` contains a `[start:end]` range to expand. */
export function hasHostRange(name: string): boolean {
  const m = RANGE.exec(name);
  return m !== null && m[1].includes(':');
}

/**
 * Every host name `pattern` stands for, in order. Several ranges multiply (`r[1:2]n[a:b]`).
 * A bad range (start after end, letters mixed with digits, a zero step) is an ArgsError at `where`.
 */
export function expandHostRange(pattern: string, where: ErrorLocation = {}): string[] {
  const m = RANGE.exec(pattern);
  if (!m || !m[1].includes(':')) return [pattern];
  const head = pattern.slice(0, m.index);
  const tail = pattern.slice(m.index + m[0].length);
  const items = rangeItems(m[1], pattern, where);
  const out: string[] = [];
  for (const item of items) for (const rest of expandHostRange(tail, where)) out.push(head + item + rest);
  return out;
}

function rangeItems(spec: string, pattern: string, where: ErrorLocation): string[] {
  const bad = (why: string): never => {
    throw new ArgsError(`bad host range "${pattern}": ${why}`, where);
  };
  const parts = spec.split(':');
  if (parts.length > 3) bad('write [start:end] or [start:end:step]');
  const [start, end, stepText] = parts;
  const step = stepText === undefined ? 1 : Number(stepText);
  if (!Number.isInteger(step) || step < 1) bad('the step must be a positive integer');
  if (/^\d+$/.test(start) && /^\d+$/.test(end)) {
    const a = Number(start);
    const b = Number(end);
    if (a > b) bad('the start is after the end');
    const width = start.length > 1 && start.startsWith('0') ? start.length : 0;
    const out: string[] = [];
    for (let i = a; i <= b; i += step) out.push(String(i).padStart(width, '0'));
    return out;
  }
  if (/^[a-zA-Z]$/.test(start) && /^[a-zA-Z]$/.test(end)) {
    const a = start.charCodeAt(0);
    const b = end.charCodeAt(0);
    if (a > b) bad('the start is after the end');
    const out: string[] = [];
    for (let i = a; i <= b; i += step) out.push(String.fromCharCode(i));
    return out;
  }
  return bad('start and end must both be numbers or both single letters');
}
