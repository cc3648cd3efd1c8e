// `tsible lab VERB`: the lab's command line (a yargs command module the main CLI registers).
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { sshArgv } from './access.ts';
import { currentLab } from './current.ts';
import { renderDiagram, type LiveOverlay } from './diagram.ts';
import { labDown } from './down.ts';
import { labCut, labHeal, labStart, labStop } from './faults.ts';
import { kernelHasIpvs } from './ipvs-support.ts';
import { labPaths } from './paths.ts';
import { planLab } from './plan.ts';
import { labPrune } from './prune.ts';
import { labStatus } from './status.ts';
import { BUILTIN_TOPOLOGIES } from './topology/builtin.ts';
import { loadTopology } from './topology/load.ts';
import { labPrepare, labUp } from './up.ts';
import { writeFileAtomic } from './write-file.ts';

interface Common { stateDir?: string; cacheDir?: string }

const say = (line: string) => console.log(line);

/** Reads the live service of the running lab (monitor/) for the diagram: holders of the floating addresses, web servers taken out. */
async function liveOverlay(plan: import('./plan.ts').LabPlan, inventory: string): Promise<LiveOverlay> {
  const { loadInventory } = await import('../core/inventory/load.ts');
  const { Remote } = await import('../drill/remote.ts');
  const { haNodes } = await import('../drill/faults.ts');
  const { readService } = await import('../monitor/status.ts');
  const remote = new Remote(await loadInventory([inventory]));
  try {
    const floating = (plan.topology.floating ?? []).map((f) => f.address);
    const s = await readService(remote, haNodes(remote), floating);
    const active = s.nodes.find((n) => n.services.length);
    const downAddrs = new Set((active?.health ?? []).filter((h) => !h.healthy).map((h) => h.real.replace(/:\d+$/, '')));
    const down = plan.hosts.filter((h) => h.nics.some((c) => downAddrs.has(c.address))).map((h) => h.name);
    return { holders: s.floating, down, at: s.at };
  } finally {
    await remote.close();
  }
}

function opts(a: Common) {
  return { stateDir: a.stateDir, cacheDir: a.cacheDir, log: say };
}

function parseSubnets(list: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of list) {
    const [k, v] = s.split('=');
    if (!k || !v) throw new Error(`--subnet expects NETWORK=CIDR, got "${s}"`);
    out[k] = v;
  }
  return out;
}

function runInteractive(argv: string[]): Promise<number> {
  return new Promise((resolve) => {
    const c = spawn(argv[0], argv.slice(1), { stdio: 'inherit' });
    c.on('close', (code) => resolve(code ?? 255));
  });
}

/** A verb's command module; its handler gets the parsed options typed as `A`. */
function verb<A>(m: { command: string; describe: string; builder?: (y: Argv<Common>) => Argv<unknown>; handler: (a: Common & A) => Promise<void> }): CommandModule<Common, unknown> {
  return { ...m, handler: m.handler as unknown as (a: ArgumentsCamelCase<unknown>) => Promise<void> } as CommandModule<Common, unknown>;
}

