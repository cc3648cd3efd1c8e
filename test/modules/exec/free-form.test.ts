// peelFreeForm: leading creates=/removes=/chdir= words of a free-form command become arguments; the rest stays verbatim.
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { peelFreeForm } from '../../../modules/exec/free-form.ts';

const KEYS = ['creates', 'removes', 'chdir', 'executable'];

describe('peelFreeForm', () => {
  const table: [string, Record<string, string>, string][] = [
    ['uptime', {}, 'uptime'],
    ['creates=/x echo hi', { creates: '/x' }, 'echo hi'],
    ['chdir=/tmp creates=out.txt  tar xf a.tgz | wc', { chdir: '/tmp', creates: 'out.txt' }, 'tar xf a.tgz | wc'],
    [`chdir="/a b" ls 'x  y'`, { chdir: '/a b' }, `ls 'x  y'`],
    ['echo chdir=/x', {}, 'echo chdir=/x'],
    ['FOO=bar env', {}, 'FOO=bar env'],
    ['creates=/x', { creates: '/x' }, ''],
    [`executable=/bin/bash echo "it's" # it's a comment`, { executable: '/bin/bash' }, `echo "it's" # it's a comment`],
    [`echo 'unbalanced`, {}, `echo 'unbalanced`],
    [`'unbalanced`, {}, `'unbalanced`],
  ];
  for (const [line, options, rest] of table) {
    it(`${JSON.stringify(line)} → ${JSON.stringify(options)} + ${JSON.stringify(rest)}`, () => {
      expect(peelFreeForm(line, KEYS)).to.deep.equal({ options, rest });
    });
  }

  it('refuses a key given twice, naming it', () => {
    expect(() => peelFreeForm('creates=/a creates=/b echo', KEYS, { host: 'web1' })).to.throw(ArgsError, 'host web1, field "creates"');
  });
});
