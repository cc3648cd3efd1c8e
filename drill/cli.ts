// `tsible drill FAULT -i INVENTORY`: a request stream against the VIP while a named fault is injected and restored; table, JSON, SVG.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { loadInventory } from '../core/inventory/load.ts';
import { ArgsError } from '../core/errors.ts';
import { FAULTS, findFault, haNodes } from './faults.ts';
import { labControl } from './lab-control.ts';
import { Remote } from './remote.ts';
import { renderTable } from './report.ts';
import { runDrill } from './run-drill.ts';
import { renderSvg } from './svg.ts';

interface DrillArgs {
  fault: string;
  inventory?: string[];
  target?: string;
  vip?: string;
  port: number;
  rate: number;
  duration: number;
  faultAt: number;
  restoreAt?: number;
  timeout: number;
  settle: number;
  json?: boolean;
  samples?: boolean;
  svg?: string;
  labStateDir?: string;
}

/** The lab's state dir: --lab-state-dir, else the folder of an inventory a lab wrote (it holds state.json), else none. */
export function labStateDirFor(a: { labStateDir?: string; inventory?: string[] }, cwd: string): string | undefined {
  if (a.labStateDir) return resolve(cwd, a.labStateDir);
  const inv = a.inventory?.[0];
  if (!inv) return undefined;
  const dir = dirname(resolve(cwd, inv));
  return existsSync(join(dir, 'state.json')) ? dir : undefined;
}

/** `tsible drill`: register with yargs.command(drillCommand). */
export const drillCommand: CommandModule<object, DrillArgs> = {
  command: 'drill <fault>',
  describe: `measure the service under a fault: ${FAULTS.map((f) => f.name).join(', ')} (tsible drill --help)`,
  builder: (y: Argv) => y
    .positional('fault', { type: 'string', demandOption: true, choices: FAULTS.map((f) => f.name), describe: FAULTS.map((f) => `${f.name}: ${f.describe}${f.labOnly ? ' [lab only]' : ''}`).join('; ') })
    .option('inventory', { alias: 'i', type: 'string', array: true, describe: 'inventory (a lab\'s inventory.ini enables the lab faults)' })
    .option('target', { type: 'string', describe: 'host the fault hits (default: per fault, e.g. the node holding the VIP)' })
    .option('vip', { type: 'string', describe: 'address the stream targets (default: the inventory\'s vip, else 192.168.56.10)' })
    .option('port', { type: 'number', default: 80 })
    .option('rate', { type: 'number', default: 10, describe: 'requests per second (one TCP connection each)' })
    .option('duration', { type: 'number', default: 60, describe: 'seconds the stream lasts' })
    .option('fault-at', { type: 'number', default: 10, describe: 'seconds into the stream the fault is injected' })
    .option('restore-at', { type: 'number', describe: 'seconds into the stream the fault is restored (default: duration - 20, at least fault-at)' })
    .option('timeout', { type: 'number', default: 1000, describe: 'time limit of one request, ms' })
    .option('settle', { type: 'number', default: 10, describe: 'count failures from this many seconds after the injection' })
    .option('json', { type: 'boolean', describe: 'print the report as JSON' })
    .option('samples', { type: 'boolean', describe: 'with --json: every request too' })
    .option('svg', { type: 'string', describe: 'write the picture to this file' })
    .option('lab-state-dir', { type: 'string', describe: 'the lab\'s state folder (default: the inventory\'s folder when a lab wrote it)' }) as unknown as Argv<DrillArgs>,
  handler: async (a) => {
    const cwd = process.cwd();
    const paths = a.inventory?.length ? a.inventory : process.env.TSIBLE_INVENTORY ? process.env.TSIBLE_INVENTORY.split(':') : [];
    if (!paths.length) throw new ArgsError('tsible drill needs an inventory (-i)', { field: 'inventory' });
    const remote = new Remote(await loadInventory(paths, { cwd }));
    const stateDir = labStateDirFor({ labStateDir: a.labStateDir, inventory: paths }, cwd);
    const vip = a.vip ?? String(remote.hostVar(haNodes(remote)[0] ?? '', 'vip') ?? '192.168.56.10');
    const log = (l: string) => process.stderr.write(`${l}\n`);
    try {
      const report = await runDrill({
        fault: findFault(a.fault), target: a.target, url: `http://${vip}:${a.port}/`, rate: a.rate, durationS: a.duration,
        faultAtS: a.faultAt, restoreAtS: a.restoreAt ?? Math.max(a.faultAt, a.duration - 20), timeoutMs: a.timeout, settleS: a.settle,
      }, { remote, vip, lab: stateDir ? await labControl(stateDir) : undefined }, log);
      if (a.svg) {
        const { writeFileAtomic } = await import('../lab/write-file.ts');
        await writeFileAtomic(a.svg, renderSvg(report));
      }
      if (a.json) {
        const { samples, ...rest } = report;
        process.stdout.write(`${JSON.stringify(a.samples ? report : rest, null, 2)}\n`);
      } else process.stdout.write(renderTable(report));
      if (!report.recovered) process.exitCode = 2;
    } finally {
      await remote.close();
    }
  },
};
