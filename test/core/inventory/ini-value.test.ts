// INI value typing: the documented table.
import { expect } from 'chai';
import { iniValue } from '../../../core/inventory/ini-value.ts';

describe('iniValue', () => {
  const cases: [string, boolean, unknown][] = [
    ['22', false, 22],
    ['-1', false, -1],
    ['0', false, 0],
    ['0644', false, '0644'],
    ['22', true, '22'],
    ['true', false, true],
    ['False', false, false],
    ['true', true, 'true'],
    ['yes', false, 'yes'],
    ['1.5', false, '1.5'],
    ['null', false, 'null'],
    ['[1, "a"]', false, [1, 'a']],
    ['{"a": 1}', false, { a: 1 }],
    ['[not json', false, '[not json'],
    ['[web]', false, '[web]'],
    ['99999999999999999999', false, '99999999999999999999'],
    ['192.168.56.10', false, '192.168.56.10'],
  ];
  for (const [text, quoted, want] of cases) {
    it(`${quoted ? 'quoted' : 'unquoted'} ${text} → ${JSON.stringify(want)}`, () => expect(iniValue(text, quoted)).to.deep.equal(want));
  }
});
