// `tsible PATTERN -i INV -m MODULE -a ARGS`: one module on the matching hosts, as a one-task play.
import { ArgsError } from '../core/errors.ts';
import { findModule, loadModuleRegistry } from '../core/engine/module-registry.ts';
import { prepareArgs } from '../core/engine/run-module.ts';
import { EXIT, runPlaybook } from '../core/engine/run-playbook.ts';
import { playHosts } from '../core/engine/run-play.ts';
import { AdhocReporter } from '../output/adhoc-reporter.ts';
import { JsonReporter } from '../output/json-reporter.ts';
import { holdsTemplate, templateValue } from '../core/template/template-value.ts';
import { parseAdhocArgs } from './adhoc-args.ts';
import { builtinModulesNamed } from './builtins.ts';
import type { CliIo } from './io.ts';
import type { CommonArgs } from './options.ts';
import { withConfig } from './apply-config.ts';
import { checkCommonArgs, inventoryFrom, loadRunConfig, runSettings } from './run-setup.ts';

export interface AdhocArgs extends CommonArgs {
  pattern: string;
  moduleName: string;
  args?: string;
  /** --list-hosts: print the matching hosts, run nothing. */
  listHosts?: boolean;
  /** -o / --one-line: one line per host. */
  oneLine?: boolean;
}

export async function adhocCommand(given: AdhocArgs, io: CliIo): Promise<number> {
  checkCommonArgs(given);
  const a = withConfig(given, loadRunConfig(io));
  const inventory = await inventoryFrom(a, io.cwd);
  if (a.listHosts) {
    const hosts = playHosts({ inventory, limit: a.limit }, { hosts: a.pattern, tasks: [] });
    io.out(`  hosts (${hosts.length}):\n${hosts.map((h) => `    ${h}\n`).join('')}`);
    return EXIT.ok;
  }
  const registry = await loadModuleRegistry({ baseDir: io.cwd, modulePaths: a.modulePath, builtins: await builtinModulesNamed([a.moduleName]) });
  const module = findModule(registry, a.moduleName);
  const known = new Set(Object.entries(module.args).flatMap(([name, spec]) => [name, ...(spec.aliases ?? [])]));
  const args = parseAdhocArgs(a.args, 'cmd' in module.args ? known : undefined);
  // A module of free variable names (set_fact) takes name=value words only: a word that is not one is not a command.
  if (module.args['*'] && typeof args.cmd === 'string') throw new ArgsError(`module ${module.name} takes name=value words; "${args.cmd}" is not one (a name is letters, digits and _, not starting with a digit)`, { field: 'args' });
  const task = `${module.name} (ad hoc)`;
  // `{{ }}` in -a renders per host (checked then); plain arguments are checked once, before any host is touched.
  const templated = holdsTemplate(args);
  if (!templated) prepareArgs(module, args, {}, { field: undefined, task });
  const taskArgs = templated ? (vars: Record<string, unknown>) => templateValue(args, vars, { label: '-a', revealInStrings: true }) : args;
  const play = { name: `Ad-hoc ${module.name}`, hosts: a.pattern, tasks: [{ module, args: taskArgs }] };
  if (!playHosts({ inventory, limit: a.limit }, play).length) throw new ArgsError(`no host matches "${a.pattern}"${a.limit ? ` with limit "${a.limit}"` : ''}`, { field: 'pattern' });
  const reporter = a.json ? new JsonReporter(io.out) : new AdhocReporter({ write: io.out, color: io.color, diff: !!a.diff, oneLine: !!a.oneLine });
  const settings = await runSettings(a, { cwd: io.cwd, baseDir: io.cwd, reporter, inventory });
  return (await runPlaybook({ plays: [play] }, settings)).exitCode;
}
