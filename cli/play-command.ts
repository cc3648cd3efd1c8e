// `tsible play PLAYBOOK… -i INV`: validate every playbook first, then run them (or list hosts/tasks, or type-check).
import { dirname, relative } from 'node:path';
import { ArgsError } from '../core/errors.ts';
import { loadPlaybook } from '../core/engine/load-playbook.ts';
import { EXIT, runPlaybook } from '../core/engine/run-playbook.ts';
import { playHosts } from '../core/engine/run-play.ts';
import { taskSelected } from '../core/engine/tag-filter.ts';
import { taskLabel } from '../core/engine/task-label.ts';
import { validatePlaybook } from '../core/engine/validate-playbook.ts';
import type { Playbook, Task } from '../core/task.ts';
import { ConsoleReporter } from '../output/console-reporter.ts';
import { JsonReporter } from '../output/json-reporter.ts';
import type { CommonArgs } from './options.ts';
import { withConfig } from './apply-config.ts';
import { checkCommonArgs, inventoryFrom, loadRunConfig, runSettings } from './run-setup.ts';
import { stepPrompter } from './step.ts';
import { typeCheckPlaybook } from './syntax-check.ts';
import type { CliIo } from './io.ts';

export interface PlayArgs extends CommonArgs {
  playbook: string[];
  tags?: string[];
  skipTags?: string[];
  listHosts?: boolean;
  listTasks?: boolean;
  listTags?: boolean;
  step?: boolean;
  syntaxCheck?: boolean;
  startAtTask?: string;
  changedExitCode?: boolean;
}

export async function playCommand(given: PlayArgs, io: CliIo): Promise<number> {
  checkCommonArgs(given);
  const a = withConfig(given, loadRunConfig(io));
  const tags = splitList(a.tags);
  const skipTags = splitList(a.skipTags);
  if (a.syntaxCheck) return syntaxCheck(a.playbook, io);
  const loaded = [];
  for (const file of a.playbook) {
    const pb = await loadPlaybook(file, io.cwd);
    validatePlaybook(pb.playbook, file, pb.source);
    loaded.push({ file, ...pb });
  }
  const inventory = await inventoryFrom(a, io.cwd);
  for (const pb of loaded) for (const play of pb.playbook.plays) playHosts({ inventory, limit: a.limit }, play); // bad patterns fail here, before any host
  if (a.listHosts || a.listTasks || a.listTags) {
    for (const pb of loaded) io.out(listing(pb.file, pb.playbook, (play) => playHosts({ inventory, limit: a.limit }, play), a, tags, skipTags));
    return EXIT.ok;
  }
  let exitCode: number = EXIT.ok;
  let changed = false;
  for (const pb of loaded) {
    const reporter = a.json ? new JsonReporter(io.out) : new ConsoleReporter({ write: io.out, color: io.color, verbosity: a.verbose, diff: !!a.diff });
    const settings = await runSettings(a, { cwd: io.cwd, baseDir: dirname(pb.path), file: pb.file, reporter, inventory });
    const step = a.step ? stepPrompter(io) : undefined;
    const outcome = await runPlaybook(pb.playbook, { ...settings, tags, skipTags, startAtTask: a.startAtTask, step });
    changed ||= [...outcome.stats.values()].some((s) => s.changed > 0);
    exitCode = Math.max(exitCode, outcome.exitCode);
    if (outcome.exitCode !== EXIT.ok) break;
  }
  if (exitCode === EXIT.ok && changed && a.changedExitCode) return EXIT.checkChanges;
  return exitCode;
}

function syntaxCheck(files: string[], io: CliIo): Promise<number> {
  return (async () => {
    let bad = false;
    for (const file of files) {
      const pb = await loadPlaybook(file, io.cwd).catch((e: Error) => e);
      if (pb instanceof Error) throw pb;
      const problems = await typeCheckPlaybook(pb.path);
      for (const p of problems) io.err(`ERROR! ${p.file ? `${relative(io.cwd, p.file)}:${p.line}:${p.column}: ` : ''}${p.message}\n`);
      if (problems.length) bad = true;
      else validatePlaybook(pb.playbook, file, pb.source);
      io.out(`\nplaybook: ${file}${problems.length ? ` (${problems.length} error${problems.length > 1 ? 's' : ''})` : ''}\n`);
    }
    return bad ? EXIT.badInput : EXIT.ok;
  })();
}

function listing(file: string, pb: Playbook, hostsOf: (p: Playbook['plays'][number]) => string[], a: PlayArgs, tags?: string[], skipTags?: string[]): string {
  const lines = ['', `playbook: ${file}`];
  pb.plays.forEach((play, i) => {
    lines.push('', `  play #${i + 1} (${play.hosts}): ${play.name ?? play.hosts}\tTAGS: []`);
    if (a.listHosts) {
      const hosts = hostsOf(play);
      lines.push(`    pattern: ['${play.hosts}']`, `    hosts (${hosts.length}):`, ...hosts.map((h) => `      ${h}`));
    }
    if (a.listTags) {
      const all = new Set<string>();
      for (const t of play.tasks) if (!('flushHandlers' in t) && taskSelected(t as Task, tags, skipTags)) for (const tag of (t as Task).tags ?? []) all.add(tag);
      lines.push(`      TASK TAGS: [${[...all].sort().join(', ')}]`);
    }
    if (a.listTasks) {
      lines.push('    tasks:');
      for (const t of play.tasks) {
        if ('flushHandlers' in t) continue;
        const task = t as Task;
        if (taskSelected(task, tags, skipTags)) lines.push(`      ${taskLabel(task)}\tTAGS: [${(task.tags ?? []).join(', ')}]`);
      }
    }
  });
  return lines.join('\n') + '\n';
}

function splitList(values: string[] | undefined): string[] | undefined {
  const out = values?.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  if (out?.some((t) => !/^[\w.-]+$/.test(t))) throw new ArgsError(`bad tag in ${JSON.stringify(values)}`, { field: 'tags' });
  return out?.length ? out : undefined;
}
