// Example plugin module: manages the message of the day (/etc/motd) as a list of lines. Read by docs/writing-modules.md.
// In your own project, import from 'tsible' instead of '../../core/index.ts'.
import { ArgsError, FactError, defineModule, type ArgSpecs, type Change, type FactDefinition } from '../../core/index.ts';

/** Arguments of motd: what users see in their editor, so every field has a comment. */
export interface MotdArgs {
  /** The lines of the message, in order. An empty list leaves an empty file. */
  lines: string[];
  /** The file to manage (default /etc/motd). */
  path?: string;
  /** File mode, octal (default '0644'). */
  mode?: string;
}

/** What the host has now. */
export interface MotdFacts {
  /** The file exists. */
  exists: boolean;
  /** Its content ('' when absent). */
  content: string;
  /** Its mode as `stat -c %a` prints it ('644'), '' when absent. */
  mode: string;
}

const specs: ArgSpecs = {
  lines: { type: 'list', elements: 'string', required: true, description: 'The lines of the message, in order.' },
  path: { type: 'string', default: '/etc/motd', description: 'The file to manage.' },
  mode: { type: 'mode', default: '0644', description: "File mode, octal ('0644')." },
};

/** Reads the file's mode and content in one command; the path is an argv word, never part of the script. */
export function motdFact(path: string): FactDefinition<MotdFacts> {
  return {
    name: `motd:${path}`,
    command: ['sh', '-c', 'if [ -f "$1" ]; then stat -c %a -- "$1" && cat -- "$1"; else echo absent; fi', 'sh', path],
    parse: (result) => parseMotd(result.stdout, result.code),
  };
}

/** Pure: the first line is the mode (or "absent"), the rest is the content exactly. */
export function parseMotd(stdout: string, code: number | null): MotdFacts {
  if (code !== 0) throw new FactError(`cannot read the motd file (exit ${code})`);
  const nl = stdout.indexOf('\n');
  const first = nl < 0 ? stdout : stdout.slice(0, nl);
  if (first === 'absent') return { exists: false, content: '', mode: '' };
  if (!/^[0-7]{3,4}$/.test(first)) throw new FactError(`unexpected output reading the motd file: ${JSON.stringify(first)}`);
  return { exists: true, content: stdout.slice(nl + 1), mode: first };
}

/** The file content the lines stand for. */
export function motdContent(lines: string[]): string {
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export const motd = defineModule<MotdArgs, MotdFacts>({
  name: 'motd',
  doc: {
    summary: 'Manages the message of the day (/etc/motd) as a list of lines (example plugin module).',
    changed: 'When the file content or mode differs from the wanted one.',
    checkMode: 'Reads the file and reports the diff; writes nothing.',
    examples: ["motd({ lines: ['Welcome to web1', 'Managed by tsible'] })", "tsible web -m motd -a 'lines=\"Welcome,Managed by tsible\"'"],
  },
  args: specs,
  validate(args, where) {
    if (args.lines.some((l) => l.includes('\n'))) throw new ArgsError('motd lines must not contain newlines (give one line per item)', { ...where, field: 'lines' });
    if (!/^0?[0-7]{3}$/.test(args.mode ?? '0644')) throw new ArgsError("motd mode must be octal, such as '0644'", { ...where, field: 'mode' });
    if (!args.path?.startsWith('/')) throw new ArgsError('motd path must be absolute', { ...where, field: 'path' });
  },
  gather: (ctx, args) => ctx.facts.get(motdFact(args.path ?? '/etc/motd')),
  plan(args, facts): Change[] {
    const path = args.path ?? '/etc/motd';
    const mode = args.mode ?? '0644';
    const want = motdContent(args.lines);
    const modeOk = facts.exists && Number.parseInt(facts.mode, 8) === Number.parseInt(mode, 8);
    if (facts.exists && facts.content === want && modeOk) return [];
    const what = !facts.exists ? 'created' : facts.content !== want ? `${args.lines.length} lines` : `mode ${facts.mode} → ${mode.replace(/^0(?=\d{3}$)/, '')}`;
    return [{
      summary: `${path}: ${what}`,
      diff: facts.content !== want || !facts.exists ? { path, before: facts.content, after: want } : undefined,
      steps: [{ kind: 'put', path, content: want, mode: Number.parseInt(mode, 8) }],
    }];
  },
  output: (args) => ({ path: args.path, lines: args.lines.length }),
});
