// The user module: a local account present (uid, primary and supplementary groups, shell, home, comment, password hash) or absent, with useradd/usermod/userdel.
import { ArgsError, FactError } from '../core/errors.ts';
import { defineModule, type Change, type Step } from '../core/module.ts';
import { quoteWord } from '../core/quote.ts';
import { isSecret, Secret } from '../core/secret.ts';
import type { RunResult } from '../core/transport/transport.ts';

/** Arguments of the user module (Ansible's names in snake_case are accepted too). */
export interface UserArgs {
  /** The login name. */
  name: string;
  /** present (default) or absent. */
  state?: 'present' | 'absent';
  uid?: number;
  /** Primary group, by name or gid (it must exist). Default on creation: a group of the user's name. */
  group?: string;
  /** Supplementary groups: they become exactly these, or are added to with `append`. `[]` (or '') removes them all. */
  groups?: string[];
  /** Add `groups` to the user's supplementary groups instead of replacing them (default false, as Ansible). */
  append?: boolean;
  shell?: string;
  /** Home directory. */
  home?: string;
  /** Create the home directory when creating the user (default true). */
  createHome?: boolean;
  /** Move the contents to a changed `home` (usermod -m). */
  moveHome?: boolean;
  /** A system account (useradd -r); used on creation only. */
  system?: boolean;
  /** The GECOS comment (full name). */
  comment?: string;
  /** The password as a crypt(3) hash (e.g. from `mkpasswd -m sha-512`), never in clear. */
  password?: string | Secret;
  /** always (default): set the password whenever the hash differs; on_create: only for a new user. */
  updatePassword?: 'always' | 'on_create';
  /** With state absent: also remove the home directory and mail spool (userdel -r). */
  remove?: boolean;
}

/** The account as the host has it. */
export interface UserFacts {
  exists: boolean;
  uid?: number;
  gid?: number;
  comment?: string;
  home?: string;
  shell?: string;
  /** The password field of /etc/shadow (when readable). */
  hash?: Secret;
  /** Supplementary groups (member lists of /etc/group, the primary one excluded), when `groups` was given. */
  groups?: string[];
  /** The wanted primary group's gid, when `group` was given and it exists. */
  wantedGid?: number;
  /** A group of the user's own name exists (useradd then needs -g NAME, as Ansible passes). */
  ownGroupExists: boolean;
}

/** Names useradd accepts (Debian's default NAME_REGEX, plus upper case and dots as `--badname` would allow). */
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*\$?$/;

/** One command reading the account, its groups and the wanted primary group: NUL-terminated `key=value` records. */
export function userScript(name: string, o: { groups: boolean; group?: string; password: boolean }): string {
  // Only what the arguments need is read: a converged run of `user({ name, shell })` is one getent.
  const lines = [
    `n=${quoteWord(name)}`,
    'if e=$(getent passwd "$n"); then printf \'passwd=%s\\000\' "$e"; else printf \'absent\\000\'; e=; fi',
  ];
  if (o.password) lines.push('s=$(getent shadow "$n" 2>/dev/null) && { s=${s#*:}; printf \'shadow=%s\\000\' "${s%%:*}"; }');
  if (o.group === undefined) lines.push('[ -n "$e" ] || ! getent group "$n" >/dev/null || printf \'owngroup\\000\'');
  if (o.groups) lines.push('getent group | while IFS=: read -r g x i m; do case ",$m," in *",$n,"*) printf \'member=%s:%s\\000\' "$g" "$i";; esac; done');
  if (o.group !== undefined && !/^\d+$/.test(o.group)) lines.push(`if e=$(getent group ${quoteWord(o.group)}); then printf 'wanted=%s\\000' "$e"; fi`);
  lines.push('exit 0');
  return lines.join('\n');
}

/** Pure: the script's output → UserFacts. */
export function parseUser(name: string, r: RunResult, withGroups: boolean): UserFacts {
  if (r.code !== 0) throw new FactError(`cannot read user ${name}: exit ${r.code}${r.stderr.trim() ? `: ${r.stderr.trim()}` : ''}`);
  const records = r.stdout.split('\0');
  if (records.pop() !== '') throw new FactError(`cannot read user ${name}: unexpected output`);
  const facts: UserFacts = { exists: false, ownGroupExists: records.includes('owngroup') };
  const members: { name: string; gid: number }[] = [];
  for (const rec of records) {
    const eq = rec.indexOf('=');
    const key = eq < 0 ? rec : rec.slice(0, eq);
    const value = rec.slice(eq + 1);
    if (key === 'passwd') {
      const f = value.split(':');
      if (f.length !== 7) throw new FactError(`cannot read user ${name}: unexpected passwd entry`);
      Object.assign(facts, { exists: true, uid: Number(f[2]), gid: Number(f[3]), comment: f[4], home: f[5], shell: f[6] });
    } else if (key === 'shadow') {
      facts.hash = new Secret(value);
    } else if (key === 'member') {
      const i = value.lastIndexOf(':');
      members.push({ name: value.slice(0, i), gid: Number(value.slice(i + 1)) });
    } else if (key === 'wanted') {
      facts.wantedGid = Number(value.split(':')[2]);
    }
  }
  if (withGroups) facts.groups = members.filter((m) => m.gid !== facts.gid).map((m) => m.name);
  return facts;
}

