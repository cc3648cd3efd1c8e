// Reads ldirectord's state in one round trip: installed or not, running or not (its pid file), and its configuration file.
import type { Command } from '../../core/quote.ts';
import { quoteWord } from '../../core/quote.ts';
import type { RunResult } from '../../core/transport/transport.ts';
import { FactError } from '../../core/errors.ts';
import { fileSnapshotScript, parseFileSnapshots, snapshotOf, type FileSnapshot } from '../facts/file-snapshot.ts';

/** What the host has now. */
export interface LdirectordState {
  /** /usr/sbin/ldirectord exists. */
  installed: boolean;
  /** The daemon for this configuration file runs (its pid file names a live process). */
  running: boolean;
  /** The configuration file. */
  config: FileSnapshot;
}

const TAG = '@@tsible-ldirectord';

/** The configuration ldirectord reads when it is given none (`ldirectord start`: systemd's unit, Heartbeat's resource). */
export const DEFAULT_CONFIG = '/etc/ha.d/ldirectord.cf';

/**
 * ldirectord's arguments for a configuration file: none for the default one, else the file. They also name
 * its pid file: `ldirectord start` writes /run/ldirectord.ldirectord.pid, `ldirectord FILE start` /run/ldirectord.BASENAME.pid.
 */
export function configArgs(configFile: string): string[] {
  return configFile === DEFAULT_CONFIG ? [] : [configFile];
}

/** ldirectord's pid file for a configuration file (see configArgs). */
export function pidFileOf(configFile: string): string {
  return `/run/ldirectord.${configFile === DEFAULT_CONFIG ? 'ldirectord' : configFile.replace(/.*\//, '')}.pid`;
}

/** The one shell script that reads everything. */
export function readStateCommand(configFile: string): Command {
  const pid = quoteWord(pidFileOf(configFile));
  return {
    shell: [
      'PATH="$PATH:/usr/sbin:/sbin"',
      `if command -v ldirectord >/dev/null 2>&1; then i=yes; else i=no; fi`,
      `if [ -f ${pid} ] && kill -0 "$(cat ${pid})" 2>/dev/null; then r=yes; else r=no; fi`,
      `printf '${TAG} %s %s\\n' "$i" "$r"`,
      fileSnapshotScript([configFile]),
    ].join('\n'),
  };
}

/** Parses what readStateCommand printed. */
export function parseState(result: RunResult, configFile: string): LdirectordState {
  const line = result.stdout.split('\n').find((l) => l.startsWith(`${TAG} `));
  if (!line) throw new FactError(`cannot read ldirectord's state${result.stderr.trim() ? `: ${result.stderr.trim()}` : ''}`);
  const [, installed, running] = line.split(' ');
  return { installed: installed === 'yes', running: running === 'yes', config: snapshotOf(parseFileSnapshots(result.stdout), configFile, result.stderr) };
}
