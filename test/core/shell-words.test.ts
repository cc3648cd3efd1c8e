// splitCommandWords: shell word splitting without expansion, as a table of lines and the argv sh would build.
import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import { ArgsError } from '../../core/errors.ts';
import { commandWords, splitCommandWords } from '../../core/shell-words.ts';

const words = (line: string): string[] => splitCommandWords(line).map((w) => w.text);

/** The argv a real /bin/sh builds from `line` (printf prints each word between < >). */
function shWords(line: string): string[] {
  const r = spawnSync('/bin/sh', ['-c', `set -f; for w in ${line}; do printf '<%s>' "$w"; done`], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
  return [...r.stdout.matchAll(/<([\s\S]*?)>/g)].map((m) => m[1]);
}

describe('splitCommandWords', () => {
  const table: [string, string[]][] = [
    ['uptime', ['uptime']],
    ['  echo   a\tb  ', ['echo', 'a', 'b']],
    [`echo 'a b' "c d"`, ['echo', 'a b', 'c d']],
    [`echo it\\'s`, ['echo', "it's"]],
    [`echo 'it'\\''s'`, ['echo', "it's"]],
    [`echo "say \\"hi\\"" 'a\\b'`, ['echo', 'say "hi"', 'a\\b']],
    [`echo "a\\b" "\\$x" "\\\\"`, ['echo', 'a\\b', '$x', '\\']],
    [`k="v w"x`, ['k=v wx']],
    [`echo '' ""`, ['echo', '', '']],
    ['echo a\\ b', ['echo', 'a b']],
    ['echo a \\\n b', ['echo', 'a', 'b']],
    ['echo $HOME * | wc > f; x', ['echo', '$HOME', '*', '|', 'wc', '>', 'f;', 'x']],
    ['', []],
    // validate commands (copy, template, lineinfile)
    ['visudo -cf %s', ['visudo', '-cf', '%s']],
    [`grep -q "a b\\"c" %s`, ['grep', '-q', 'a b"c', '%s']],
    [`x''y`, ['xy']],
  ];
  for (const [line, want] of table) {
    it(`${JSON.stringify(line)} → ${JSON.stringify(want)}`, () => {
      expect(words(line)).to.deep.equal(want);
    });
  }

  it('splits quotes and backslashes exactly as /bin/sh does (words without $, globs or operators)', () => {
    for (const [line] of table.filter(([l]) => !/[$*|>;]/.test(l) && l.trim() !== '')) {
      expect(words(line), line).to.deep.equal(shWords(line));
    }
  });

  it('reports an unterminated quote or a trailing backslash as an ArgsError naming the field', () => {
    expect(() => splitCommandWords(`echo 'a`, { field: 'cmd' })).to.throw(ArgsError, 'field "cmd": unterminated single quote');
    expect(() => splitCommandWords('echo "a', { field: 'cmd' })).to.throw(ArgsError, 'unterminated double quote');
    expect(() => splitCommandWords('echo a\\', { field: 'cmd' })).to.throw(ArgsError, 'lone backslash');
  });

  it('gives each word end offset, and reads lazily (stops before text it was not asked for)', () => {
    expect(splitCommandWords(`a 'b c' d`).map((w) => w.end)).to.deep.equal([1, 7, 9]);
    const it = commandWords(`ok 'broken`);
    expect(it.next().value).to.deep.include({ text: 'ok', end: 2 });
    expect(() => it.next()).to.throw(ArgsError);
  });
});
