// The tsible command line (yargs): play, ad hoc, modules, inventory, lab. Returns the exit code (see docs/cli.md).
import yargs, { type Argv } from 'yargs';
import { ArgsError, TsibleError } from '../errors.ts';
import { loadModuleRegistry } from '../engine/module-registry.ts';
import { EXIT } from '../engine/run-playbook.ts';
import { renderInventoryGraph } from '../inventory/render-graph.ts';
import { renderInventoryList } from '../inventory/render-list.ts';
import { colorWanted } from '../output/colors.ts';
import { adhocCommand, type AdhocArgs } from './adhoc-command.ts';
import type { CliIo } from './io.ts';
import { renderModuleDoc, renderModuleList } from './module-docs.ts';
import { commonOptions, type CommonArgs } from './options.ts';
import { playCommand, type PlayArgs } from './play-command.ts';
import { inventoryFrom } from './run-setup.ts';
import { vaultCommand } from './vault-command.ts';
import { vaultOptions } from './vault-options.ts';

const defaultIo = (): CliIo => ({
  out: (t) => void process.stdout.write(t),
  outBytes: (b) => void process.stdout.write(b),
  err: (t) => void process.stderr.write(t),
  cwd: process.cwd(),
  color: colorWanted(process.stdout),
});

/** `lab` in the command list; the lab's own code loads only when the command is `lab` (faster start for everything else). */
const LAB_STUB = { command: 'lab <verb>', describe: 'the tutorial\'s machines as real hosts on this box: tsible lab --help', handler: () => {} };

/** Runs the CLI on `argv` (without node and script); resolves to the process exit code. */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  let code: number = EXIT.ok;
  const guard = <A>(fn: (a: A) => Promise<number>) => async (a: A) => {
    code = await fn(a);
  };
  const parser = yargs(argv)
    .scriptName('tsible')
    .usage('$0 PATTERN -i INVENTORY [-m MODULE] [-a ARGS]    run one module ad hoc\n$0 play PLAYBOOK.ts -i INVENTORY                run a playbook')
    .command('play <playbook..>', 'run playbooks (TypeScript files, loaded without a build step)', (y: Argv) => commonOptions(y)
      .positional('playbook', { type: 'string', array: true, demandOption: true, describe: 'playbook files' })
      .option('tags', { alias: 't', type: 'string', array: true, describe: 'only run tasks with these tags (comma-separated)' })
      .option('skip-tags', { type: 'string', array: true, describe: 'skip tasks with these tags' })
      .option('list-hosts', { type: 'boolean', describe: 'list the hosts each play would run on' })
      .option('list-tasks', { type: 'boolean', describe: 'list the tasks that would run' })
      .option('syntax-check', { type: 'boolean', describe: 'type-check and validate the playbook; touch no host' })
      .option('start-at-task', { type: 'string', describe: 'start at the first task of this name' })
      .option('changed-exit-code', { type: 'boolean', describe: `exit ${EXIT.checkChanges} when the run succeeded and something changed (or would, with --check)` }),
    guard((a) => playCommand(a as unknown as PlayArgs, io)))
    .command('modules [name]', 'list the modules, or document one (arguments, defaults, changed, check mode)', (y: Argv) => y
      .positional('name', { type: 'string' })
      .option('module-path', { alias: 'M', type: 'string', array: true, describe: 'extra folders of user modules' }),
    guard(async (a: { name?: string; modulePath?: string[] }) => {
      const registry = await loadModuleRegistry({ baseDir: io.cwd, modulePaths: a.modulePath });
      if (!a.name) io.out(renderModuleList(registry));
      else {
        const entry = registry.get(a.name);
        if (!entry) throw new ArgsError(`unknown module "${a.name}"; known modules: ${[...registry.keys()].sort().join(', ')}`, { field: 'name' });
        io.out(renderModuleDoc(entry));
      }
      return EXIT.ok;
    }))
    .command('inventory', 'show the inventory as JSON (--list) or a tree (--graph)', (y: Argv) => vaultOptions(y)
      .option('inventory', { alias: 'i', type: 'string', array: true, describe: 'inventory file or folder (repeatable)' })
      .option('list', { type: 'boolean', describe: 'hosts, groups and variables as JSON (as ansible-inventory --list)' })
      .option('graph', { type: 'string', describe: 'tree of groups and hosts (from a group, default all)' })
      .check((a) => { if (!a.list && a.graph === undefined) throw new Error('give --list or --graph'); return true; }),
    guard(async (a: { inventory?: string[]; list?: boolean; graph?: string }) => {
      const inv = await inventoryFrom(a as CommonArgs, io.cwd);
      const text = a.list ? renderInventoryList(inv) : renderInventoryGraph(inv, a.graph || 'all');
      io.out(text.endsWith('\n') ? text : `${text}\n`);
      return EXIT.ok;
    }))
    .command(vaultCommand(io, guard))
    .command(argv[0] === 'lab' ? (await import('../../lab/cli.ts')).labCommand : LAB_STUB)
    .command('$0 <pattern>', 'run one module on the hosts matching PATTERN', (y: Argv) => commonOptions(y)
      .positional('pattern', { type: 'string', demandOption: true, describe: 'host pattern: all, group, web*, a:b, a:&b, a:!b' })
      .option('module-name', { alias: 'm', type: 'string', default: 'command', describe: 'module to run' })
      .option('args', { alias: 'a', type: 'string', describe: "module arguments: 'k=v k2=\"v 2\"', JSON, or a free-form command" }),
    guard((a) => adhocCommand(a as unknown as AdhocArgs, io)))
    .strict()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new ArgsError(msg);
    });
  try {
    await parser.parseAsync();
  } catch (e) {
    return reportError(e, io, argv.some((x) => /^-v{3,}$/.test(x)));
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
