// sysctl: a kernel parameter's live value and its persisted line in a sysctl file, both converged.
import { ArgsError, CommandError, FactError } from '../core/errors.ts';
import { defineModule, type Change } from '../core/module.ts';
import { toDisplay } from '../core/quote.ts';
import { sysctlStateFact, type SysctlState } from './facts/sysctl-state.ts';
import { normalizeSysctlValue, removeSysctlKey, setSysctlKey } from './lib/sysctl-conf.ts';

export interface SysctlArgs {
  /** The key, dotted (`net.ipv4.ip_forward`) or with slashes (`net/ipv4/ip_forward`). */
  name: string;
  /** The wanted value (required when state is present); blanks between fields are compared loosely. */
  value?: string;
  /** present: the key has `value` (live and in the file); absent: the file no longer sets the key (the live value is left). Default present. */
  state?: 'present' | 'absent';
  /** The file that persists the key (default /etc/sysctl.conf, as in the tutorial; a file in /etc/sysctl.d/ works too). */
  sysctlFile?: string;
  /** Also set the live value with `sysctl -w` (default true); false only edits the file. */
  reload?: boolean;
}

export type SysctlFacts = SysctlState;

const KEY = /^[A-Za-z0-9_][A-Za-z0-9_.\/:@-]*$/;

export const sysctl = defineModule<SysctlArgs, SysctlFacts>({
  name: 'sysctl',
  doc: {
    summary: 'Sets a kernel parameter live (sysctl -w) and persists it in a sysctl file (edited in place, written atomically).',
    changed: 'The live value differed (and reload is on), or the file did not set the key to the value (state present) or still set it (state absent).',
    checkMode: 'Reads the live value (not with reload: false) and the file, reports what would change with a diff of the file; writes nothing.',
    examples: [
      "sysctl({ name: 'net.ipv4.ip_forward', value: '1' }, { name: 'Route between the networks' })",
      "tsible lb -m sysctl -a 'name=net.ipv4.ip_forward value=1 sysctl_file=/etc/sysctl.d/60-lvs.conf'",
    ],
  },
  args: {
    name: { type: 'string', required: true, description: 'The key: net.ipv4.ip_forward.', aliases: ['key'] },
    value: { type: 'string', description: 'Wanted value (required for state present).', aliases: ['val'] },
    state: { type: 'string', default: 'present', choices: ['present', 'absent'], description: 'present or absent (absent removes the key from the file only).' },
    sysctlFile: { type: 'string', default: '/etc/sysctl.conf', description: 'File that persists the key.', aliases: ['sysctl_file'] },
    reload: { type: 'bool', default: true, description: 'Set the live value too (sysctl -w).' },
  },
  validate(args, where) {
    if (!KEY.test(args.name)) throw new ArgsError(`not a sysctl key: "${args.name}"`, { ...where, field: 'name' });
    if (args.state === 'present' && (args.value === undefined || String(args.value).trim() === '')) {
      throw new ArgsError('state present needs a value', { ...where, field: 'value' });
    }
    if (args.value !== undefined && /[\n\r]/.test(String(args.value))) throw new ArgsError('the value must be one line', { ...where, field: 'value' });
    if (!args.sysctlFile!.startsWith('/')) throw new ArgsError('sysctlFile must be an absolute path', { ...where, field: 'sysctlFile' });
  },
  async gather(ctx, args) {
    // reload: false never compares the live value: only the file is read.
    const state = await ctx.facts.get(sysctlStateFact(args.name, args.sysctlFile!, { live: args.reload !== false }));
    if (args.state === 'present' && args.reload && state.live === undefined) {
      throw new FactError(`cannot read sysctl ${args.name} on this host: ${state.liveError}`, { ...ctx.where, field: 'name' });
    }
    return state;
  },
  plan(args, facts) {
    const changes: Change[] = [];
    const file = args.sysctlFile!;
    const before = facts.file.exists ? facts.file.content : '';
    if (args.state === 'present') {
      const value = String(args.value).trim();
      if (args.reload && facts.live !== undefined && normalizeSysctlValue(facts.live) !== normalizeSysctlValue(value)) {
        changes.push(setLive(args.name, facts.live, value));
      }
      const after = setSysctlKey(before, args.name, value);
      if (after !== before || !facts.file.exists) changes.push(writeFile(file, facts, before, after, `${file}: ${args.name}=${value}`));
    } else {
      const after = removeSysctlKey(before, args.name);
      if (after !== before) changes.push(writeFile(file, facts, before, after, `${file}: ${args.name} removed`));
    }
    return changes;
  },
  output(args, facts) {
    return { name: args.name, value: args.value, live: facts.live, sysctlFile: args.sysctlFile };
  },
});

/** `sysctl -w`, failing when the kernel refuses even though sysctl exits 0 (its message goes to stderr). */
function setLive(key: string, live: string, value: string): Change {
  const command = ['sysctl', '-w', `${key}=${value}`];
  return {
    summary: `${key}: ${normalizeSysctlValue(live)} → ${value}`,
    steps: [{
      kind: 'call',
      describe: toDisplay(command),
      async call(ctx) {
        const result = await ctx.run(command);
        if (result.code !== 0 || result.stderr.trim() !== '') {
          throw new CommandError(`the kernel refused ${key}=${value}`, toDisplay(command), result.code, result.stderr, { ...ctx.where, field: 'value' });
        }
        return result;
      },
    }],
  };
}

function writeFile(path: string, facts: SysctlFacts, before: string, after: string, summary: string): Change {
  const keep = facts.file.exists ? { mode: facts.file.mode, owner: facts.file.owner, group: facts.file.group } : { mode: 0o644 };
  return { summary, diff: { path, before, after }, steps: [{ kind: 'put', path, content: after, ...keep }] };
}
