// `tsible monitor -i INVENTORY [--watch S]`: the live service (floating addresses, IPVS table with rates, real servers' health).
import type { Argv, CommandModule } from 'yargs';
import { loadInventory } from '../core/inventory/load.ts';
import { ArgsError } from '../core/errors.ts';
import { haNodes } from '../drill/faults.ts';
import { Remote } from '../drill/remote.ts';
import { readService, renderService } from './status.ts';

interface MonitorArgs { inventory?: string[]; watch?: number; json?: boolean; floating?: string[] }

/** The floating addresses to show: --floating, else the inventory's vip and internal_vip (the tutorial's by default). */
export function floatingOf(remote: Remote, node: string, given?: string[]): string[] {
  if (given?.length) return given;
  const pub = String(remote.hostVar(node, 'vip') ?? '192.168.56.10');
  const internal = remote.hostVar(node, 'internal_vip') ?? (remote.group('balancers').length > 1 ? '192.168.200.250' : undefined);
  return internal ? [pub, String(internal)] : [pub];
}

export const monitorCommand: CommandModule<object, MonitorArgs> = {
  command: 'monitor',
  describe: 'the live service: who holds each floating address, the IPVS table with connections and rates, each real server\'s health',
  builder: (y: Argv) => y
    .option('inventory', { alias: 'i', type: 'string', array: true, describe: 'inventory' })
    .option('watch', { type: 'number', describe: 'refresh every N seconds until interrupted' })
    .option('json', { type: 'boolean', describe: 'print JSON' })
    .option('floating', { type: 'string', array: true, describe: 'floating addresses to show (default: vip, internal_vip)' }) as unknown as Argv<MonitorArgs>,
  handler: async (a) => {
    const paths = a.inventory?.length ? a.inventory : process.env.TSIBLE_INVENTORY ? process.env.TSIBLE_INVENTORY.split(':') : [];
    if (!paths.length) throw new ArgsError('tsible monitor needs an inventory (-i)', { field: 'inventory' });
    if (a.watch !== undefined && !(a.watch > 0)) throw new ArgsError('--watch must be a positive number of seconds', { field: 'watch' });
    const remote = new Remote(await loadInventory(paths, { cwd: process.cwd() }));
    const nodes = haNodes(remote);
    if (!nodes.length) throw new ArgsError('the inventory has no balancers or webservers group', { field: 'inventory' });
    const floating = floatingOf(remote, nodes[0]!, a.floating);
    let stop = false;
    process.once('SIGINT', () => { stop = true; });
    try {
      do {
        const s = await readService(remote, nodes, floating);
        const text = a.json ? `${JSON.stringify(s, null, 2)}\n` : renderService(s);
        process.stdout.write(a.watch && process.stdout.isTTY ? `\x1b[H\x1b[2J${text}` : text);
        if (a.watch) await new Promise((r) => setTimeout(r, a.watch! * 1000));
      } while (a.watch && !stop);
    } finally {
      await remote.close();
    }
  },
};
