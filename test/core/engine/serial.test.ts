// serial: counts, percentages and lists of batch sizes, as Ansible rolls batches.
import { expect } from 'chai';
import { serialBatches } from '../../../core/engine/serial.ts';

const hosts = ['a', 'b', 'c', 'd', 'e'];

describe('serialBatches', () => {
  const cases: [unknown, string[][]][] = [
    [undefined, [hosts]],
    [2, [['a', 'b'], ['c', 'd'], ['e']]],
    ['40%', [['a', 'b'], ['c', 'd'], ['e']]],
    ['10%', [['a'], ['b'], ['c'], ['d'], ['e']]],
    [[1, 3], [['a'], ['b', 'c', 'd'], ['e']]],
    [[1, '50%'], [['a'], ['b', 'c'], ['d', 'e']]],
    [0, [hosts]],
  ];
  for (const [serial, want] of cases) {
    it(`serial ${JSON.stringify(serial)}`, () => expect(serialBatches(hosts, serial as never)).to.deep.equal(want));
  }
  it('refuses nonsense, naming the field', () => {
    expect(() => serialBatches(hosts, 'half')).to.throw(/field "serial".*positive count or a percentage/);
    expect(() => serialBatches(hosts, -1)).to.throw(/serial/);
  });
});
