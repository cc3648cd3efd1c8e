// Renders ldirectord.cf (the Heartbeat family's health checker of LVS real servers) from checked virtual services.
import type { VirtualService } from '../ipvsadm/table.ts';
import { hostPort } from '../ipvsadm/table.ts';

/** How ldirectord checks each real server, and how fast it reacts. */
export interface CheckSettings {
  /** negotiate: an HTTP GET whose answer must match `receive`; connect: a TCP connect only. */
  type: 'negotiate' | 'connect';
  /** Path requested by a negotiate check (default /). */
  request: string;
  /** Regular expression the answer's body must contain ('' = any 2xx answer). */
  receive: string;
  /** Seconds between two rounds of checks (ldirectord's checkinterval). */
  interval: number;
  /** Seconds a check may take before the server counts as down (checktimeout / negotiatetimeout). */
  timeout: number;
  /** Failed checks in a row before the server is taken out (failurecount). */
  failures: number;
  /** true: a dead server stays in the table with weight 0 (quiescent); false: it is removed, and added back when it answers. */
  quiescent: boolean;
}

/** The first line of the file the module writes (how the module recognises its own file in a diff). */
export const CONFIG_HEADER = '# ldirectord.cf: health checks of the LVS real servers. Written by tsible; local edits are overwritten.';

const FORWARDING = { masq: 'masq', route: 'gate', tunnel: 'ipip' } as const;

/** The whole ldirectord.cf: global settings, then one `virtual=` block per service with its real servers. */
export function renderConfig(services: VirtualService[], c: CheckSettings): string {
  const lines = [
    CONFIG_HEADER,
    '# A real server that fails its check is removed from the IPVS table (quiescent=no) and added back once it answers.',
    `checkinterval=${c.interval}`,
    `checktimeout=${c.timeout}`,
    `negotiatetimeout=${c.timeout}`,
    `failurecount=${c.failures}`,
    `quiescent=${c.quiescent ? 'yes' : 'no'}`,
    'autoreload=no',
    'logfile="daemon"',
  ];
  for (const s of services) {
    lines.push('', `virtual=${s.protocol === 'fwmark' ? String(s.fwmark) : hostPort(s.address, s.port)}`);
    for (const r of s.realServers) lines.push(`\treal=${hostPort(r.address, r.port)} ${FORWARDING[r.forwarding]} ${r.weight}`);
    lines.push(`\tscheduler=${s.scheduler}`);
    if (s.protocol !== 'fwmark') lines.push(`\tprotocol=${s.protocol}`);
    if (s.persistent !== undefined) lines.push(`\tpersistent=${s.persistent}`);
    if (s.netmask !== undefined) lines.push(`\tnetmask=${s.netmask}`);
    if (c.type === 'negotiate') {
      // ldirectord refuses an empty request or receive string; it strips the request's leading / itself, and an
      // omitted receive string accepts any 2xx answer.
      lines.push('\tservice=http', '\tchecktype=negotiate', `\trequest="${c.request}"`, ...(c.receive ? [`\treceive="${c.receive}"`] : []));
    } else {
      lines.push('\tchecktype=connect');
    }
  }
  return lines.join('\n') + '\n';
}
