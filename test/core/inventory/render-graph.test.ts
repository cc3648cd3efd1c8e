// --graph output, compared as exact text.
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { renderInventoryGraph } from '../../../core/inventory/render-graph.ts';
import { iniInventory } from './helpers.ts';

const inv = iniInventory(`
loose
[web]
web2
web1
[lb]
lb
[empty]
[site:children]
web
lb
`);

describe('renderInventoryGraph', () => {
  it('draws the whole tree like ansible-inventory --graph', () => {
    expect(renderInventoryGraph(inv)).to.equal(
      [
        '@all:',
        '  |--@empty:',
        '  |--@site:',
        '  |  |--@lb:',
        '  |  |  |--lb',
        '  |  |--@web:',
        '  |  |  |--web1',
        '  |  |  |--web2',
        '  |--@ungrouped:',
        '  |  |--loose',
      ].join('\n'),
    );
  });
  it('draws the tree under one group', () => {
    expect(renderInventoryGraph(inv, 'web')).to.equal('@web:\n  |--web1\n  |--web2');
  });
  it('shows an empty ungrouped', () => {
    expect(renderInventoryGraph(iniInventory('[g]\nh\n'))).to.equal('@all:\n  |--@g:\n  |  |--h\n  |--@ungrouped:');
  });
  it('refuses a name that is not a group', () => {
    expect(() => renderInventoryGraph(inv, 'web1')).to.throw(ArgsError, '"web1" is not a group');
  });
});
