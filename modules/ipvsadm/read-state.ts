// Reads the live IPVS table (ipvsadm -Sn) and sync daemons, the rules file and the defaults file in one round trip.
import { FactError } from '../../core/errors.ts';
import type { Command } from '../../core/quote.ts';
import type { RunResult } from '../../core/transport/transport.ts';
import { fileSnapshotScript, parseFileSnapshots, snapshotOf, type FileSnapshot } from '../facts/file-snapshot.ts';
import { parseRules } from './parse-rules.ts';
import { parseSyncDaemons, type SyncDaemon } from './sync-daemons.ts';
import type { IpvsTable } from './table.ts';

/** What the host has now. */
export interface IpvsState {
  /** Live table: the parsed `ipvsadm -Sn`, 'not-installed' when there is no ipvsadm, 'not-read' when live is off. */
  live: IpvsTable | 'not-installed' | 'not-read';
  /** `ipvsadm -Sn` as printed (for the diff), '' when not read. */
  liveText: string;
  /** The running connection-sync daemons (`ipvsadm -L --daemon`); [] when not read (no DAEMON setting managed). */
  daemons: SyncDaemon[];
  rulesFile: FileSnapshot;
  /** Undefined when the defaults file is not managed. */
  defaultsFile?: FileSnapshot;
}

const TAG = '@@tsible-ipvs';

/** The one shell script that reads everything (paths quoted by fileSnapshotScript); the sync daemons only when `readDaemons`. */
export function readStateCommand(readLive: boolean, paths: string[], readDaemons = false): Command {
  const live = readLive
    ? `if command -v ipvsadm >/dev/null 2>&1; then ` +
      `if out=$(ipvsadm -Sn 2>&1); then st=ok; else st=failed; fi; printf '${TAG} %s %s\\n' "$st" "$(printf '%s' "$out" | base64 -w0)"; ` +
      (readDaemons ? `printf '${TAG}-daemons %s\\n' "$(ipvsadm -L --daemon 2>/dev/null | base64 -w0)"; ` : '') +
      `else printf '${TAG} absent\\n'; fi\n`
    : '';
  return { shell: `PATH="$PATH:/usr/sbin:/sbin"\n${live}${fileSnapshotScript(paths)}` };
}

/** Parses what readStateCommand printed. Throws FactError when ipvsadm -Sn failed or printed something unreadable. */
export function parseState(result: RunResult, readLive: boolean, rulesFile: string, defaultsFile?: string): IpvsState {
  let live: IpvsState['live'] = 'not-read';
  let liveText = '';
  let daemons: SyncDaemon[] = [];
  if (readLive) {
    const d = result.stdout.split('\n').find((l) => l.startsWith(`${TAG}-daemons `));
    if (d) daemons = parseSyncDaemons(Buffer.from(d.slice(TAG.length + 9), 'base64').toString());
    const line = result.stdout.split('\n').find((l) => l.startsWith(TAG + ' '));
    if (!line) throw new FactError(`cannot read the IPVS table${result.stderr.trim() ? `: ${result.stderr.trim()}` : ''}`);
    const [, status, b64 = ''] = line.split(' ');
    const text = Buffer.from(b64, 'base64').toString();
    if (status === 'absent') live = 'not-installed';
    else if (status === 'failed') throw new FactError(`ipvsadm -Sn failed: ${text.trim() || 'no message'}`);
    else {
      liveText = text === '' ? '' : text.replace(/\n?$/, '\n');
      try {
        live = parseRules(text, true).table;
      } catch (e) {
        throw new FactError(`cannot parse ipvsadm -Sn output: ${(e as Error).message}`, {}, { cause: e });
      }
    }
  }
  const files = parseFileSnapshots(result.stdout);
  return {
    live,
    liveText,
    daemons,
    rulesFile: snapshotOf(files, rulesFile, result.stderr),
    defaultsFile: defaultsFile === undefined ? undefined : snapshotOf(files, defaultsFile, result.stderr),
  };
}
