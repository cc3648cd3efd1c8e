// The stat module: reads one path's status on the host (Ansible's stat fields: exists, mode, owner, times, checksum, link target…); never changes anything.
import { FactError } from '../core/errors.ts';
import { defineModule } from '../core/module.ts';
import { quoteWord } from '../core/quote.ts';
import type { RunResult } from '../core/transport/transport.ts';

/** Arguments of the stat module. */
export interface StatArgs {
  /** The path to read; a relative path is relative to the login directory. */
  path: string;
  /** Follow a symbolic link and report its target (default false: the link itself). */
  follow?: boolean;
  /** Checksum a regular file the user can read (default true). */
  getChecksum?: boolean;
  /** sha1 (default, as Ansible), md5, sha224, sha256, sha384 or sha512. */
  checksumAlgorithm?: (typeof ALGORITHMS)[number];
}

const ALGORITHMS = ['sha1', 'md5', 'sha224', 'sha256', 'sha384', 'sha512'] as const;

/** The status as Ansible's stat module returns it (`exists: false` alone for a missing path). */
export type StatResult = { exists: false } | ({ exists: true } & Record<string, unknown>);

/** One stat call: raw mode (hex), uid, gid, size, inode, dev, nlink, atime, mtime, ctime (ns precision), blocks, I/O block, rdev major/minor (hex), owner, group. */
const FORMAT = '%f|%u|%g|%s|%i|%d|%h|%.9X|%.9Y|%.9Z|%b|%o|%t|%T|%U|%G';

/** The script: NUL-terminated records `stat=…`, `path=` (a `~` expanded), `access=rwx` (y/n each, for the connecting or become user), `target=`, `source=`, `checksum=`; or `absent`. */
export function statScript(path: string, o: { follow: boolean; checksum?: string }): string {
  const lines = [
    `p=${quoteWord(path)}`,
    'case "$p" in "~") p="$HOME";; "~/"*) p="$HOME/${p#??}";; esac',
    `if [ -e "$p" ]${o.follow ? '' : ' || [ -L "$p" ]'}; then`,
    `  stat ${o.follow ? '-L ' : ''}--printf 'stat=${FORMAT}\\000' -- "$p" || exit 3`,
    `  if [ "$p" != ${quoteWord(path)} ]; then printf 'path=%s\\000' "$p"; fi`,
    '  a=; for t in r w x; do if [ -$t "$p" ]; then a=${a}y; else a=${a}n; fi; done; printf \'access=%s\\000\' "$a"',
  ];
  if (!o.follow) {
    lines.push('  if [ -L "$p" ]; then printf \'target=\'; readlink -n -- "$p"; printf \'\\000source=\'; readlink -fn -- "$p"; printf \'\\000\'; fi');
  }
  if (o.checksum) {
    lines.push(`  if [ -f "$p" ]${o.follow ? '' : ' && [ ! -L "$p" ]'} && [ -r "$p" ]; then c=$(${o.checksum}sum < "$p") || exit 3; printf 'checksum=%s\\000' "\${c%% *}"; fi`);
  }
  lines.push('else', "  printf 'absent\\000'", 'fi');
  return lines.join('\n');
}

/** Seconds as Python's os.stat gives them (sec + nsec * 1e-9 in doubles), from stat's `%.9Y` text. */
function seconds(text: string): number {
  const [sec, frac = ''] = text.split('.');
  return Number(sec) + Number(frac.padEnd(9, '0').slice(0, 9)) * 1e-9;
}

/** Linux's dev_t encoding of a device number (glibc's makedev). */
function makedev(major: number, minor: number): number {
  return (minor & 0xff) + (major & 0xfff) * 0x100 + (minor & ~0xff) * 0x1000 + Math.floor(major / 0x1000) * 0x100000000;
}

