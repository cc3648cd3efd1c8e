// The tsible command line (yargs): play, ad hoc, modules, inventory, lab. Returns the exit code (see docs/cli.md).
import type { Argv } from 'yargs';
import { ArgsError, TsibleError } from '../core/errors.ts';
import { EXIT } from '../core/engine/exit-codes.ts';
import { colorWanted } from '../output/colors.ts';
import type { AdhocArgs } from './adhoc-command.ts';
import type { CliIo } from './io.ts';
import { commonOptions, type CommonArgs } from './options.ts';
import type { PlayArgs } from './play-command.ts';
import { closeInputLines } from './input-lines.ts';
import { loadYargs } from './load-yargs.ts';
import { loadRunConfig } from './run-config.ts';
import { vaultOptions, type VaultOptions } from './vault-options.ts';

// Only the parser and the options load up front: each command's machinery (engine, inventory, modules, vault) is
// imported by its handler, so --help, --version and a command load what they use (see test/cli/lazy-imports.test.ts).

const defaultIo = (): CliIo => ({
  out: (t) => void process.stdout.write(t),
  outBytes: (b) => void process.stdout.write(b),
  err: (t) => void process.stderr.write(t),
  cwd: process.cwd(),
  color: colorWanted(process.stdout),
});

/** `lab` in the command list; the lab's own code loads only when the command is `lab` (faster start for everything else). */
const LAB_STUB = { command: 'lab <verb>', describe: 'the tutorial\'s machines as real hosts on this box: tsible lab --help', handler: () => {} };
/** `drill` likewise: its code (request stream, faults, report) loads only for the command itself. */
const MONITOR_STUB = { command: 'monitor', describe: 'the live service: floating addresses, IPVS table with rates, real servers\' health (tsible monitor --help)', handler: () => {} };
const DRILL_STUB = { command: 'drill <fault>', describe: 'measure the service under a fault (apache, heartbeat, poweroff, cable, public-cable): tsible drill --help', handler: () => {} };

/** `vault` in the command list; its code (crypto, editor) loads only when the command is `vault`. */
const VAULT_STUB = { command: 'vault <action> [files..]', describe: 'Ansible Vault: create, encrypt, decrypt, view, edit, rekey files; encrypt_string', handler: () => {} };


