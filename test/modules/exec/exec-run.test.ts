// command/shell planning and results: plans from facts, creates/removes decisions, result data, the existence script.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { ExecSpec } from '../../../modules/exec/exec-args.ts';
import { ANY_EXIT_STATUS, EXISTS_SCRIPT, againstChdir, formatDelta, lines, outputExec, parseExists, planExec } from '../../../modules/exec/exec-run.ts';

const spec = (over: Partial<ExecSpec> = {}): ExecSpec => ({
  module: 'command', command: ['touch', '/tmp/x'], cmd: ['touch', '/tmp/x'], display: 'touch /tmp/x', stripEmptyEnds: true, ...over,
});

describe('command/shell plan', () => {
  const table: [string, Partial<ExecSpec>, { createsExists?: boolean; removesExists?: boolean }, boolean][] = [
    ['no creates/removes: runs', {}, {}, true],
    ['creates exists: skipped', { creates: '/x' }, { createsExists: true }, false],
    ['creates missing: runs', { creates: '/x' }, { createsExists: false }, true],
    ['removes exists: runs', { removes: '/x' }, { removesExists: true }, true],
    ['removes missing: skipped', { removes: '/x' }, { removesExists: false }, false],
    ['creates missing but removes missing: skipped', { creates: '/a', removes: '/b' }, { createsExists: false, removesExists: false }, false],
    ['creates missing and removes exists: runs', { creates: '/a', removes: '/b' }, { createsExists: false, removesExists: true }, true],
  ];
  for (const [title, over, facts, runs] of table) {
    it(title, () => {
      const changes = planExec(spec(over), facts);
      expect(changes.length).to.equal(runs ? 1 : 0);
    });
  }

  it('the one step runs the command with stdin, chdir and timeout, accepting every exit status', () => {
    const [change] = planExec(spec({ chdir: '/srv', stdin: 'data\n', timeoutMs: 5000 }), {});
    expect(change.summary).to.equal('run: touch /tmp/x');
    expect(change.steps).to.deep.equal([{
      kind: 'run', command: ['touch', '/tmp/x'], stdin: 'data\n', okCodes: ANY_EXIT_STATUS, options: { cwd: '/srv', timeoutMs: 5000 },
    }]);
    expect(ANY_EXIT_STATUS).to.have.length(256);
  });
});

describe('command/shell output', () => {
  it('a run: rc, stdout/stderr without trailing newlines, their lines, cmd and an Ansible delta', () => {
    const out = outputExec(spec(), {}, [{ code: 0, stdout: 'a\nb\n\n', stderr: 'w\r\n', durationMs: 1234.5678 }], false);
    expect(out).to.deep.equal({
      cmd: ['touch', '/tmp/x'], rc: 0, stdout: 'a\nb', stderr: 'w', stdout_lines: ['a', 'b'], stderr_lines: ['w'], delta: '0:00:01.234568',
    });
  });

  it('stripEmptyEnds false keeps the output as printed', () => {
    const out = outputExec(spec({ stripEmptyEnds: false }), {}, [{ code: 0, stdout: 'a\n', stderr: '' }], false);
    expect(out).to.include({ stdout: 'a\n' });
    expect(out.stdout_lines).to.deep.equal(['a']);
  });

  it('a non-zero rc fails the task with rc and stderr in the message', () => {
    const out = outputExec(spec(), {}, [{ code: 2, stdout: '', stderr: "touch: cannot touch '/tmp/x': Permission denied\n" }], false);
    expect(out).to.include({ rc: 2, failed: true, msg: "non-zero return code 2: touch: cannot touch '/tmp/x': Permission denied" });
  });

  it('a long stderr is cut to its last lines in the message (all of it stays in stderr)', () => {
    const stderr = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n');
    const out = outputExec(spec(), {}, [{ code: 1, stdout: '', stderr }], false);
    expect(out.msg).to.match(/^non-zero return code 1: …\nline 30\n/).and.to.match(/line 49$/);
    expect(out.stderr).to.equal(stderr);
  });

  it('skipped by creates/removes: ok data as Ansible gives it', () => {
    expect(outputExec(spec({ creates: '/x' }), { createsExists: true }, [], false)).to.deep.equal({
      cmd: ['touch', '/tmp/x'], rc: 0, stdout: 'skipped, since /x exists', stderr: '', stdout_lines: ['skipped, since /x exists'], stderr_lines: [],
      msg: 'did not run the command since /x exists',
    });
    expect(outputExec(spec({ removes: '/y' }), { removesExists: false }, [], true).msg).to.equal('did not run the command since /y does not exist');
  });

  it('check mode: skipped without creates/removes, would run (not skipped) with them, as Ansible', () => {
    const msg = 'Command would have run if not in check mode';
    expect(outputExec(spec(), {}, [], true)).to.deep.equal({ cmd: ['touch', '/tmp/x'], rc: 0, stdout: '', stderr: '', msg, skipped: true });
    expect(outputExec(spec({ creates: '/x' }), { createsExists: false }, [], true)).to.deep.equal({ cmd: ['touch', '/tmp/x'], rc: 0, stdout: '', stderr: '', msg });
  });

  it('formats deltas and lines', () => {
    expect(formatDelta(0)).to.equal('0:00:00.000000');
    expect(formatDelta(3_723_004.5)).to.equal('1:02:03.004500');
    expect(lines('')).to.deep.equal([]);
    expect(lines('a\r\nb\n')).to.deep.equal(['a', 'b']);
  });
});

describe('creates/removes existence check', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-exec-'));
    writeFileSync(join(dir, 'a b.txt'), '');
    writeFileSync(join(dir, 'x.log'), '');
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs EXISTS_SCRIPT with real /bin/sh, paths as argv words (as the module does). */
  const exists = (...paths: string[]): boolean[] | null => {
    const r = spawnSync('/bin/sh', ['-c', EXISTS_SCRIPT, 'sh', ...paths], { encoding: 'utf8' });
    return parseExists(r.stdout, paths.length);
  };

  it('answers per path: plain, with spaces, globs, a dangling symlink, and shell-looking names run nothing', () => {
    expect(exists(join(dir, 'a b.txt'), join(dir, 'none'), join(dir, '*.log'), join(dir, '*.nope'), join(dir, 'dangling'))).to.deep.equal([true, false, true, false, true]);
    expect(exists(`${dir}/$(touch ${dir}/pwned)`, `${dir}/x.log; touch ${dir}/pwned`)).to.deep.equal([false, false]);
    expect(exists(join(dir, 'pwned'))).to.deep.equal([false]);
  });

  it('parseExists rejects output that is not one y/n line per path', () => {
    expect(parseExists('y\nn\n', 2)).to.deep.equal([true, false]);
    expect(parseExists('y\n', 2)).to.equal(null);
    expect(parseExists('yes\n', 1)).to.equal(null);
  });

  it('relative paths are taken against chdir', () => {
    expect(againstChdir('out.txt', '/srv/www')).to.equal('/srv/www/out.txt');
    expect(againstChdir('/abs', '/srv')).to.equal('/abs');
    expect(againstChdir('rel', undefined)).to.equal('rel');
  });
});
