// Compatibility suite support: builds a case's files from a description, and reads a folder back as comparable state.
import { lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync, utimesSync, writeFileSync, chmodSync, lutimesSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One path of a fixture: a file's text (mode 0644), a file with a mode, a directory, or a symbolic link. */
export type FixtureEntry = string | { content: string; mode?: number } | { dir: true; mode?: number } | { link: string };

/** Paths relative to the case's folder → what is there before the first run. */
export type Fixture = Record<string, FixtureEntry>;

/** Every fixture path gets this modification time, so "the times were updated" can be seen after a run. */
export const FIXTURE_TIME = new Date('2001-01-01T00:00:00Z');

/** Creates `fixture` under `root` (which must exist), then sets every time to FIXTURE_TIME. */
export function buildFixture(root: string, fixture: Fixture): void {
  const entries = Object.entries(fixture);
  for (const [rel, e] of entries) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof e === 'string') writeFileSync(path, e, { mode: 0o644 });
    else if ('link' in e) symlinkSync(e.link, path);
    else if ('dir' in e) mkdirSync(path, { recursive: true });
    else writeFileSync(path, e.content);
  }
  for (const [rel, e] of entries) {
    if (typeof e === 'object' && !('link' in e)) chmodSync(join(root, rel), e.mode ?? ('dir' in e ? 0o755 : 0o644));
    else if (typeof e === 'string') chmodSync(join(root, rel), 0o644);
  }
  // Deepest first, so that setting a child's time does not disturb a parent's.
  for (const path of walk(root).reverse()) {
    if (lstatSync(path).isSymbolicLink()) lutimesSync(path, FIXTURE_TIME, FIXTURE_TIME);
    else utimesSync(path, FIXTURE_TIME, FIXTURE_TIME);
  }
}

function walk(root: string): string[] {
  const out = [root];
  for (const name of readdirSync(root).sort()) {
    const path = join(root, name);
    if (lstatSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

/** What a path is after a run, in a form two tools' results can be compared by. */
export interface PathState {
  type: 'file' | 'directory' | 'link' | 'other';
  mode?: string;
  content?: string;
  target?: string;
  /** True when the modification time moved away from FIXTURE_TIME (a new path, or touched). */
  touched: boolean;
}

/** Backup files are named PATH.PID.DATE@TIME~: compared by their stem only. */
export function normalizeName(name: string): string {
  return name.replace(/\.\d+\.\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d~$/, '.BACKUP~');
}

/**
 * The state of every path below `root` (the root itself as '.'), keyed by normalized relative path. `side`
 * (the folder holding one tool's cases) is written `$SIDE` in link targets, so both tools' links compare equal.
 */
export function readTree(root: string, side?: string): Record<string, PathState> {
  const out: Record<string, PathState> = {};
  const visit = (path: string, rel: string): void => {
    const s = lstatSync(path);
    const touched = Math.abs(s.mtimeMs - FIXTURE_TIME.getTime()) > 1000;
    if (s.isSymbolicLink()) {
      const target = readlinkSync(path);
      out[rel] = { type: 'link', target: side ? target.split(side).join('$SIDE') : target, touched };
    } else if (s.isDirectory()) {
      out[rel] = { type: 'directory', mode: (s.mode & 0o7777).toString(8), touched: rel === '.' ? false : touched };
      for (const name of readdirSync(path).sort()) visit(join(path, name), rel === '.' ? normalizeName(name) : `${rel}/${normalizeName(name)}`);
    } else if (s.isFile()) {
      out[rel] = { type: 'file', mode: (s.mode & 0o7777).toString(8), content: readFileSync(path, 'latin1'), touched };
    } else {
      out[rel] = { type: 'other', touched };
    }
  };
  visit(root, '.');
  return out;
}
