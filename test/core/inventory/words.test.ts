// Shell-like word splitting and key=value words.
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { splitKeyValue, splitWords } from '../../../core/inventory/words.ts';

describe('splitWords', () => {
  const cases: [string, string[]][] = [
    ['a b  c', ['a', 'b', 'c']],
    [`k="a b" j='c d'`, ['k=a b', 'j=c d']],
    [`k="say \\"hi\\""`, ['k=say "hi"']],
    [`k='it''s'`, ['k=its']],
    [`a\\ b c`, ['a b', 'c']],
    [`x # comment`, ['x', '#', 'comment']],
    ['', []],
  ];
  for (const [line, words] of cases) {
    it(`splits ${JSON.stringify(line)}`, () => {
      expect(splitWords(line).map((w) => w.text)).to.deep.equal(words);
    });
  }
  it('treats # outside quotes as the start of a comment when asked, inside a word too (as Python\'s shlex)', () => {
    expect(splitWords('a b=c # d e', { comments: true }).map((w) => w.text)).to.deep.equal(['a', 'b=c']);
    expect(splitWords('a b=c#d e', { comments: true }).map((w) => w.text)).to.deep.equal(['a', 'b=c']);
    expect(splitWords('a b="c#d" e', { comments: true }).map((w) => w.text)).to.deep.equal(['a', 'b=c#d', 'e']);
    expect(splitWords('a b=c#d', {}).map((w) => w.text)).to.deep.equal(['a', 'b=c#d']);
  });
  it('refuses an unterminated quote, naming where', () => {
    expect(() => splitWords(`k="abc`, { where: { file: 'inv', line: 7 } })).to.throw(ArgsError, 'inv:7: unterminated quote');
    expect(() => splitWords(`k='abc`)).to.throw(ArgsError, 'unterminated quote');
  });
});

describe('splitKeyValue', () => {
  it('splits at the first = and says whether the value was quoted', () => {
    const [a, b, c] = splitWords(`a=1=2 b="x y" c=`);
    expect(splitKeyValue(a)).to.deep.equal({ key: 'a', value: '1=2', quoted: false });
    expect(splitKeyValue(b)).to.deep.equal({ key: 'b', value: 'x y', quoted: true });
    expect(splitKeyValue(c)).to.deep.equal({ key: 'c', value: '', quoted: false });
  });
  it('returns null without =, throws on a bad name', () => {
    expect(splitKeyValue(splitWords('web1')[0])).to.equal(null);
    expect(() => splitKeyValue(splitWords('1x=2')[0])).to.throw(ArgsError, 'bad variable name "1x"');
  });
});
