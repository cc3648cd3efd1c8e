// hostname: the host's name, live (hostname(1)) and persisted in /etc/hostname and the 127.0.1.1 line of /etc/hosts.
import { ArgsError } from '../core/errors.ts';
import { defineModule, type Change } from '../core/module.ts';
import { HOSTNAME_FILE, HOSTS_FILE, hostnameStateFact, type HostnameState } from './facts/hostname-state.ts';
import type { FileSnapshot } from './facts/file-snapshot.ts';
import { setLoopbackLine } from './lib/hosts-file.ts';

export interface HostnameArgs {
  /** The name: a short name (`lb1`) or a fully qualified one (`lb1.example.org`: /etc/hosts then lists both). */
  name: string;
}

export type HostnameFacts = HostnameState;

/** RFC 1123 labels; the kernel keeps at most 64 bytes. */
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export const hostname = defineModule<HostnameArgs, HostnameFacts>({
  name: 'hostname',
  doc: {
    summary: 'Sets the host name live (hostname) and persists it: /etc/hostname and the 127.0.1.1 line of /etc/hosts (other lines untouched).',
    changed: 'The live name differed, or /etc/hostname or the 127.0.1.1 line of /etc/hosts did not name the host.',
    checkMode: 'Reads the live name and both files in one command, reports what would change with diffs; writes nothing.',
    examples: ["hostname((v) => ({ name: v.inventory_hostname }), { name: 'Name the host as the inventory does' })", "tsible lb1 -m hostname -a 'name=lb1'"],
  },
  args: {
    name: { type: 'string', required: true, description: 'Host name (short or fully qualified).' },
  },
  validate(args, where) {
    const n = args.name;
    if (n.length > 64 || !n.split('.').every((l) => LABEL.test(l))) {
      throw new ArgsError(`not a valid host name (letters, digits and inner hyphens, dot-separated labels, at most 64 characters): "${n}"`, { ...where, field: 'name' });
    }
  },
  async gather(ctx) {
    return ctx.facts.get(hostnameStateFact);
  },
  plan(args, facts) {
    const changes: Change[] = [];
    if (facts.live !== args.name) {
      changes.push({ summary: `hostname: ${facts.live} → ${args.name}`, steps: [{ kind: 'run', command: ['hostname', args.name] }] });
    }
    const hostnameBefore = facts.hostnameFile.exists ? facts.hostnameFile.content : '';
    if (hostnameBefore.trim() !== args.name) changes.push(write(facts.hostnameFile, `${args.name}\n`, `${HOSTNAME_FILE}: ${args.name}`));
    const hostsBefore = facts.hostsFile.exists ? facts.hostsFile.content : '';
    const hostsAfter = setLoopbackLine(hostsBefore, args.name);
    if (hostsAfter !== hostsBefore) changes.push(write(facts.hostsFile, hostsAfter, `${HOSTS_FILE}: 127.0.1.1 ${args.name}`));
    return changes;
  },
  output(args, facts) {
    return { name: args.name, before: facts.live };
  },
});

/** An atomic rewrite that keeps the file's mode and owner (0644 root for a new file). */
function write(file: FileSnapshot, after: string, summary: string): Change {
  const keep = file.exists ? { mode: file.mode, owner: file.owner, group: file.group } : { mode: 0o644 };
  return { summary, diff: { path: file.path, before: file.exists ? file.content : '', after }, steps: [{ kind: 'put', path: file.path, content: after, ...keep }] };
}
