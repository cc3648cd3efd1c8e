// Parses a jump host as written in ProxyJump or the inventory: [user@]host[:port], with [v6]:port.
import { ArgsError } from '../errors.ts';

/** A parsed jump host. */
export interface JumpSpec {
  user?: string;
  host: string;
  port?: number;
}

export function parseJumpSpec(text: string): JumpSpec {
  let rest = text.trim();
  const out: Partial<JumpSpec> = {};
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    out.user = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  let portText: string | undefined;
  const v6 = /^\[([^\]]+)\](?::(.*))?$/.exec(rest);
  if (v6) {
    out.host = v6[1];
    portText = v6[2];
  } else {
    const parts = rest.split(':');
    if (parts.length > 2) throw new ArgsError(`bad jump host "${text}" (write IPv6 addresses as [addr]:port)`, { field: 'jump' });
    out.host = parts[0];
    portText = parts[1];
  }
  if (!out.host || out.user === '') throw new ArgsError(`bad jump host "${text}"`, { field: 'jump' });
  if (portText !== undefined) {
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ArgsError(`bad port in jump host "${text}"`, { field: 'jump' });
    out.port = port;
  }
  return out as JumpSpec;
}
