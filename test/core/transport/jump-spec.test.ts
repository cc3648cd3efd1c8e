// Jump host specs: [user@]host[:port] and [v6]:port.
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { parseJumpSpec } from '../../../core/transport/jump-spec.ts';

describe('parseJumpSpec', () => {
  it('parses user, host and port', () => {
    expect(parseJumpSpec('lb')).to.deep.equal({ host: 'lb' });
    expect(parseJumpSpec('admin@lb:2222')).to.deep.equal({ user: 'admin', host: 'lb', port: 2222 });
    expect(parseJumpSpec('[fd00::1]:22')).to.deep.equal({ host: 'fd00::1', port: 22 });
  });
  it('refuses bad ports and bare IPv6', () => {
    expect(() => parseJumpSpec('lb:0')).to.throw(ArgsError, 'bad port');
    expect(() => parseJumpSpec('fd00::1')).to.throw(ArgsError, 'IPv6');
    expect(() => parseJumpSpec('@lb')).to.throw(ArgsError);
  });
});