/** Runs the CLI on `argv` (without node and script); resolves to the process exit code. */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  let code: number = EXIT.ok;
  const guard = <A>(fn: (a: A) => Promise<number>) => async (a: A) => {
    code = await fn(a);
  };
  if (argv.includes('--version')) {
    const { versionText } = await import('./version.ts');
    io.out(versionText(loadRunConfig(io)));
    return EXIT.ok;
  }
  // Loaded here, after --version: yargs and its help renderer are most of what --help costs.
  const yargs = await loadYargs();
  const parser = yargs(joinDashValues(argv))
    .scriptName('tsible')
    .usage('$0 PATTERN -i INVENTORY [-m MODULE] [-a ARGS]    run one module ad hoc\n$0 play PLAYBOOK.ts -i INVENTORY                run a playbook')
    .command('play <playbook..>', 'run playbooks (TypeScript files, loaded without a build step)', (y: Argv) => commonOptions(y)
      .positional('playbook', { type: 'string', array: true, demandOption: true, describe: 'playbook files' })
      .option('tags', { alias: 't', type: 'string', array: true, describe: 'only run tasks with these tags (comma-separated)' })
      .option('skip-tags', { type: 'string', array: true, describe: 'skip tasks with these tags' })
      .option('list-hosts', { type: 'boolean', describe: 'list the hosts each play would run on' })
      .option('list-tasks', { type: 'boolean', describe: 'list the tasks that would run' })
      .option('list-tags', { type: 'boolean', describe: 'list the tags of the tasks that would run' })
      .option('step', { type: 'boolean', describe: 'ask before each task: (N)o/(y)es/(c)ontinue (answers from the terminal or standard input)' })
      .option('syntax-check', { type: 'boolean', describe: 'type-check and validate the playbook; touch no host' })
      .option('start-at-task', { type: 'string', describe: 'start at the first task of this name' })
      .option('changed-exit-code', { type: 'boolean', describe: `exit ${EXIT.checkChanges} when the run succeeded and something changed (or would, with --check)` }),
    guard(async (a) => (await import('./play-command.ts')).playCommand(a as unknown as PlayArgs, io)))
    .command('modules [name]', 'list the modules, or document one (arguments, defaults, changed, check mode)', (y: Argv) => y
      .positional('name', { type: 'string' })
      .option('module-path', { alias: 'M', type: 'string', array: true, describe: 'extra folders of user modules' }),
    guard(async (a: { name?: string; modulePath?: string[] }) => {
      const [{ loadModuleRegistry }, { builtinModules }, { renderModuleDoc, renderModuleList }] = await Promise.all([
        import('../core/engine/module-registry.ts'), import('./builtins.ts'), import('./module-docs.ts')]);
      const registry = await loadModuleRegistry({ baseDir: io.cwd, modulePaths: a.modulePath, builtins: await builtinModules() });
      if (!a.name) io.out(renderModuleList(registry));
      else {
        const entry = registry.get(a.name);
        if (!entry) throw new ArgsError(`unknown module "${a.name}"; known modules: ${[...registry.keys()].sort().join(', ')}`, { field: 'name' });
        io.out(renderModuleDoc(entry));
      }
      return EXIT.ok;
    }))
    .command('config <verb>', 'the settings read from TSIBLE_*/ANSIBLE_* variables, tsible.cfg and ansible.cfg, and where each came from', (y: Argv) => y
      .positional('verb', { type: 'string', choices: ['dump'], describe: 'dump: every setting as name(origin) = value' })
      .option('only-changed', { type: 'boolean', describe: 'leave out settings at their default' }),
    guard(async (a: { onlyChanged?: boolean }) => {
      const { renderConfigDump } = await import('../core/config/render-dump.ts');
      io.out(renderConfigDump(loadRunConfig(io), { onlyChanged: a.onlyChanged }));
      return EXIT.ok;
    }))
    .command('inventory', 'show the inventory as JSON (--list) or a tree (--graph)', (y: Argv) => vaultOptions(y)
      .option('inventory', { alias: ['i', 'inventory-file'], type: 'string', array: true, describe: 'inventory file or folder (repeatable; default from the config)' })
      .option('list', { type: 'boolean', describe: 'hosts, groups and variables as JSON (as ansible-inventory --list)' })
      .option('graph', { type: 'string', describe: 'tree of groups and hosts (from a group, default all)' })
      .option('export', { type: 'boolean', describe: 'with --list: each group\'s own vars too (as ansible-inventory --export)' })
      .check((a) => { if (!a.list && a.graph === undefined) throw new Error('give --list or --graph'); return true; }),
    guard(async (a: VaultOptions & { inventory?: string[]; list?: boolean; graph?: string; export?: boolean }) => {
      const [{ inventoryFrom }, { withConfig }, { renderInventoryList }, { renderInventoryGraph }] = await Promise.all([
        import('./run-setup.ts'), import('./apply-config.ts'), import('../core/inventory/render-list.ts'), import('../core/inventory/render-graph.ts')]);
      const inv = await inventoryFrom(withConfig({ inventory: a.inventory, vaultId: a.vaultId, vaultPasswordFile: a.vaultPasswordFile, askVaultPass: a.askVaultPass } as CommonArgs, loadRunConfig(io)), io.cwd);
      const text = a.list ? renderInventoryList(inv, { export: a.export }) : renderInventoryGraph(inv, a.graph || 'all');
      io.out(text.endsWith('\n') ? text : `${text}\n`);
      return EXIT.ok;
    }))
    .command('convert <playbook>', 'write an Ansible YAML playbook as a tsible TypeScript playbook (stdout, or -o FILE), listing what was not converted', (y: Argv) => y
      .positional('playbook', { type: 'string', demandOption: true, describe: 'the Ansible playbook (.yml)' })
      .option('output', { alias: 'o', type: 'string', describe: 'the .ts file to write (default: standard output)' })
      .option('force', { type: 'boolean', describe: 'replace the output file if it exists' }),
    guard(async (a) => (await import('./convert-command.ts')).convertCommand(a as unknown as import('./convert-command.ts').ConvertArgs, io)))
    .command(argv[0] === 'vault' ? (await import('./vault-command.ts')).vaultCommand(io, guard) : VAULT_STUB)
    .command(argv[0] === 'lab' ? (await import('../lab/cli.ts')).labCommand : LAB_STUB)
    .command(argv[0] === 'drill' ? (await import('../drill/cli.ts')).drillCommand as never : DRILL_STUB)
    .command(argv[0] === 'monitor' ? (await import('../monitor/cli.ts')).monitorCommand as never : MONITOR_STUB)
    .command('$0 <pattern>', 'run one module on the hosts matching PATTERN', (y: Argv) => commonOptions(y)
      .positional('pattern', { type: 'string', demandOption: true, describe: 'host pattern: all, group, web*, a:b, a:&b, a:!b' })
      .option('module-name', { alias: 'm', type: 'string', default: 'command', describe: 'module to run' })
      .option('args', { alias: 'a', type: 'string', describe: "module arguments: 'k=v k2=\"v 2\"', JSON, or a free-form command" })
      .option('list-hosts', { type: 'boolean', describe: 'list the matching hosts; run nothing' })
      .option('one-line', { alias: 'o', type: 'boolean', describe: 'one line of output per host' }),
    guard(async (a) => (await import('./adhoc-command.ts')).adhocCommand(a as unknown as AdhocArgs, io)))
    .strict()
    .help()
    .alias('h', 'help')
    .version(false)
    .option('version', { type: 'boolean', describe: 'show the version, the config files read and where tsible runs from' })
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new ArgsError(msg);
    });
  try {
    await parser.parseAsync();
  } catch (e) {
    return reportError(e, io, argv.some((x) => /^-v{3,}$/.test(x)));
  } finally {
    closeInputLines();
  }
  return code;
}

function reportError(e: unknown, io: CliIo, trace: boolean): number {
  if (e instanceof TsibleError) {
    io.err(`ERROR! ${e.message}\n`);
    if (trace && e.cause) io.err(`${String((e.cause as Error).stack ?? e.cause)}\n`);
    return e.exitCode;
  }
  const err = e as Error;
  io.err(`ERROR! ${err?.message ?? String(e)}\n`);
  if (trace) io.err(`${err?.stack}\n`);
  return EXIT.error;
}

/** Options whose value usually starts with a dash (`--ssh-common-args '-o X=y'`): joined as `--opt=value` so yargs takes it as the value, as Ansible's argparse does. */
const DASH_VALUE_OPTIONS = new Set(['--ssh-common-args', '--ssh-extra-args']);

function joinDashValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (DASH_VALUE_OPTIONS.has(argv[i]) && i + 1 < argv.length) out.push(`${argv[i]}=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}
