// --list output: the shape of ansible-inventory --list, exact JSON, secrets masked.
import { expect } from 'chai';
import { renderInventoryList } from '../../../core/inventory/render-list.ts';
import { iniInventory } from './helpers.ts';

describe('renderInventoryList', () => {
  const inv = iniInventory(`
loose
[web]
web2 ansible_become_password=sudo-pw
web1 ansible_host=192.168.200.11
[web:vars]
heartbeat_authkey=hb-secret
http_port=80
[empty]
[site:children]
web
empty
`);
  const text = renderInventoryList(inv);

  const expected = {
    _meta: {
      hostvars: {
        web1: { ansible_host: '192.168.200.11', heartbeat_authkey: '***', http_port: 80 },
        web2: { ansible_become_password: '***', heartbeat_authkey: '***', http_port: 80 },
      },
    },
    all: { children: ['ungrouped', 'site'] },
    site: { children: ['web', 'empty'] },
    ungrouped: { hosts: ['loose'] },
    web: { hosts: ['web2', 'web1'] },
  };
  it('prints exactly this JSON: children in inventory order, no group vars (as ansible-inventory --list)', () => {
    expect(JSON.parse(text)).to.deep.equal(expected);
  });
  it('shows each group\'s own vars and each host\'s own variables with export (as --list --export)', () => {
    const exported = JSON.parse(renderInventoryList(inv, { export: true }));
    expect(exported).to.deep.equal({
      ...expected,
      _meta: { hostvars: { web1: { ansible_host: '192.168.200.11' }, web2: { ansible_become_password: '***' } } },
      web: { ...expected.web, vars: { heartbeat_authkey: '***', http_port: 80 } },
    });
  });
  it('indents by 4 and sorts keys, like ansible-inventory', () => {
    expect(text.split('\n').slice(0, 4)).to.deep.equal(['{', '    "_meta": {', '        "hostvars": {', '            "web1": {']);
  });
  it('never contains a secret value', () => {
    expect(text).to.not.include('sudo-pw').and.not.include('hb-secret');
  });
});
