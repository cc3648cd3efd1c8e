// Fact: a sysctl key's live value and the file that persists it, read in one round trip.
import { FactError } from '../../core/errors.ts';
import type { FactDefinition } from '../../core/facts.ts';
import { quoteWord } from '../../core/quote.ts';
import { fileSnapshotScript, parseFileSnapshots, snapshotOf, type FileSnapshot } from './file-snapshot.ts';

/** What `sysctl -n KEY` said, and the persisted file. */
export interface SysctlState {
  key: string;
  /** The live value as the kernel prints it, or undefined when it could not be read (see liveError) or was not asked for. */
  live?: string;
  /** sysctl's message when the key cannot be read (unknown key, not permitted). */
  liveError?: string;
  file: FileSnapshot;
}

/**
 * The fact for one key and one sysctl file (cached per key, file and `live`). `live: false` reads only the
 * file (for `reload: false`, where the live value is not compared): no sysctl run on the host.
 */
export function sysctlStateFact(key: string, file: string, opts: { live?: boolean } = {}): FactDefinition<SysctlState> {
  const q = quoteWord(key);
  const live = opts.live ?? true;
  const script = [
    live
      ? `if v=$(sysctl -n ${q} 2>&1); then printf '@@tsible-sysctl live %s\\n' "$(printf '%s' "$v" | base64 -w0)"; ` +
        `else printf '@@tsible-sysctl error %s\\n' "$(printf '%s' "$v" | base64 -w0)"; fi`
      : "echo '@@tsible-sysctl unread'",
    fileSnapshotScript([file]),
  ].join('\n');
  return {
    name: `sysctl:${key}:${file}${live ? '' : ':file-only'}`,
    command: { shell: script },
    parse: (result) => parseSysctlState(key, file, result.stdout, result.stderr),
  };
}

/** Pure parser of the fact command's output. */
export function parseSysctlState(key: string, file: string, stdout: string, stderr = ''): SysctlState {
  const m = /^@@tsible-sysctl (live|error|unread) ?(\S*)$/m.exec(stdout);
  if (!m) throw new FactError(`cannot read sysctl ${key}${stderr.trim() ? `: ${stderr.trim()}` : ''}`);
  const text = Buffer.from(m[2] ?? '', 'base64').toString().replace(/\n+$/, '');
  const state: SysctlState = { key, file: snapshotOf(parseFileSnapshots(stdout), file, stderr) };
  if (m[1] === 'unread') return state;
  if (m[1] === 'live') state.live = text;
  else state.liveError = text || 'sysctl failed without a message';
  return state;
}
