// Variable precedence when merging a host's variables: all < parents < children < host, then priority, then name.
import { expect } from 'chai';
import { iniInventory } from './helpers.ts';

const INV = `
[all:vars]
v_all=all
v_parent=all
v_child=all
v_host=all
v_prio=all

[region:children]
web

[region:vars]
v_parent=region
v_child=region
v_host=region

[web]
web1 v_host=host
web2

[web:vars]
v_child=web
v_host=web

[aaa]
web1
[zzz]
web1
[aaa:vars]
v_tie=aaa
v_prio=aaa
ansible_group_priority=5
[zzz:vars]
v_tie=zzz
v_prio=zzz
`;

describe('buildInventory precedence', () => {
  const inv = iniInventory(INV);
  const web1 = inv.hosts.get('web1')!.vars;
  const web2 = inv.hosts.get('web2')!.vars;
  const table: [string, Record<string, unknown>, string][] = [
    ['v_all', web1, 'all'], // only all sets it
    ['v_parent', web1, 'region'], // parent group beats all
    ['v_child', web1, 'web'], // child group beats its parent
    ['v_host', web1, 'host'], // host beats every group
    ['v_host', web2, 'web'], // host without its own value: deepest group
    ['v_prio', web1, 'aaa'], // same depth: higher ansible_group_priority wins over name order
  ];
  for (const [name, vars, want] of table) {
    it(`${name} comes from ${want}`, () => expect(vars[name]).to.equal(want));
  }
  it('breaks a tie at the same depth and priority by name: the later name wins', () => {
    const i = iniInventory('[aaa]\nh\n[zzz]\nh\n[aaa:vars]\nv=aaa\n[zzz:vars]\nv=zzz\n');
    expect(i.hosts.get('h')!.vars.v).to.equal('zzz');
  });
  it("lists a host's groups in the order they apply, without all", () => {
    expect(inv.hosts.get('web1')!.groups).to.deep.equal(['region', 'zzz', 'aaa', 'web']);
  });
  it('measures depth by the longest path from all', () => {
    const i = iniInventory('[a:children]\nb\n[b:children]\nc\n[c]\nh\n[x:children]\nc\n[x:vars]\nv=x\n[a:vars]\nv=a\n[b:vars]\nv=b\n');
    // c is at depth 3 via a→b→c, x at depth 1: b (depth 2) beats x.
    expect(i.hosts.get('h')!.vars.v).to.equal('b');
  });
  it('does not share mutable values between hosts', () => {
    const i = iniInventory('[g]\na\nb\n[g:vars]\nlist=[1]\n');
    (i.hosts.get('a')!.vars.list as number[]).push(2);
    expect(i.hosts.get('b')!.vars.list).to.deep.equal([1]);
  });
  it('removes a host from ungrouped once another group names it', () => {
    const i = iniInventory('h\n[ungrouped]\nu\n[g]\nh\nu\n');
    expect(i.groups.get('ungrouped')!.hosts).to.deep.equal([]);
    expect(i.groups.get('all')!.hosts).to.deep.equal(['h', 'u']);
  });
});