/** The wanted supplementary groups as a list (a comma-separated string is split, as Ansible does). */
function wantedGroups(groups: UserArgs['groups'] | string): string[] | undefined {
  if (groups === undefined) return undefined;
  const list = typeof groups === 'string' ? groups.split(',') : groups;
  return list.map((g) => g.trim()).filter(Boolean);
}

/** The primary group matches: a gid compared as a number, a name through its gid. */
function samePrimary(want: string, facts: UserFacts): boolean {
  return /^\d+$/.test(want) ? Number(want) === facts.gid : facts.wantedGid === facts.gid;
}

/** Pure: the changes that bring the account from `facts` to `args`. */
export function planUser(args: UserArgs, facts: UserFacts): Change[] {
  const name = args.name;
  if (args.state === 'absent') {
    if (!facts.exists) return [];
    return [{ summary: `remove user ${name}${args.remove ? ' and its home' : ''}`, steps: [{ kind: 'run', command: ['userdel', ...(args.remove ? ['-r'] : []), name] }] }];
  }
  const groups = wantedGroups(args.groups);
  const passwordStep = (): Step[] => args.password === undefined ? [] : [{
    kind: 'run', command: ['chpasswd', '-e'],
    stdin: new Secret(`${name}:${isSecret(args.password) ? args.password.reveal() : args.password}\n`),
  }];
  if (!facts.exists) {
    const argv = ['useradd'];
    if (args.uid !== undefined) argv.push('-u', String(args.uid));
    if (args.group !== undefined) argv.push('-g', args.group);
    else if (facts.ownGroupExists) argv.push('-g', name);
    if (groups?.length) argv.push('-G', groups.join(','));
    if (args.shell !== undefined) argv.push('-s', args.shell);
    if (args.home !== undefined) argv.push('-d', args.home);
    if (args.comment !== undefined) argv.push('-c', args.comment);
    if (args.system) argv.push('-r');
    argv.push(args.createHome === false ? '-M' : '-m', name);
    return [{ summary: `create user ${name}`, steps: [{ kind: 'run', command: argv }, ...passwordStep()] }];
  }
  const mod: string[] = [];
  const words: string[] = [];
  if (args.uid !== undefined && args.uid !== facts.uid) {
    mod.push('-u', String(args.uid));
    words.push(`uid ${facts.uid} → ${args.uid}`);
  }
  if (args.group !== undefined && !samePrimary(args.group, facts)) {
    mod.push('-g', args.group);
    words.push(`group → ${args.group}`);
  }
  if (groups !== undefined && facts.groups !== undefined) {
    const current = new Set(facts.groups);
    if (args.append) {
      const missing = groups.filter((g) => !current.has(g));
      if (missing.length) {
        mod.push('-a', '-G', missing.join(','));
        words.push(`groups + ${missing.join(',')}`);
      }
    } else if (groups.length !== current.size || groups.some((g) => !current.has(g))) {
      mod.push('-G', groups.join(','));
      words.push(`groups ${[...current].join(',') || '(none)'} → ${groups.join(',') || '(none)'}`);
    }
  }
  if (args.shell !== undefined && args.shell !== facts.shell) {
    mod.push('-s', args.shell);
    words.push(`shell ${facts.shell} → ${args.shell}`);
  }
  if (args.home !== undefined && args.home !== facts.home) {
    mod.push('-d', args.home, ...(args.moveHome ? ['-m'] : []));
    words.push(`home ${facts.home} → ${args.home}`);
  }
  if (args.comment !== undefined && args.comment !== facts.comment) {
    mod.push('-c', args.comment);
    words.push('comment');
  }
  const changes: Change[] = mod.length ? [{ summary: `user ${name}: ${words.join(', ')}`, steps: [{ kind: 'run', command: ['usermod', ...mod, name] }] }] : [];
  const wantedHash = args.password === undefined ? undefined : isSecret(args.password) ? args.password.reveal() : args.password;
  if (wantedHash !== undefined && args.updatePassword !== 'on_create' && wantedHash !== facts.hash?.reveal()) {
    changes.push({ summary: `user ${name}: password`, steps: passwordStep() });
  }
  return changes;
}

