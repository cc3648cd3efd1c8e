// pythonRegExp / expandTemplate: Python `re` syntax searched the way lineinfile searches (each line with its newline).
import { expect } from 'chai';
import { PythonRegexError, expandTemplate, pythonRegExp } from '../../../modules/lib/python-regex.ts';

describe('pythonRegExp', () => {
  // [pattern, line, matches]
  const table: [string, string, boolean][] = [
    ['^(?P<key>Port) (?P<val>\\d+)$', 'Port 22\n', true],
    ['^(?P<w>REF) .* (?P=w)$', 'REF a line REF\n', true],
    ['^(?P<w>REF) .* (?P=w)$', 'REF a line FER\n', false],
    ['line 5$', 'This is line 5\n', true],
    ['line 5\\Z', 'This is line 5\n', false],
    ['line 5\\Z', 'This is line 5', true],
    ['\\Aa', 'a\n', true],
    ['(?i)^port ', 'Port 22\n', true],
    ['^port ', 'Port 22\n', false],
    ['^Port 2{,2}$', 'Port 22\n', true],
    ['^Port 2{,2}$', 'Port 222\n', false],
    ['a.b', 'a\nb', false],
    ['(?s)a.b', 'a\nb', true],
    ['(?m)^b$', 'a\nb\nc', true],
    ['^b$', 'a\nb\nc', false],
    ['[]a]', ']', true],
    ['[^]a]', ']', false],
    ['x(?#a comment)y', 'xy', true],
    ['(?x) a  b # spaced out', 'ab', true],
    ['foo$', 'foo\r\n', false],
  ];
  for (const [pattern, line, matches] of table) {
    it(`${JSON.stringify(pattern)} ${matches ? 'matches' : 'does not match'} ${JSON.stringify(line)}`, () => {
      expect(pythonRegExp(pattern).regexp.test(line)).to.equal(matches);
    });
  }

  const refused: [string, RegExp][] = [
    ['(?>a)', /atomic/],
    ['a*+', /possessive/],
    ['(?(1)a|b)', /conditional/],
    ['(?i:a)', /scoped inline flags/],
    ['a(?i)', /must come first/],
    ['(?<n>a)', /\(\?P<name>/],
    ['(a', /./],
    ['[a', /unterminated/],
  ];
  for (const [pattern, why] of refused) {
    it(`refuses ${JSON.stringify(pattern)} (${why.source})`, () => {
      expect(() => pythonRegExp(pattern)).to.throw(PythonRegexError, why);
    });
  }
});

describe('expandTemplate', () => {
  const m = pythonRegExp('^(?P<key>\\w+) (\\d+)').regexp.exec('Port 22\n')!;
  it('fills \\1, \\g<2> and \\g<name>', () => {
    expect(expandTemplate('\\1=\\g<2> (\\g<key>)', m)).to.equal('Port=22 (Port)');
  });
  it('turns \\n and \\\\ into a newline and a backslash', () => {
    expect(expandTemplate('a\\nb\\\\c', m)).to.equal('a\nb\\c');
  });
  it('refuses an unknown group', () => {
    expect(() => expandTemplate('\\3', m)).to.throw(PythonRegexError, /invalid group reference 3/);
    expect(() => expandTemplate('\\g<nope>', m)).to.throw(PythonRegexError, /unknown group name/);
  });
});
