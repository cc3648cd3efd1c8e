// Splits an inventory host word into name and port: web1:2222, [fd00::1]:22; a bare IPv6 address has no port.
import { ArgsError, type ErrorLocation } from '../errors.ts';

/** The host name and, if written, its port (`ansible_port`). Host ranges in brackets are left alone. */
export function splitHostPort(word: string, where: ErrorLocation = {}): { name: string; port?: number } {
  const v6 = /^\[([^\]]*:[^\]]*:[^\]]*)\](?::(.*))?$/.exec(word);
  if (v6) return v6[2] === undefined ? { name: v6[1] } : { name: v6[1], port: parsePort(v6[2], word, where) };
  if (/\[[^\]]*$/.test(word)) throw new ArgsError(`bad host range in "${word}": "[" is not closed (write name[start:end])`, where);
  const masked = word.replace(/\[[^\]]*\]/g, (m) => 'x'.repeat(m.length));
  const colons = masked.split(':').length - 1;
  if (colons !== 1) return { name: word };
  const at = masked.indexOf(':');
  return { name: word.slice(0, at), port: parsePort(word.slice(at + 1), word, where) };
}

function parsePort(text: string, word: string, where: ErrorLocation): number {
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ArgsError(`bad port in host "${word}"`, where);
  return port;
}
