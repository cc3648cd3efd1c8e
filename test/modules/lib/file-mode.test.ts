// File modes: octal and symbolic mode arguments against what GNU chmod does on this machine.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMode, formatMode, octalMode } from '../../../modules/lib/file-mode.ts';

describe('file modes', () => {
  it('octal strings', () => {
    expect(octalMode('0644')).to.equal(0o644);
    expect(octalMode('4755')).to.equal(0o4755);
    expect(octalMode('u=rw')).to.equal(undefined);
    expect(formatMode(0o600)).to.equal('0600');
    expect(applyMode('0600', 0o4777, false)).to.equal(0o600);
  });

  // [mode, current, isDir, expected]
  const table: [string, number, boolean, number][] = [
    ['u=rw,g=r,o=r', 0o777, false, 0o644],
    ['u=rw,go=', 0o644, false, 0o600],
    ['u+x', 0o644, false, 0o744],
    ['a-w', 0o664, false, 0o444],
    ['+x', 0o644, false, 0o755],
    ['go-rwx', 0o755, true, 0o700],
    ['u=rwX,g=rX,o=rX', 0o600, false, 0o644],
    ['u=rwX,g=rX,o=rX', 0o700, false, 0o755],
    ['u=rwX,g=rX,o=rX', 0o700, true, 0o755],
    ['g+s', 0o755, true, 0o2755],
    ['+t', 0o777, true, 0o1777],
    ['u+x-w', 0o644, false, 0o544],
    ['g=u', 0o640, false, 0o660],
  ];
  for (const [mode, cur, isDir, want] of table) {
    it(`${mode} on ${isDir ? 'dir' : 'file'} ${formatMode(cur)} → ${formatMode(want)}`, () => {
      expect(formatMode(applyMode(mode, cur, isDir))).to.equal(formatMode(want));
    });
  }

  describe('agrees with chmod on this machine (explicit "who", where umask plays no part)', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'tsible-mode-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));
    for (const [mode, cur, isDir] of table.filter(([m]) => !m.startsWith('+'))) {
      it(`chmod ${mode} on ${formatMode(cur)}`, () => {
        const p = join(dir, `${isDir ? 'd' : 'f'}-${mode.replace(/[^a-zA-Z]/g, '_')}-${cur.toString(8)}`);
        if (isDir) mkdirSync(p);
        else writeFileSync(p, '');
        chmodSync(p, cur);
        execFileSync('chmod', [mode, p]);
        expect(formatMode(statSync(p).mode & 0o7777)).to.equal(formatMode(applyMode(mode, cur, isDir)));
      });
    }
  });
});
