// Host words with ports: name:port, [v6]:port, bare IPv6, ranges left alone.
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { splitHostPort } from '../../../core/inventory/host-port.ts';

describe('splitHostPort', () => {
  const table: [string, { name: string; port?: number }][] = [
    ['web1', { name: 'web1' }],
    ['web1:2222', { name: 'web1', port: 2222 }],
    ['192.168.56.10:22', { name: '192.168.56.10', port: 22 }],
    ['web[1:3]', { name: 'web[1:3]' }],
    ['web[1:3]:2222', { name: 'web[1:3]', port: 2222 }],
    ['fd00::1', { name: 'fd00::1' }],
    ['[fd00::1]:2222', { name: 'fd00::1', port: 2222 }],
    ['[fd00::1]', { name: 'fd00::1' }],
  ];
  for (const [word, want] of table) it(`${word}`, () => expect(splitHostPort(word)).to.deep.equal(want));
  it('reports an unclosed range as a bad range, not a bad port', () => {
    expect(() => splitHostPort('h[1:', { file: 'inv', line: 3 })).to.throw(ArgsError, 'inv:3: bad host range in "h[1:": "[" is not closed');
    expect(() => splitHostPort('web[01:0')).to.throw(ArgsError, 'bad host range');
  });
  it('refuses a bad port', () => {
    expect(() => splitHostPort('web1:0', { file: 'h', line: 2 })).to.throw(ArgsError, 'h:2: bad port in host "web1:0"');
    expect(() => splitHostPort('web1:ssh')).to.throw(ArgsError, 'bad port');
  });
});
