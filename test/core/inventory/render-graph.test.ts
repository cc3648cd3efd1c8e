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
  // Expected texts are what ansible-inventory --graph (ansible-core 2.14) prints for the same inventory.
  it('draws the whole tree like ansible-inventory --graph: children and hosts in inventory order', () => {
    expect(renderInventoryGraph(inv)).to.equal(
      [
        '@all:',
        '  |--@ungrouped:',
        '  |  |--loose',
        '  |--@empty:',
        '  |--@site:',
        '  |  |--@web:',
        '  |  |  |--web2',
        '  |  |  |--web1',
        '  |  |--@lb:',
        '  |  |  |--lb',
      ].join('\n'),
    );
  });
  it('draws the tree under one group', () => {
    expect(renderInventoryGraph(inv, 'web')).to.equal('@web:\n  |--web2\n  |--web1');
  });
  it('shows an empty ungrouped', () => {
    expect(renderInventoryGraph(iniInventory('[g]\nh\n'))).to.equal('@all:\n  |--@ungrouped:\n  |--@g:\n  |  |--h');
  });
  it('refuses a name that is not a group', () => {
    expect(() => renderInventoryGraph(inv, 'web1')).to.throw(ArgsError, '"web1" is not a group');
  });
});
