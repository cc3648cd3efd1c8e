// Host ranges: numeric (padded, stepped), alphabetic, several in one name, and bad ranges.
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { expandHostRange, hasHostRange } from '../../../core/inventory/host-range.ts';

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('expandHostRange', () => {
  const cases: [string, string[]][] = [
    ['web1', ['web1']],
    ['web[1:3]', ['web1', 'web2', 'web3']],
    ['web[01:03]', ['web01', 'web02', 'web03']],
    ['web[1:10:4]', ['web1', 'web5', 'web9']],
    ['db-[a:c]', ['db-a', 'db-b', 'db-c']],
    ['r[1:2]n[a:b].lan', ['r1na.lan', 'r1nb.lan', 'r2na.lan', 'r2nb.lan']],
    ['192.168.200.[11:13]', ['192.168.200.11', '192.168.200.12', '192.168.200.13']],
  ];
  for (const [pattern, hosts] of cases) {
    it(`expands ${pattern}`, () => expect(expandHostRange(pattern)).to.deep.equal(hosts));
  }
  const bad: [string, string][] = [
    ['web[3:1]', 'the start is after the end'],
    ['web[1:c]', 'numbers or both single letters'],
    ['web[1:3:0]', 'step must be a positive integer'],
    ['web[1:2:3:4]', '[start:end:step]'],
  ];
  for (const [pattern, message] of bad) {
    it(`refuses ${pattern}`, () => {
      const err = catchError(() => expandHostRange(pattern, { file: 'hosts', line: 3 }));
      expect(err).to.be.instanceOf(ArgsError);
      expect(err.message).to.match(new RegExp(`^hosts:3: bad host range "${pattern.replace(/[[\]]/g, '\\$&')}": `));
      expect(err.message).to.include(message);
    });
  }
  it('recognises a range', () => {
    expect(hasHostRange('web[1:2]')).to.equal(true);
    expect(hasHostRange('web1')).to.equal(false);
  });
});