export const user = defineModule<UserArgs, UserFacts>({
  name: 'user',
  doc: {
    summary: 'Makes a local user account present (uid, primary and supplementary groups, shell, home, comment, password hash) or absent, with useradd, usermod and userdel.',
    changed: 'The account was created or removed, or one of the given attributes differed (the password: its hash in /etc/shadow).',
    checkMode: 'Reads the account and its groups in one command and reports what would change; runs nothing.',
    ansibleDifferences: [
      'The password is set with chpasswd -e (the hash on standard input, not on a command line) and is always a Secret: masked in output.',
      'A password that is not a crypt(3) hash is refused before anything runs (Ansible warns and sets it as the hash, which locks the account).',
      'Fewer options: no expires, ssh keys, password_lock, seuser, non-local (LDAP) accounts or other platforms than Linux shadow-utils.',
    ],
    examples: [
      "user({ name: 'deploy', groups: ['www-data'], append: true, shell: '/bin/bash' })",
      "user({ name: 'olduser', state: 'absent', remove: true })",
      "tsible web -i inventory -m user -a 'name=deploy groups=www-data append=yes shell=/bin/bash'",
    ],
  },
  args: {
    name: { type: 'string', required: true, aliases: ['user'], description: 'Login name.' },
    state: { type: 'string', default: 'present', choices: ['present', 'absent'], description: 'present or absent.' },
    uid: { type: 'int', description: 'User id.' },
    group: { type: 'string', description: 'Primary group (name or gid; it must exist).' },
    groups: { type: 'list', elements: 'string', description: 'Supplementary groups (exactly these, or added with append).' },
    append: { type: 'bool', default: false, description: 'Add groups instead of replacing them.' },
    shell: { type: 'string', description: 'Login shell.' },
    home: { type: 'string', description: 'Home directory.' },
    createHome: { type: 'bool', default: true, aliases: ['create_home', 'createhome'], description: 'Create the home directory on creation.' },
    moveHome: { type: 'bool', default: false, aliases: ['move_home'], description: 'Move the contents when home changes.' },
    system: { type: 'bool', default: false, description: 'A system account (on creation).' },
    comment: { type: 'string', description: 'GECOS comment.' },
    password: { type: 'secret', description: 'Password hash (crypt(3)), never the clear password.' },
    updatePassword: { type: 'string', default: 'always', choices: ['always', 'on_create'], aliases: ['update_password'], description: 'always or on_create.' },
    remove: { type: 'bool', default: false, description: 'With state absent: remove the home directory too.' },
  },
  validate(args, where) {
    if (!NAME.test(args.name) || args.name.length > 32) throw new ArgsError(`not a valid user name: "${args.name}"`, { ...where, field: 'name' });
    if (args.uid !== undefined && (args.uid < 0 || !Number.isInteger(args.uid))) throw new ArgsError('uid must be a whole number ≥ 0', { ...where, field: 'uid' });
    const hash = args.password === undefined ? undefined : isSecret(args.password) ? args.password.reveal() : args.password;
    if (hash !== undefined && (/[:\n]/.test(hash) || (hash !== '' && !/^(\$|[!*])/.test(hash) && !/^[./0-9A-Za-z]{13}$/.test(hash)))) {
      throw new ArgsError('password must be a crypt(3) hash (e.g. from mkpasswd -m sha-512), not the clear password', { ...where, field: 'password' });
    }
  },
  async gather(ctx, args) {
    const r = await ctx.run({ shell: userScript(args.name, { groups: args.groups !== undefined, group: args.group, password: args.password !== undefined }) });
    try {
      return parseUser(args.name, r, args.groups !== undefined);
    } catch (e) {
      throw e instanceof FactError ? new FactError(e.message, ctx.where) : e;
    }
  },
  plan: planUser,
  output(args, facts) {
    if (args.state === 'absent') return { name: args.name, state: 'absent', remove: !!args.remove };
    const shown = (k: 'uid' | 'shell' | 'home' | 'comment') => (args[k] ?? facts[k]) !== undefined ? { [k]: args[k] ?? facts[k] } : {};
    return { name: args.name, state: 'present', ...shown('uid'), ...shown('shell'), ...shown('home'), ...shown('comment'), ...(args.groups !== undefined ? { groups: wantedGroups(args.groups)!.join(','), append: !!args.append } : {}) };
  },
});
