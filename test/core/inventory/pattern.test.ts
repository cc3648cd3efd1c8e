// Host patterns: every operator, combinations, order, limit (also @file), implicit localhost, and errors naming the pattern.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { globToRegExp, selectHosts, splitPattern } from '../../../core/inventory/pattern.ts';
import { iniInventory } from './helpers.ts';

const inv = iniInventory(`
lb ansible_host=192.168.56.10
[web]
web1 ansible_host=192.168.200.11
web2
web3
[db]
db1
[prod]
web1
web3
db1
[staging]
web2
[addresses]
192.168.56.11
192.168.56.12
[all:vars]
x=1
`);

const names = (pattern: string, limit?: string): string[] => selectHosts(inv, pattern, limit).map((h) => h.name);

describe('selectHosts', () => {
  // Each expected list is what `ansible PATTERN -i INVENTORY --list-hosts` (ansible-core 2.14) prints for this inventory.
  const table: [string, string[]][] = [
    ['all', ['lb', 'web1', 'web2', 'web3', 'db1', '192.168.56.11', '192.168.56.12']],
    ['*', ['lb', 'web1', 'web2', 'web3', 'db1', '192.168.56.11', '192.168.56.12']],
    ['web', ['web1', 'web2', 'web3']],
    ['web1', ['web1']],
    ['web*', ['web1', 'web2', 'web3']],
    ['web?', ['web1', 'web2', 'web3']],
    ['web[!13]', ['web2']], // a glob class; digits alone in brackets are a subscript, as in Ansible
    ['web[0]', ['web1']],
    ['web[-1]', ['web3']],
    ['web[1:2]', ['web2', 'web3']], // end included
    ['web[:1]', ['web1']], // not a subscript for Ansible (no start): a glob, [:1] a character class
    ['web[1:]', ['web2', 'web3']],
    ['web[0-1]:db', ['web1', 'web2', 'db1']],
    ['prod[1]:&web', ['web3']],
    ['192.168.56.*', ['192.168.56.11', '192.168.56.12']],
    ['192.168.56.11', ['192.168.56.11']],
    ['ungrouped', ['lb']],
    ['db:lb', ['db1', 'lb']], // union, in the order written (as Ansible)
    ['db,lb', ['db1', 'lb']],
    ['db, lb', ['db1', 'lb']],
    ['web:&prod', ['web1', 'web3']],
    ['web:!web3', ['web1', 'web2']],
    ['web:&prod:!web3', ['web1']],
    ['web,&prod,!web3', ['web1']],
    ['!web3:web:&prod', ['web1']], // & and ! apply after every union term, wherever written
    ['!web', ['lb', 'db1', '192.168.56.11', '192.168.56.12']], // only exclusions: from all
    ['&prod', ['web1', 'web3', 'db1']],
    ['~web[12]', ['web1', 'web2']],
    ['~(lb|db)', ['db1', 'lb']], // regex matches groups too: group db's hosts first, then matching hosts
    ['~.*eb', ['web1', 'web2', 'web3']], // anchored at the start like Python's re.match: ~eb alone matches nothing
    ['staging:prod:!db', ['web2', 'web1', 'web3']],
    ['web:db:&prod:&~.*1', ['web1', 'db1']],
  ];
  for (const [pattern, want] of table) {
    it(`${pattern} → ${want.join(' ')}`, () => expect(names(pattern)).to.deep.equal(want));
  }

  it('applies a limit as a second pattern, with its own operators', () => {
    expect(names('web', 'web1:web3')).to.deep.equal(['web1', 'web3']);
    expect(names('all', 'prod:!db')).to.deep.equal(['web1', 'web3']);
    expect(names('all', '~web')).to.deep.equal(['web1', 'web2', 'web3']);
  });
  it('reads limit @file (one host or pattern per line, # comments)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-limit-'));
    try {
      writeFileSync(join(dir, 'retry'), 'web2\n# a comment\n\ndb1\n');
      expect(selectHosts(inv, 'all', '@retry', { cwd: dir }).map((h) => h.name)).to.deep.equal(['web2', 'db1']);
      expect(selectHosts(inv, 'web', `@${join(dir, 'retry')}:lb`).map((h) => h.name)).to.deep.equal(['web2']);
      expect(() => selectHosts(inv, 'all', '@missing', { cwd: dir })).to.throw(ArgsError, 'missing: cannot read --limit file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('returns the inventory’s host objects, with merged vars', () => {
    const [web1] = selectHosts(inv, 'web1');
    expect(web1).to.equal(inv.hosts.get('web1'));
    expect(web1.vars).to.deep.equal({ x: 1, ansible_host: '192.168.200.11' });
  });
  it('gives an implicit local host for localhost when the inventory has none', () => {
    const [h] = selectHosts(inv, 'localhost');
    expect(h).to.deep.equal({ name: 'localhost', groups: [], vars: { x: 1, ansible_connection: 'local' } });
    expect(names('localhost:web1')).to.deep.equal(['localhost', 'web1']);
    expect(names('all')).to.not.include('localhost');
    const withLocal = iniInventory('localhost ansible_connection=ssh\n');
    expect(selectHosts(withLocal, 'localhost')[0].vars).to.deep.equal({ ansible_connection: 'ssh' });
  });

  const errors: [string, string | undefined, string][] = [
    ['nope', undefined, 'field "hosts": pattern "nope" matches no host or group in the inventory (hosts)'],
    ['web:&nope', undefined, 'pattern "nope" matches no host or group in the inventory (hosts) (in pattern "web:&nope")'],
    ['web:!nope', undefined, 'pattern "nope" matches no host or group'],
    ['zz*', undefined, 'pattern "zz*" matches no host or group'],
    ['~eb', undefined, 'pattern "~eb" matches no host or group'],
    ['web[3]', undefined, 'index 3 is out of range in pattern "web[3]" (web has 3 hosts)'],
    ['web[5:6]', undefined, 'range 5:6 is out of range'],
    ['nope[0]', undefined, 'pattern "nope" matches no host or group'],
    ['web:&db', undefined, 'no host matches pattern "web:&db"'],
    ['web', 'db', 'no host matches pattern "web" with limit "db"'],
    ['web', 'nope', 'pattern "nope" matches no host or group'],
    ['', undefined, 'empty host pattern ""'],
    ['~web(', undefined, 'bad regular expression in pattern "~web("'],
    ['web:&', undefined, 'empty term after & or !'],
  ];
  for (const [pattern, limit, message] of errors) {
    it(`refuses ${JSON.stringify(pattern)}${limit ? ` --limit ${limit}` : ''}`, () => {
      let err: unknown;
      try {
        selectHosts(inv, pattern, limit);
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(ArgsError);
      expect((err as ArgsError).message).to.include(message);
      expect((err as ArgsError).exitCode).to.equal(5);
    });
  }
});

describe('splitPattern', () => {
  it('splits at : and , but not inside brackets nor IPv6 addresses', () => {
    expect(splitPattern('a:b,c:&d:!e')).to.deep.equal(['a', 'b', 'c', '&d', '!e']);
    expect(splitPattern('web[1:3]:db')).to.deep.equal(['web[1:3]', 'db']);
    expect(splitPattern('fe80::1,::1')).to.deep.equal(['fe80::1', '::1']);
  });
});

describe('globToRegExp', () => {
  it('is anchored and case-sensitive', () => {
    expect(globToRegExp('web*').test('web1')).to.equal(true);
    expect(globToRegExp('web*').test('aweb1')).to.equal(false);
    expect(globToRegExp('Web*').test('web1')).to.equal(false);
    expect(globToRegExp('a.b').test('axb')).to.equal(false);
  });
});
