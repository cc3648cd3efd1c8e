// splitWords: a validate command line split as a shell would, without running one.
import { expect } from 'chai';
import { splitWords } from '../../../modules/lib/split-words.ts';

describe('splitWords', () => {
  const table: [string, string[]][] = [
    ['visudo -cf %s', ['visudo', '-cf', '%s']],
    ["sh -c 'test -s %s'", ['sh', '-c', 'test -s %s']],
    ['grep -q "a b\\"c" %s', ['grep', '-q', 'a b"c', '%s']],
    ['a\\ b  c', ['a b', 'c']],
    ["x''y", ['xy']],
    ["''", ['']],
    ['cmd | other; rm -rf /', ['cmd', '|', 'other;', 'rm', '-rf', '/']],
  ];
  for (const [line, words] of table) it(JSON.stringify(line), () => expect(splitWords(line)).to.deep.equal(words));
  it('unterminated quotes are errors', () => {
    expect(() => splitWords("a 'b")).to.throw(/single quote/);
    expect(() => splitWords('a "b')).to.throw(/double quote/);
  });
});
