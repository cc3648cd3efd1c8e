// Test helper: FileStat facts parsed from the real stat output recorded in test/fixtures/modules/file-stat/.
import { readFileSync } from 'node:fs';
import { type FileStat, parseFileStat } from '../../../modules/facts/file-stat.ts';

const dir = new URL('../../fixtures/modules/file-stat/', import.meta.url);
const cases = JSON.parse(readFileSync(new URL('cases.json', dir), 'utf8')) as Record<string, { path: string }>;

/** The recorded path of fixture `name` and its parsed FileStat. */
export function statFixture(name: string): FileStat {
  const c = cases[name];
  if (!c) throw new Error(`no file-stat fixture ${name}`);
  return parseFileStat(c.path, { code: 0, stdout: readFileSync(new URL(`${name}.txt`, dir), 'utf8'), stderr: '' });
}

/** A step list as short strings for table tests: 'run: chmod 0600 -- /x', 'put: /x 0600 root:', 'call: …'. */
export function describeSteps(steps: import('../../../core/module.ts').Step[]): string[] {
  return steps.map((s) => {
    if (s.kind === 'put') return `put: ${s.path} ${s.mode.toString(8).padStart(4, '0')} ${s.owner ?? ''}:${s.group ?? ''}`;
    if (s.kind === 'call') return `call: ${s.describe}`;
    return `run: ${Array.isArray(s.command) ? s.command.join(' ') : '(shell)'}`;
  });
}
