// Edits /etc/default/ipvsadm (AUTO, DAEMON, IFACE, SYNCID) in place, keeping its comments and other lines.
import { ArgsError, type ErrorLocation } from '../../core/errors.ts';

/** Settings of Debian's /etc/default/ipvsadm, read by /etc/init.d/ipvsadm. */
export interface IpvsadmDefaults {
  /** AUTO: load the rules file when the init script starts (true) or not (false). */
  auto?: boolean;
  /** DAEMON: connection-sync daemon: none (single balancer), master, backup, or both. */
  daemon?: 'none' | 'master' | 'backup' | 'both';
  /** IFACE: interface of the sync daemon's multicast, e.g. enp0s3. */
  iface?: string;
  /** SYNCID: sync daemon id (0 = no filtering). */
  syncid?: number;
}

const FIELDS = ['auto', 'daemon', 'iface', 'syncid'] as const;

/** Checks the `defaults` argument; throws ArgsError naming `defaults.FIELD`. */
export function checkDefaults(raw: unknown, where: ErrorLocation): IpvsadmDefaults {
  const fail = (field: string, msg: string): never => {
    throw new ArgsError(msg, { ...where, field: `defaults${field ? '.' + field : ''}` });
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail('', 'expects an object { auto, daemon, iface, syncid }');
  const o = raw as Record<string, unknown>;
  const out: IpvsadmDefaults = {};
  for (const k of Object.keys(o)) if (!(FIELDS as readonly string[]).includes(k)) fail(k, `unknown setting; known: ${FIELDS.join(', ')}`);
  if (o.auto !== undefined) out.auto = typeof o.auto === 'boolean' ? o.auto : o.auto === 'true' ? true : o.auto === 'false' ? false : fail('auto', 'expects a boolean');
  if (o.daemon !== undefined) {
    if (!['none', 'master', 'backup', 'both'].includes(String(o.daemon))) fail('daemon', 'expects none, master, backup or both');
    out.daemon = o.daemon as IpvsadmDefaults['daemon'];
  }
  if (o.iface !== undefined) {
    // The file is sourced by a shell: only plain interface names.
    if (typeof o.iface !== 'string' || !/^[A-Za-z0-9_.:@-]{1,15}$/.test(o.iface)) fail('iface', 'expects an interface name such as enp0s3');
    out.iface = o.iface as string;
  }
  if (o.syncid !== undefined) {
    const n = typeof o.syncid === 'number' ? o.syncid : /^\d+$/.test(String(o.syncid)) ? Number(o.syncid) : NaN;
    if (!Number.isInteger(n) || n < 0 || n > 255) fail('syncid', 'expects an integer 0 to 255');
    out.syncid = n;
  }
  return out;
}

/** The KEY="value" pairs the settings ask for. */
function wantedPairs(d: IpvsadmDefaults): [string, string][] {
  const pairs: [string, string][] = [];
  if (d.auto !== undefined) pairs.push(['AUTO', String(d.auto)]);
  if (d.daemon !== undefined) pairs.push(['DAEMON', d.daemon]);
  if (d.iface !== undefined) pairs.push(['IFACE', d.iface]);
  if (d.syncid !== undefined) pairs.push(['SYNCID', String(d.syncid)]);
  return pairs;
}

/** The value of a setting's active line (`KEY="value"`, `KEY='value'` or `KEY=value`) in the file's text, if any. */
export function defaultsSetting(text: string, key: string): string | undefined {
  const m = new RegExp(`^\\s*${key}=(.*)$`, 'm').exec(text);
  return m ? unquote(m[1]!) : undefined;
}

function unquote(raw: string): string {
  return raw.trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
}

/**
 * The file with each setting's active line (`KEY="value"`) set; a line already holding the value is left
 * byte for byte; a missing key is appended. `before` undefined = the file does not exist yet.
 */
export function setDefaults(before: string | undefined, d: IpvsadmDefaults): string {
  const lines = before === undefined || before === '' ? [] : before.replace(/\n$/, '').split('\n');
  for (const [key, value] of wantedPairs(d)) {
    const re = new RegExp(`^\\s*${key}=(.*)$`);
    const i = lines.findIndex((l) => re.test(l));
    if (i < 0) {
      lines.push(`${key}="${value}"`);
      continue;
    }
    const current = unquote(re.exec(lines[i]!)![1]!);
    if (current !== value) lines[i] = `${key}="${value}"`;
  }
  return lines.join('\n') + '\n';
}