/** Pure: the script's output → Ansible's stat dict. Throws FactError on anything unexpected. */
export function parseStat(path: string, r: RunResult): StatResult {
  if (r.code !== 0) throw new FactError(`cannot stat ${path}: exit ${r.code}${r.stderr.trim() ? `: ${r.stderr.trim()}` : ''}`);
  const records = r.stdout.split('\0');
  const garbled = (): FactError => new FactError(`cannot stat ${path}: unexpected output ${JSON.stringify(r.stdout.slice(0, 200))}`);
  if (records.pop() !== '') throw garbled();
  if (records.length === 1 && records[0] === 'absent') return { exists: false };
  const kv = new Map(records.map((rec) => {
    const eq = rec.indexOf('=');
    if (eq <= 0) throw garbled();
    return [rec.slice(0, eq), rec.slice(eq + 1)] as const;
  }));
  const f = kv.get('stat')?.split('|');
  const access = kv.get('access');
  if (!f || f.length < 16 || !access || !/^[yn]{3}$/.test(access)) throw garbled();
  const raw = parseInt(f[0], 16);
  const type = raw & 0o170000;
  const mode = raw & 0o7777;
  const bit = (b: number): boolean => (mode & b) !== 0;
  const out: Record<string, unknown> = {
    exists: true,
    path: kv.get('path') ?? path,
    mode: mode.toString(8).padStart(4, '0'),
    isdir: type === 0o040000, ischr: type === 0o020000, isblk: type === 0o060000, isreg: type === 0o100000,
    isfifo: type === 0o010000, islnk: type === 0o120000, issock: type === 0o140000,
    uid: Number(f[1]), gid: Number(f[2]), size: Number(f[3]), inode: Number(f[4]), dev: Number(f[5]), nlink: Number(f[6]),
    atime: seconds(f[7]), mtime: seconds(f[8]), ctime: seconds(f[9]),
    wusr: bit(0o200), rusr: bit(0o400), xusr: bit(0o100), wgrp: bit(0o020), rgrp: bit(0o040), xgrp: bit(0o010),
    woth: bit(0o002), roth: bit(0o004), xoth: bit(0o001), isuid: bit(0o4000), isgid: bit(0o2000),
    blocks: Number(f[10]), block_size: Number(f[11]), device_type: makedev(parseInt(f[12], 16), parseInt(f[13], 16)),
    readable: access[0] === 'y', writeable: access[1] === 'y', executable: access[2] === 'y',
    // A name holds no '|' (user and group names never do); keep what follows the 15th field whole anyway.
    pw_name: f[14], gr_name: f.slice(15).join('|'),
  };
  if (kv.has('target')) {
    out.lnk_target = kv.get('target');
    out.lnk_source = kv.get('source');
  }
  if (kv.has('checksum')) {
    if (!/^[0-9a-f]+$/.test(kv.get('checksum')!)) throw garbled();
    out.checksum = kv.get('checksum');
  }
  return out as StatResult;
}

export const stat = defineModule<StatArgs, StatResult>({
  name: 'stat',
  doc: {
    summary: "Reads a path's status on the host (Ansible's stat: exists, type, mode, owner, size, times, checksum, link target); changes nothing.",
    changed: 'Never.',
    checkMode: 'Same as a normal run (it only reads).',
    ansibleDifferences: [
      'No mimetype, charset, attributes or version fields (get_mime, get_attributes are refused): they need file(1) and lsattr on the host.',
    ],
    examples: [
      "stat({ path: '/etc/ha.d/ha.cf' }, { register: 'hacf' })   // then when: (v) => v.hacf.stat.exists",
      "tsible web -i inventory -m stat -a 'path=/etc/ipvsadm.rules checksum_algorithm=sha256'",
    ],
  },
  args: {
    path: { type: 'string', required: true, aliases: ['dest', 'name'], description: 'The path; relative to the login directory when relative.' },
    follow: { type: 'bool', default: false, description: 'Follow a symbolic link (report its target).' },
    getChecksum: { type: 'bool', default: true, aliases: ['get_checksum'], description: 'Checksum a regular file the user can read.' },
    checksumAlgorithm: { type: 'string', default: 'sha1', choices: ALGORITHMS, aliases: ['checksum_algorithm', 'checksum', 'checksum_algo'], description: 'Checksum algorithm.' },
  },
  async gather(ctx, args) {
    const r = await ctx.run({ shell: statScript(args.path, { follow: !!args.follow, checksum: args.getChecksum ? args.checksumAlgorithm : undefined }) });
    try {
      return parseStat(args.path, r);
    } catch (e) {
      throw e instanceof FactError ? new FactError(e.message, ctx.where) : e;
    }
  },
  plan: () => [],
  output: (_args, facts) => ({ stat: facts }),
});