const verbs: CommandModule<Common, unknown>[] = [
  verb({
    command: 'up <topology>',
    describe: `build a topology: ${Object.keys(BUILTIN_TOPOLOGIES).join(', ')}, or a .json/.yaml/.ts file`,
    builder: (y: Argv<Common>) => y.positional('topology', { type: 'string', demandOption: true })
      .option('kind', { choices: ['container', 'vm'] as const, describe: 'force every host\'s kind (default: per host; auto = VM only where IPVS is needed and missing)' })
      .option('subnet', { type: 'string', array: true, describe: 'move a network: NETWORK=CIDR (e.g. hostonly=192.168.57.0/24)' }),
    handler: async (a: Common & { topology: string; kind?: 'container' | 'vm'; subnet?: string[] }) => {
      const info = await labUp(a.topology, { ...opts(a), kind: a.kind, subnets: parseSubnets(a.subnet) });
      say(`inventory:   ${info.paths.inventory}\nssh_config:  ${info.paths.sshConfig} (ssh -F ${info.paths.sshConfig} HOST)\nknown_hosts: ${info.paths.knownHosts}\nkey:         ${info.paths.privateKey}\ndiagram:     ${info.paths.diagram}`);
    },
  }),
  verb({
    command: 'prepare <topology>', describe: 'build the caches a topology needs (container rootfs, VM images) without bringing it up',
    builder: (y: Argv<Common>) => y.positional('topology', { type: 'string', demandOption: true })
      .option('kind', { choices: ['container', 'vm'] as const, describe: 'as for up' }),
    handler: async (a: Common & { topology: string; kind?: 'container' | 'vm' }) => {
      const built = await labPrepare(a.topology, { ...opts(a), kind: a.kind });
      say(`ready: ${built.join(', ') || 'nothing to build'}`);
    },
  }),
  verb({ command: 'down', describe: 'tear the lab down (idempotent)', handler: async (a: Common) => { await labDown(opts(a)); say('lab down'); } }),
  verb({
    command: 'status', describe: 'show the lab\'s hosts',
    handler: async (a: Common) => {
      const s = await labStatus(opts(a));
      if (!s) return say('no lab is up');
      say(`lab ${s.topology} (up since ${s.upAt || 'partial up'}); inventory ${s.inventory}`);
      for (const h of s.hosts) {
        say(`  ${h.name.padEnd(12)} ${h.kind.padEnd(9)} ${(h.running ? 'running' : 'stopped').padEnd(8)} ${h.addresses.join(' ')}`
          + `${h.jump ? ` (via ${h.jump})` : ''}${h.cut.length ? ` CUT: ${h.cut.join(',')}` : ''}`);
      }
    },
  }),
  verb({
    command: 'ssh <host>', describe: 'log into a host',
    handler: async (a: Common & { host: string }) => { process.exitCode = await runInteractive(await sshArgv(a.host, [], opts(a))); },
  }),
  verb({
    command: 'exec <host> [cmd..]', describe: 'run a command on a host: lab exec HOST -- CMD ARGS…',
    builder: (y: Argv<Common>) => y.parserConfiguration({ 'populate--': true }),
    handler: async (a: Common & { host: string; cmd?: (string | number)[]; '--'?: (string | number)[] }) => {
      const cmd = [...(a.cmd ?? []), ...(a['--'] ?? [])].map(String);
      if (!cmd.length) throw new Error('lab exec: name a command after the host: lab exec HOST -- CMD ARGS…');
      process.exitCode = await runInteractive(await sshArgv(a.host, cmd, opts(a)));
    },
  }),
  verb({
    command: 'cut <host> [network]', describe: 'pull a host\'s cable (all, or the one on NETWORK)',
    handler: async (a: Common & { host: string; network?: string }) => say(`${a.host}: cut from ${(await labCut(a.host, a.network, opts(a))).join(', ')}`),
  }),
  verb({ command: 'heal <host>', describe: 'plug a host\'s cables back', handler: async (a: Common & { host: string }) => { await labHeal(a.host, opts(a)); say(`${a.host}: cables back`); } }),
  verb({
    command: 'stop <host>', describe: 'power a host off (its disk is kept)',
    builder: (y: Argv<Common>) => y.option('hard', { type: 'boolean', describe: 'no clean shutdown: the power is cut (a VM\'s qemu is killed)' }),
    handler: async (a: Common & { host: string; hard?: boolean }) => { await labStop(a.host, opts(a), !!a.hard); say(`${a.host}: powered off${a.hard ? ' (hard)' : ''}`); },
  }),
  verb({ command: 'start <host>', describe: 'power a host on (waits for SSH)', handler: async (a: Common & { host: string }) => { await labStart(a.host, opts(a)); say(`${a.host}: up`); } }),
  verb({
    command: 'diagram [topology]', describe: 'draw a topology as SVG (default: the running lab\'s)',
    builder: (y: Argv<Common>) => y.option('output', { alias: 'o', type: 'string', describe: 'file (default: stdout)' })
      .option('live', { type: 'boolean', describe: 'the running lab\'s live state too: who holds each floating address, which web servers the health checker took out' }),
    handler: async (a: Common & { output?: string; topology?: string; live?: boolean }) => {
      if (a.live && a.topology) throw new Error('lab diagram --live draws the running lab: give no topology');
      const plan = a.topology
        ? planLab(await loadTopology(a.topology), { hasIpvs: await kernelHasIpvs() })
        : (await currentLab(opts(a))).state.plan;
      const svg = renderDiagram(plan, a.live ? await liveOverlay(plan, labPaths(a).inventory) : undefined);
      if (a.output) await writeFileAtomic(a.output, svg);
      else process.stdout.write(svg);
    },
  }),
  verb({
    command: 'prune', describe: 'remove the lab\'s caches (rootfs, apt cache, VM images)',
    handler: async (a: Common) => { const r = await labPrune(opts(a)); say(r.length ? `removed ${r.join(', ')}` : 'nothing to remove'); },
  }),
  verb({
    command: 'inventory', describe: 'print the running lab\'s inventory',
    handler: async (a: Common) => { process.stdout.write(await readFile(labPaths(a).inventory, 'utf8')); },
  }),
];

/** `tsible lab <verb>`: register with `yargs.command(labCommand)`. Every verb but `diagram`/`inventory`/`status` needs root. */
export const labCommand: CommandModule<object, Common> = {
  command: 'lab <verb>',
  describe: 'the tutorial\'s machines as real hosts on this box (namespaces + systemd, QEMU where IPVS is needed)',
  builder: (y: Argv) => {
    let b = y.option('state-dir', { type: 'string', describe: 'lab state folder (default /var/lib/tsible/lab, env TSIBLE_LAB_STATE)' })
      .option('cache-dir', { type: 'string', describe: 'cache folder (default /var/cache/tsible/lab, env TSIBLE_LAB_CACHE)' }) as unknown as Argv<Common>;
    for (const v of verbs) b = b.command(v);
    return b.demandCommand(1, 'name a verb: up, prepare, down, status, ssh, exec, cut, heal, stop, start, diagram, prune, inventory');
  },
  handler: () => {},
};
