// Plain YAML scalars resolved as PyYAML resolves YAML 1.1 (what Ansible reads): its booleans, ints, floats, nulls and timestamps, no more.
import type { ScalarTag } from 'yaml';

/** The core tags whose plain-scalar rules PyYAML's differ from: replaced by PYYAML_SCALARS. */
export const REPLACED_TAGS = ['bool', 'int', 'float', 'null', 'timestamp'].map((t) => `tag:yaml.org,2002:${t}`);

const num = (text: string): string => text.replace(/_/g, '');

/** Base-60 numbers (`190:20:30`), as YAML 1.1 has them. */
function sexagesimal(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const parts = num(text.replace(/^[-+]/, '')).split(':').map(Number);
  return sign * parts.reduce((total, part) => total * 60 + part, 0);
}

function intValue(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const t = num(text.replace(/^[-+]/, ''));
  if (t.includes(':')) return sexagesimal(text);
  if (/^0b/.test(t)) return sign * parseInt(t.slice(2), 2);
  if (/^0x/.test(t)) return sign * parseInt(t.slice(2), 16);
  if (/^0[0-7]+$/.test(t)) return sign * parseInt(t, 8);
  return sign * Number(t);
}

function floatValue(text: string): number {
  const t = num(text);
  if (/\.(inf|Inf|INF)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(t)) return NaN;
  if (t.includes(':')) {
    const sign = t.startsWith('-') ? -1 : 1;
    const parts = t.replace(/^[-+]/, '').split(':');
    return sign * parts.reduce((total, part) => total * 60 + Number(part), 0);
  }
  return Number(t);
}

const TIMESTAMP =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?$/;

/**
 * A YAML 1.1 timestamp as the text Ansible prints for it (Python's `isoformat()` of the date or
 * datetime PyYAML builds): `2024-01-01` stays "2024-01-01", `2001-12-14 21:59:43.10 -5` becomes
 * "2001-12-14T21:59:43.100000-05:00". A string, never a JavaScript Date.
 */
export function timestampText(text: string): string {
  const m = TIMESTAMP.exec(text)!;
  const two = (s: string | undefined): string => (s ?? '0').padStart(2, '0');
  const date = `${m[1]}-${two(m[2])}-${two(m[3])}`;
  if (m[4] === undefined) return date;
  let out = `${date}T${two(m[4])}:${m[5]}:${m[6]}`;
  const fraction = (m[7] ?? '').slice(0, 6);
  if (fraction !== '' && Number(fraction) !== 0) out += `.${fraction.padEnd(6, '0')}`;
  if (m[8] === 'Z') out += '+00:00';
  else if (m[8]) out += `${m[9]}${two(m[10])}:${m[11] ?? '00'}`;
  return out;
}

/** PyYAML's implicit resolvers (yaml/resolver.py), in its order of precedence for plain scalars. */
export const PYYAML_SCALARS: ScalarTag[] = [
  {
    tag: 'tag:yaml.org,2002:bool', default: true,
    test: /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/, resolve: () => true,
    identify: (v: unknown) => v === true,
  },
  {
    tag: 'tag:yaml.org,2002:bool', default: true,
    test: /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/, resolve: () => false,
    identify: (v: unknown) => v === false,
  },
  {
    tag: 'tag:yaml.org,2002:float', default: true,
    test: /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
    resolve: floatValue,
    identify: (v: unknown) => typeof v === 'number' && !Number.isInteger(v),
  },
  {
    tag: 'tag:yaml.org,2002:int', default: true,
    test: /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
    resolve: intValue,
    identify: (v: unknown) => typeof v === 'number' && Number.isInteger(v),
  },
  {
    tag: 'tag:yaml.org,2002:null', default: true,
    test: /^(?:~|null|Null|NULL|)$/, resolve: () => null,
    identify: (v: unknown) => v === null || v === undefined,
  },
  {
    tag: 'tag:yaml.org,2002:timestamp', default: true,
    test: /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/,
    resolve: timestampText,
  },
] as ScalarTag[];
