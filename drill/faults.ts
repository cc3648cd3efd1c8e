// The named faults a drill injects and restores: apache stopped on a web server, heartbeat stopped, power cut, cables cut (all, or the public one).
import { ArgsError } from '../core/errors.ts';
import type { Remote } from './remote.ts';

/** What the lab can do to a host (power, cables); absent on real hosts. */
export interface LabControl {
  cut(host: string): Promise<void>;
  /** Pulls only the host's cable on the network holding `address`; resolves with that network's name. */
  cutNetworkOf(host: string, address: string): Promise<string>;
  heal(host: string): Promise<void>;
  powerOff(host: string): Promise<void>;
  powerOn(host: string): Promise<void>;
}

/** What a fault acts through. */
export interface FaultContext {
  remote: Remote;
  /** The floating address the stream targets. */
  vip: string;
  lab?: LabControl;
}

/** One named fault. */
export interface Fault {
  name: string;
  describe: string;
  /** Needs the lab (power, cables): refused on real hosts. */
  labOnly: boolean;
  /** The host it hits when none is given. */
  defaultTarget(ctx: FaultContext): Promise<string>;
  inject(ctx: FaultContext, host: string): Promise<string>;
  restore(ctx: FaultContext, host: string): Promise<string>;
}

/** The Heartbeat nodes: group balancers (chapter IV), else webservers (chapter I, the nodes serve the pages themselves). */
export function haNodes(remote: Remote): string[] {
  const b = remote.group('balancers');
  return b.length ? b : remote.group('webservers');
}

/** The node holding `vip` now (asked over SSH), or an error naming the nodes asked. */
export async function activeNode(ctx: FaultContext): Promise<string> {
  const nodes = haNodes(ctx.remote);
  for (const n of nodes) {
    const r = await ctx.remote.run(n, ['ip', '-o', '-4', 'addr', 'show']).catch(() => null);
    if (r && r.stdout.split('\n').some((l) => l.includes(` ${ctx.vip}/`))) return n;
  }
  throw new ArgsError(`no host of ${nodes.join(', ') || 'groups balancers/webservers'} holds ${ctx.vip}: is the service up?`, { field: 'vip' });
}

async function must(ctx: FaultContext, host: string, argv: string[]): Promise<string> {
  const r = await ctx.remote.run(host, argv, 120_000);
  if (r.rc !== 0) throw new Error(`${host}: ${argv.join(' ')} exited ${r.rc}: ${r.stderr.trim() || r.stdout.trim()}`);
  return `${host}: ${argv.join(' ')}`;
}

function lab(ctx: FaultContext, fault: string): LabControl {
  if (!ctx.lab) throw new ArgsError(`fault ${fault} needs the lab (power and cables): run it with --lab on a lab's inventory`, { field: 'fault' });
  return ctx.lab;
}

export const FAULTS: Fault[] = [
  {
    name: 'apache', labOnly: false,
    describe: 'apache2 stopped on a web server (default: the first of group webservers; on a Heartbeat pair of web servers, the one holding the VIP)',
    defaultTarget: async (ctx) => (ctx.remote.group('balancers').length ? ctx.remote.group('webservers')[0] ?? '' : activeNode(ctx)),
    inject: (ctx, h) => must(ctx, h, ['systemctl', 'stop', 'apache2']),
    restore: (ctx, h) => must(ctx, h, ['systemctl', 'start', 'apache2']),
  },
  {
    name: 'heartbeat', labOnly: false,
    describe: 'heartbeat stopped on the node holding the VIP (a graceful failover), started again at the restore',
    defaultTarget: activeNode,
    inject: (ctx, h) => must(ctx, h, ['systemctl', 'stop', 'heartbeat']),
    restore: (ctx, h) => must(ctx, h, ['systemctl', 'start', 'heartbeat']),
  },
  {
    name: 'poweroff', labOnly: true,
    describe: 'the node holding the VIP loses power (lab: no clean shutdown), powered on again at the restore',
    defaultTarget: activeNode,
    inject: async (ctx, h) => { await ctx.remote.forget(h); await lab(ctx, 'poweroff').powerOff(h); return `${h}: power cut`; },
    restore: async (ctx, h) => { await lab(ctx, 'poweroff').powerOn(h); return `${h}: powered on, SSH answers`; },
  },
  {
    name: 'cable', labOnly: true,
    describe: 'every cable of the node holding the VIP pulled (lab), plugged back at the restore (a split brain to resolve)',
    defaultTarget: activeNode,
    inject: async (ctx, h) => { await ctx.remote.forget(h); await lab(ctx, 'cable').cut(h); return `${h}: cables cut`; },
    restore: async (ctx, h) => { await lab(ctx, 'cable').heal(h); return `${h}: cables back`; },
  },
  {
    name: 'public-cable', labOnly: true,
    describe: 'only the cable of the VIP\'s network pulled on the node holding the VIP (lab): it still hears its peer over the other network; plugged back at the restore',
    defaultTarget: activeNode,
    inject: async (ctx, h) => { await ctx.remote.forget(h); return `${h}: ${await lab(ctx, 'public-cable').cutNetworkOf(h, ctx.vip)} cable cut`; },
    restore: async (ctx, h) => { await lab(ctx, 'public-cable').heal(h); return `${h}: cable back`; },
  },
];

/** The fault named `name`, or an ArgsError listing them. */
export function findFault(name: string): Fault {
  const f = FAULTS.find((x) => x.name === name);
  if (!f) throw new ArgsError(`unknown fault "${name}"; known: ${FAULTS.map((x) => x.name).join(', ')}`, { field: 'fault' });
  return f;
}
