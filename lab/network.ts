// The lab's wiring: a switch namespace with one bridge per network, the control machine's legs, each host's netns and veths.
import type { LabPlan, PlannedHost } from './plan.ts';
import { run, tryRun } from './run.ts';

const ip = (...args: string[]) => run(['ip', ...args]);

/** Creates the switch namespace, its bridges, relay and router addresses and the control machine's legs. */
export async function createSwitch(plan: LabPlan): Promise<void> {
  const sw = plan.switchNetns;
  await ip('netns', 'add', sw);
  await ip('-n', sw, 'link', 'set', 'lo', 'up');
  await run(['ip', 'netns', 'exec', sw, 'sysctl', '-q', '-w', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']);
  for (const n of plan.networks) {
    await ip('-n', sw, 'link', 'add', n.bridge, 'type', 'bridge', 'forward_delay', '0');
    await ip('-n', sw, 'link', 'set', n.bridge, 'up');
    if (n.aptRelay) await ip('-n', sw, 'addr', 'add', `${n.aptRelay}/${n.prefix}`, 'brd', '+', 'dev', n.bridge);
    for (const r of n.routers ?? []) await ip('-n', sw, 'addr', 'add', `${r}/${n.prefix}`, 'brd', '+', 'dev', n.bridge);
    if (n.control && n.controlLink && n.controlPort) {
      await ip('link', 'add', n.controlLink, 'type', 'veth', 'peer', 'name', n.controlPort, 'netns', sw);
      await ip('-n', sw, 'link', 'set', n.controlPort, 'master', n.bridge, 'up');
      await ip('addr', 'add', `${n.control}/${n.prefix}`, 'brd', '+', 'dev', n.controlLink);
      await ip('link', 'set', n.controlLink, 'up');
    }
  }
}

/** Removes the control legs and the switch namespace (bridges and ports die with it). Idempotent. */
export async function deleteSwitch(plan: LabPlan): Promise<void> {
  for (const n of plan.networks) if (n.controlLink) await tryRun(['ip', 'link', 'del', n.controlLink]);
  await tryRun(['ip', 'netns', 'del', plan.switchNetns]);
}

/** Creates a container host's netns: its NICs (veths whose other end is a bridge port), addresses, default route. */
export async function createHostNetwork(plan: LabPlan, host: PlannedHost): Promise<void> {
  const ns = host.netns;
  const sw = plan.switchNetns;
  await ip('netns', 'add', ns);
  await ip('-n', ns, 'link', 'set', 'lo', 'up');
  for (const nic of host.nics) {
    const bridge = plan.networks.find((n) => n.name === nic.network)!.bridge;
    await ip('-n', sw, 'link', 'add', nic.port, 'type', 'veth', 'peer', 'name', nic.ifname, 'address', nic.mac, 'netns', ns);
    await ip('-n', sw, 'link', 'set', nic.port, 'master', bridge, 'up');
    await ip('-n', ns, 'addr', 'add', `${nic.address}/${nic.prefix}`, 'brd', '+', 'dev', nic.ifname);
    await ip('-n', ns, 'link', 'set', nic.ifname, 'up');
  }
  if (host.gateway) await ip('-n', ns, 'route', 'add', 'default', 'via', host.gateway);
}

/** Deletes a container host's netns (its veths go with it). Idempotent. */
export async function deleteHostNetwork(host: PlannedHost): Promise<void> {
  await tryRun(['ip', 'netns', 'del', host.netns]);
}

/** Pulls (down=true) or plugs back a host's cable(s): the bridge-side port goes down/up, like a VirtualBox cable. */
export async function setPorts(plan: LabPlan, ports: string[], down: boolean): Promise<void> {
  for (const p of ports) await ip('-n', plan.switchNetns, 'link', 'set', p, down ? 'down' : 'up');
}
