// The group module: a local group present (with a gid) or absent, with groupadd/groupmod/groupdel.
import { ArgsError, FactError } from '../core/errors.ts';
import { defineModule, type Change } from '../core/module.ts';
import type { RunResult } from '../core/transport/transport.ts';

/** Arguments of the group module. */
export interface GroupArgs {
  name: string;
  /** present (default) or absent. */
  state?: 'present' | 'absent';
  gid?: number;
  /** A system group (groupadd -r); used on creation only. */
  system?: boolean;
}

/** The group as the host has it. */
export interface GroupFacts {
  exists: boolean;
  gid?: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*\$?$/;

/** Pure: `getent group NAME`'s output (exit 2: no such group) → GroupFacts. */
export function parseGroup(name: string, r: RunResult): GroupFacts {
  if (r.code === 2 && r.stdout === '') return { exists: false };
  const f = r.stdout.trim().split(':');
  if (r.code !== 0 || f.length !== 4 || !/^\d+$/.test(f[2])) throw new FactError(`cannot read group ${name}: exit ${r.code}${r.stderr.trim() ? `: ${r.stderr.trim()}` : ''}`);
  return { exists: true, gid: Number(f[2]) };
}

/** Pure: the changes that bring the group from `facts` to `args`. */
export function planGroup(args: GroupArgs, facts: GroupFacts): Change[] {
  if (args.state === 'absent') return facts.exists ? [{ summary: `remove group ${args.name}`, steps: [{ kind: 'run', command: ['groupdel', args.name] }] }] : [];
  if (!facts.exists) {
    const argv = ['groupadd', ...(args.gid !== undefined ? ['-g', String(args.gid)] : []), ...(args.system ? ['-r'] : []), args.name];
    return [{ summary: `create group ${args.name}`, steps: [{ kind: 'run', command: argv }] }];
  }
  if (args.gid !== undefined && args.gid !== facts.gid) {
    return [{ summary: `group ${args.name}: gid ${facts.gid} → ${args.gid}`, steps: [{ kind: 'run', command: ['groupmod', '-g', String(args.gid), args.name] }] }];
  }
  return [];
}

export const group = defineModule<GroupArgs, GroupFacts>({
  name: 'group',
  doc: {
    summary: 'Makes a local group present (with a gid) or absent, with groupadd, groupmod and groupdel.',
    changed: 'The group was created or removed, or its gid differed.',
    checkMode: 'Reads the group (getent) and reports what would change; runs nothing.',
    ansibleDifferences: ['No non-unique gids, no non-local (LDAP) groups, Linux shadow-utils only.'],
    examples: ["group({ name: 'deploy', gid: 2001 })", "tsible web -i inventory -m group -a 'name=deploy state=absent'"],
  },
  args: {
    name: { type: 'string', required: true, description: 'Group name.' },
    state: { type: 'string', default: 'present', choices: ['present', 'absent'], description: 'present or absent.' },
    gid: { type: 'int', description: 'Group id.' },
    system: { type: 'bool', default: false, description: 'A system group (on creation).' },
  },
  validate(args, where) {
    if (!NAME.test(args.name) || args.name.length > 32) throw new ArgsError(`not a valid group name: "${args.name}"`, { ...where, field: 'name' });
    if (args.gid !== undefined && (args.gid < 0 || !Number.isInteger(args.gid))) throw new ArgsError('gid must be a whole number ≥ 0', { ...where, field: 'gid' });
  },
  async gather(ctx, args) {
    const r = await ctx.run(['getent', 'group', args.name]);
    try {
      return parseGroup(args.name, r);
    } catch (e) {
      throw e instanceof FactError ? new FactError(e.message, ctx.where) : e;
    }
  },
  plan: planGroup,
  output: (args, facts) => ({ name: args.name, state: args.state ?? 'present', ...((args.gid ?? facts.gid) !== undefined ? { gid: args.gid ?? facts.gid } : {}), system: !!args.system }),
});
