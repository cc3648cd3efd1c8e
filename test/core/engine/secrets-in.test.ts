// secretsIn finds every Secret in a task's variables and arguments, and does not walk what holds none by construction (the inventory's `groups`).
import { expect } from 'chai';
import { Host } from '../../../core/engine/host.ts';
import type { RunContext } from '../../../core/engine/run-context.ts';
import { markSecretFree, secretsIn } from '../../../core/engine/secrets-in.ts';
import { taskVars } from '../../../core/engine/task-vars.ts';
import type { Inventory, InventoryHost } from '../../../core/inventory/types.ts';
import { secret } from '../../../core/secret.ts';
import type { Play } from '../../../core/task.ts';

describe('secretsIn', () => {
  it('finds Secrets in objects, arrays and Maps, each once, and not behind accessors', () => {
    const a = secret('a-secret');
    const b = secret('b-secret');
    const hidden = secret('behind-a-getter');
    const value = { x: [1, { y: a }], m: new Map([['k', b]]), again: a, get lazy() { return hidden; } };
    expect([...secretsIn(value)].map((s) => s.reveal()).sort()).to.deep.equal(['a-secret', 'b-secret']);
  });

  it('does not walk an object marked secret-free', () => {
    const marked = markSecretFree({ list: [secret('not-looked-for')] });
    expect(secretsIn({ marked, other: secret('found') }).size).to.equal(1);
  });

  it("a task's variables: the secret of the host is found, the groups map (every host's name) is not walked", () => {
    const names = Array.from({ length: 2000 }, (_, i) => `h${i}`);
    const hosts = new Map<string, InventoryHost>(names.map((n) => [n, { name: n, groups: ['all', 'web'], vars: { ansible_password: secret(`pw-${n}`) } }]));
    const inventory: Inventory = {
      source: 'test',
      hosts,
      groups: new Map([
        ['all', { name: 'all', hosts: names, children: ['web'], vars: {} }],
        ['web', { name: 'web', hosts: names, children: [], vars: {} }],
      ]),
    };
    const rc = { inventory, extraVars: {}, check: false, diff: false, verbosity: 0 } as unknown as RunContext;
    const play = { name: 'p', hosts: 'all', vars: {}, tasks: [] } as unknown as Play;
    const host = new Host('h7', hosts.get('h7')!, undefined, () => { throw new Error('no transport in this test'); });
    const vars = taskVars(rc, play, host);
    expect((vars.groups as Record<string, string[]>).web).to.have.length(2000);
    // What a walk of the groups map would visit: a Secret planted there is not found, the host's own is.
    (vars.groups as Record<string, unknown[]>).web.push(secret('planted-in-groups') as unknown as string);
    try {
      expect([...secretsIn(vars)].map((s) => s.reveal())).to.deep.equal(['pw-h7']);
    } finally {
      (vars.groups as Record<string, unknown[]>).web.pop();
    }
  });
});
