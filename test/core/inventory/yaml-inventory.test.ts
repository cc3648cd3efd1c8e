// Ansible's YAML inventory format: structure, host lists, and errors naming file, line and field path.
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { buildInventory } from '../../../core/inventory/build.ts';
import { InventoryBuilder } from '../../../core/inventory/builder.ts';
import { parseYamlWithLines } from '../../../core/inventory/yaml-data.ts';
import { addYamlInventory } from '../../../core/inventory/yaml-inventory.ts';

function yamlInventory(text: string) {
  const b = new InventoryBuilder();
  const { data, lineOf } = parseYamlWithLines(text, 'inv.yml');
  addYamlInventory(data, 'inv.yml', b, lineOf);
  return buildInventory(b, 'inv.yml');
}

describe('addYamlInventory', () => {
  it('reads nested groups, a group defined twice, hosts as a list, and an empty file', () => {
    const inv = yamlInventory('all:\n  children:\n    web:\n      hosts: [web1, web2]\n    prod:\n      children:\n        web:\n          vars: {x: 1}\nweb:\n  hosts:\n    web3:\n');
    expect(inv.groups.get('web')!.hosts).to.deep.equal(['web1', 'web2', 'web3']);
    expect(inv.groups.get('prod')!.children).to.deep.equal(['web']);
    expect(inv.hosts.get('web3')!.vars).to.deep.equal({ x: 1 });
    expect(yamlInventory('').hosts.size).to.equal(0);
  });
  const errors: [string, string][] = [
    ['- a\n', 'inv.yml: a YAML inventory is a mapping of group names'],
    ['all:\n  hosts: 3\n', 'inv.yml:2, field "all.hosts": hosts must be a mapping'],
    ['all:\n  hosts:\n    h1: 3\n', 'inv.yml:3, field "all.hosts.h1": host variables must be a mapping'],
    ['all:\n  vars: [1]\n', 'inv.yml:2, field "all.vars": vars must be a mapping'],
    ['all:\n  children: [web]\n', 'inv.yml:2, field "all.children": children must be a mapping'],
    ['all:\n  children:\n    web:\n      host: {}\n', 'inv.yml:4, field "all.children.web.host": unknown key "host"'],
    ['all:\n  children:\n    "we b":\n', 'inv.yml:3, field "all.children.we b": bad group name "we b"'],
    ['all:\n  hosts:\n    web[3:1]:\n', 'inv.yml:3, field "all.hosts.web[3:1]": bad host range'],
  ];
  for (const [text, message] of errors) {
    it(`refuses ${JSON.stringify(text)}`, () => expect(() => yamlInventory(text)).to.throw(ArgsError, message));
  }
});
