// pythonLiteral: the value Python's ast.literal_eval gives (cases checked against Python 3.11), else the text as written.
import { expect } from 'chai';
import { pythonLiteral } from '../../../core/inventory/python-literal.ts';

describe('pythonLiteral', () => {
  const cases: [string, unknown][] = [
    ['22', 22], ['-1', -1], ['0', 0], ['-0', 0], ['+5', 5], ['00', 0], ['1_000', 1000], ['0x1F', 31], ['0o17', 15], ['0b101', 5],
    ['3.0', 3], ['1e3', 1000], ['1.5e-3', 0.0015], ['.5', 0.5], ['5.', 5], ['  42', 42],
    ['None', null], ['True', true], ['False', false], ['[True, None]', [true, null]],
    ['[1, 2]', [1, 2]], ['[1,2,]', [1, 2]], ['{"k": "v"}', { k: 'v' }], ["{'a':1,}", { a: 1 }], ["{1: 'a'}", { 1: 'a' }],
    ["[1, [2, {'a': None}]]", [1, [2, { a: null }]]], ['(1, 2)', [1, 2]], ['()', []], ['(1)', 1], ['1,', [1]], ['80,443', [80, 443]],
    ["'03#pa33w0rd'", '03#pa33w0rd'], [`"'03#pa33w0rd'"`, "'03#pa33w0rd'"], ["'a' 'b'", 'ab'], ["'''tri'''", 'tri'],
    ["r'a\\nb'", 'a\\nb'], ["'a\\nb'", 'a\nb'], ["'\\x41\\u00e9'", 'Aé'], ["b'abc'", 'abc'], ["u'x'", 'x'], ["'\\q'", '\\q'],
    ['23 # comment', 23], ['"foo" # c', 'foo'], ["'a' # 'b'", 'a'],
    // Not literals: the text as written.
    ['0644', '0644'], ['08', '08'], ['1__0', '1__0'], ['true', 'true'], ['FALSE', 'FALSE'], ['yes', 'yes'], ['inf', 'inf'],
    ['x#y', 'x#y'], ['a # c', 'a # c'], ['hello world', 'hello world'], ['{{ ansible_playbook_python }}', '{{ ansible_playbook_python }}'],
    ['1.2.3', '1.2.3'], ['192.168.0.1', '192.168.0.1'], ['/usr/bin/python', '/usr/bin/python'], ["-'a'", "-'a'"], ['-', '-'],
    ['abc=def', 'abc=def'], ['', ''], ["'unterminated", "'unterminated"], ["f'x'", "f'x'"],
    // Python has these, JavaScript cannot hold them: kept as written.
    ['2j', '2j'], ['{1, 2}', '{1, 2}'], ['12345678901234567890', '12345678901234567890'],
  ];
  for (const [text, value] of cases) {
    it(`reads ${JSON.stringify(text)} as ${JSON.stringify(value)}`, () => {
      expect(pythonLiteral(text)).to.deep.equal(value);
    });
  }
});
