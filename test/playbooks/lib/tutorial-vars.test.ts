// The chapter playbooks' variable readers: on/off switches as INI, YAML and -e give them, numbers with a clear error.
import { expect } from 'chai';
import { pickNumber, pickOn } from '../../../playbooks/lib/tutorial-vars.ts';

describe('playbooks/lib/tutorial-vars', () => {
  it('pickOn: on unless false/no/off/0 in any case (INI and -e values are strings), on when unset or empty', () => {
    for (const off of [false, 'false', 'No', 'OFF', '0', 0]) expect(pickOn({ f: off }, 'f'), JSON.stringify(off)).to.equal(false);
    for (const on of [undefined, null, '', true, 'true', 'yes', '1', 'on']) expect(pickOn({ f: on }, 'f'), JSON.stringify(on)).to.equal(true);
  });

  it('pickNumber: a number or a numeric string, the fallback when unset, an error naming the variable otherwise', () => {
    expect(pickNumber({ n: '30' }, 'n', 0)).to.equal(30);
    expect(pickNumber({}, 'n', 5)).to.equal(5);
    expect(() => pickNumber({ n: 'soon' }, 'n', 0)).to.throw(/variable n must be a number/);
  });
});
