// Reads small text files (mode, owner, group, content) inside one shell script, and parses what it printed.
import { FactError } from '../../core/errors.ts';
import { quoteWord } from '../../core/quote.ts';

/** A file as it is on the host: absent, or its content and ownership. */
export type FileSnapshot =
  | { exists: false; path: string }
  | {
      exists: true;
      path: string;
      /** Permission bits, e.g. 0o644. */
      mode: number;
      owner: string;
      group: string;
      content: string;
    };

const TAG = '@@tsible-file';

/**
 * A POSIX sh fragment printing one line per path: `@@tsible-file PATH-B64 missing` or
 * `@@tsible-file PATH-B64 MODE:OWNER:GROUP CONTENT-B64` (base64 keeps any byte and newline intact).
 */
export function fileSnapshotScript(paths: readonly string[]): string {
  return paths
    .map((p) => {
      const q = quoteWord(p);
      const name = Buffer.from(p).toString('base64');
      return `if [ -f ${q} ]; then printf '${TAG} %s %s %s\\n' ${name} "$(stat -L -c '%a:%U:%G' -- ${q})" "$(base64 -w0 -- ${q})"; ` +
        `else printf '${TAG} %s missing\\n' ${name}; fi`;
    })
    .join('\n');
}

/** Parses the lines printed by fileSnapshotScript (other lines are ignored), keyed by path. */
export function parseFileSnapshots(stdout: string): Map<string, FileSnapshot> {
  const out = new Map<string, FileSnapshot>();
  for (const line of stdout.split('\n')) {
    if (!line.startsWith(TAG + ' ')) continue;
    const [, name64, meta, content64 = ''] = line.split(' ');
    const path = Buffer.from(name64 ?? '', 'base64').toString();
    if (meta === 'missing') {
      out.set(path, { exists: false, path });
      continue;
    }
    const m = /^([0-7]+):([^:]*):([^:]*)$/.exec(meta ?? '');
    if (!m) throw new FactError(`cannot read the state of ${path}: unexpected line ${JSON.stringify(line.slice(0, 120))}`);
    out.set(path, { exists: true, path, mode: parseInt(m[1]!, 8), owner: m[2]!, group: m[3]!, content: Buffer.from(content64, 'base64').toString() });
  }
  return out;
}

/** The snapshot of `path`, or a FactError if the script did not report it (the command failed early). */
export function snapshotOf(snapshots: Map<string, FileSnapshot>, path: string, stderr = ''): FileSnapshot {
  const s = snapshots.get(path);
  if (!s) throw new FactError(`cannot read ${path}${stderr.trim() ? `: ${stderr.trim()}` : ''}`);
  return s;
}
