// inventory_hostname, group_names and groups as Ansible defines them.
import { expect } from 'chai';
import { groupsMap, magicVars } from '../../../core/inventory/magic-vars.ts';
import { iniInventory } from './helpers.ts';

describe('magicVars', () => {
  const inv = iniInventory('loose.example.com\n[web]\nweb2\nweb1\n[site:children]\nweb\n[empty]\n');
  it('maps every group to its hosts, descendants included, in inventory order', () => {
    expect(groupsMap(inv)).to.deep.equal({
      all: ['loose.example.com', 'web2', 'web1'],
      ungrouped: ['loose.example.com'],
      web: ['web2', 'web1'],
      site: ['web2', 'web1'],
      empty: [],
    });
  });
  it('gives a host its name, short name and sorted group names', () => {
    expect(magicVars(inv, inv.hosts.get('web1')!)).to.deep.include({ inventory_hostname: 'web1', inventory_hostname_short: 'web1', group_names: ['site', 'web'] });
    expect(magicVars(inv, inv.hosts.get('loose.example.com')!)).to.deep.include({ inventory_hostname_short: 'loose', group_names: ['ungrouped'] });
  });
});
