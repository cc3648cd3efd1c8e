// Ad hoc -a parsing: k=v words with quotes, JSON, free-form commands as `cmd`.
import { expect } from 'chai';
import { parseAdhocArgs } from '../../cli/adhoc-args.ts';

describe('parseAdhocArgs', () => {
  const cases: [string | undefined, Record<string, unknown>][] = [
    [undefined, {}],
    ['', {}],
    ['name=apache2', { name: 'apache2' }],
    ['name=apache2 state=latest', { name: 'apache2', state: 'latest' }],
    [`content="two words" mode='0644'`, { content: 'two words', mode: '0644' }],
    ['line=a=b', { line: 'a=b' }],
    ['uptime', { cmd: 'uptime' }],
    [`echo "a b" > /tmp/x`, { cmd: `echo "a b" > /tmp/x` }],
    ['creates=/tmp/x touch /tmp/x', { creates: '/tmp/x', cmd: 'touch /tmp/x' }],
    ['{"name": ["a", "b"], "update_cache": true}', { name: ['a', 'b'], update_cache: true }],
    [`"a=b" c`, { cmd: `"a=b" c` }],
  ];
  for (const [text, want] of cases) it(String(JSON.stringify(text)), () => expect(parseAdhocArgs(text)).to.deep.equal(want));
  it('with the module\'s argument names, other k=v words stay in the free-form command', () => {
    const known = new Set(['cmd', 'creates', 'chdir']);
    expect(parseAdhocArgs('echo a=b | tr = :', known)).to.deep.equal({ cmd: 'echo a=b | tr = :' });
    expect(parseAdhocArgs('chdir=/tmp ls x=1', known)).to.deep.equal({ chdir: '/tmp', cmd: 'ls x=1' });
  });
  it('errors name the field', () => {
    expect(() => parseAdhocArgs('{"a": ')).to.throw(/field "args": -a looks like JSON/);
    expect(() => parseAdhocArgs('a="open')).to.throw(/field "args": unterminated quote/);
    expect(() => parseAdhocArgs('[1]')).to.not.throw();
  });
});
