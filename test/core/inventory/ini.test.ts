// The INI inventory parser: every feature on the fixture file, and each error naming file and line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { isSecret } from '../../../core/secret.ts';
import { FIXTURES, iniInventory } from './helpers.ts';

describe('parseIni', () => {
  const inv = iniInventory(readFileSync(join(FIXTURES, 'ini/hosts'), 'utf8'), 'inventory/hosts');

  it('reads hosts in file order, ranges expanded', () => {
    expect([...inv.hosts.keys()]).to.deep.equal(['loose1', 'loose2', 'lb', 'web1', 'web2', 'web3', 'web4', 'db-a', 'db-b', 'db-c']);
  });
  it('puts hosts before any section in ungrouped', () => {
    expect(inv.groups.get('ungrouped')!.hosts).to.deep.equal(['loose1', 'loose2']);
    expect(inv.hosts.get('loose1')!.groups).to.deep.equal(['ungrouped']);
  });
  it('reads host:port as ansible_port and inline variables, ignoring an inline # comment', () => {
    expect(inv.hosts.get('loose2')!.vars).to.deep.equal({ ansible_port: 2200 });
    expect(inv.hosts.get('lb')!.vars).to.deep.equal({ ansible_host: '192.168.56.10', ansible_user: 'admin' });
    expect(inv.hosts.get('web4')!.vars.motd).to.equal('hello world');
  });
  it('gives range hosts the line’s variables', () => {
    for (const h of ['web1', 'web2', 'web3']) expect(inv.hosts.get(h)!.vars).to.include({ ansible_port: 22, tsible_jump: 'lb' });
  });
  it('reads [group:children] and [group:vars], typing values as Ansible (Python literals)', () => {
    expect(inv.groups.get('prod')!.children).to.deep.equal(['web', 'db']);
    expect(inv.hosts.get('db-b')!.groups).to.deep.equal(['prod', 'db']);
    const v = inv.groups.get('web')!.vars;
    expect(v).to.deep.include({
      http_port: 80, greeting: 'Bonjour à tous  # trailing comment', quoted: 'a # not a comment', enabled: 'true', mode: '0644', ratio: 1.5, tags: ['a', 'b'],
    });
  });
  it('types host-line values after shell-like splitting, as Ansible: quotes removed first, then Python literals', () => {
    const i = iniInventory(`[g]
h i=3.0 n=None x=0x1F l="[1, 2]" d='{"k": "v"}' t=true F=FALSE T=True s="'03#pa33w0rd'" p=80,443 c=x#y
h2 v=a # c
`);
    expect(i.hosts.get('h')!.vars).to.deep.equal({ i: 3, n: null, x: 31, l: [1, 2], d: { k: 'v' }, t: 'true', F: 'FALSE', T: true, s: '03#pa33w0rd', p: [80, 443], c: 'x' });
    expect(i.hosts.get('h2')!.vars).to.deep.equal({ v: 'a' });
  });
  it('keeps a [g:vars] value\'s quotes for literal_eval, as Ansible: the documented way to keep a string', () => {
    const i = iniInventory(`[g]\nh\n[g:vars]\nmysecret="'03#pa33w0rd'"\nport=23 # a comment after a literal\nn=x#y\nv=a # c\nb=false\n`);
    expect(i.groups.get('g')!.vars).to.deep.equal({ mysecret: "'03#pa33w0rd'", port: 23, n: 'x#y', v: 'a # c', b: 'false' });
  });
  it('wraps secret-named variables', () => {
    const key = inv.hosts.get('web2')!.vars.heartbeat_authkey;
    expect(isSecret(key)).to.equal(true);
    expect((key as { reveal(): string }).reveal()).to.equal('s3cr3t-key');
  });
  it('makes top-level groups children of all', () => {
    expect([...inv.groups.get('all')!.children].sort()).to.deep.equal(['lb', 'prod', 'ungrouped']);
  });

  it('reads the JSON forms {"!secret": …} and {"!env": …} in :vars sections', () => {
    process.env.TSIBLE_TEST_INI_ENV = 'from-env';
    try {
      const i = iniInventory('[g]\nh\n[g:vars]\nk={"!secret": "v1"}\nhb_key={"!env": "TSIBLE_TEST_INI_ENV"}\n');
      const v = i.hosts.get('h')!.vars as Record<string, { reveal(): string }>;
      expect(isSecret(v.k) && v.k.reveal()).to.equal('v1');
      expect(v.hb_key).to.equal('from-env');
    } finally {
      delete process.env.TSIBLE_TEST_INI_ENV;
    }
    expect(() => iniInventory('[g]\nh\n[g:vars]\nhb={"!env": "TSIBLE_TEST_INI_ENV"}\n')).to.throw(ArgsError, 'hosts:4, field "hb": environment variable TSIBLE_TEST_INI_ENV is not set');
  });
  it('accepts [all:vars], [all:children], [ungrouped], IPv6 hosts and CRLF line ends', () => {
    const i = iniInventory('[all:vars]\r\nx=1\r\n[ungrouped]\r\n[fd00::1]:2222\r\nfd00::2\r\n[g]\r\nh\r\n[all:children]\r\ng\r\n');
    expect(i.hosts.get('fd00::1')!.vars).to.deep.equal({ x: 1, ansible_port: 2222 });
    expect(i.hosts.has('fd00::2')).to.equal(true);
    expect(i.hosts.get('h')!.vars.x).to.equal(1);
  });
  it('lets a later line add variables to a host already listed', () => {
    const i = iniInventory('[a]\nh x=1 y=1\n[b]\nh y=2\n');
    expect(i.hosts.get('h')!.vars).to.deep.equal({ x: 1, y: 2 });
    expect(i.hosts.get('h')!.groups).to.deep.equal(['a', 'b']);
  });

  const errors: [string, string][] = [
    ['[web]\nweb1 motd="unterminated\n', 'hosts:2: unterminated quote'],
    ['[web\n', 'hosts:1: unterminated section header'],
    ['[web] junk\n', 'hosts:1: unexpected text after the section header'],
    ['[web:kids]\n', 'hosts:1: unknown section type ":kids"'],
    ['[we b]\n', 'hosts:1: bad group name "we b"'],
    ['[web]\nweb1 ansible_port\n', 'hosts:2: expected key=value after the host name, got "ansible_port"'],
    ['[web]\nansible_host=1.2.3.4\n', 'hosts:2: expected a host name'],
    ['[web]\nweb1 2x=1\n', 'hosts:2: bad variable name "2x"'],
    ['[web]\nweb1:99999\n', 'hosts:2: bad port in host "web1:99999"'],
    ['[web]\nweb[3:1]\n', 'hosts:2: bad host range'],
    ['[web:vars]\nnovalue\n[web]\n', 'hosts:2: expected key=value in [web:vars]'],
    ['[web:children]\na b\n', 'hosts:2: expected one group name per line'],
    ['[web:children]\nweb\n', 'hosts:2: group "web" cannot be its own child'],
    ['[web:children]\n\n# c\ndbs\n', 'hosts:4: [web:children] names group "dbs", which is not defined'],
    ['[web]\nh\n[nope:vars]\nx=1\n', 'hosts:3: [nope:vars] sets variables of group "nope", which is not defined'],
    ['[a:children]\nb\n[b:children]\na\n', 'group cycle: a → b → a'],
  ];
  for (const [text, message] of errors) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      expect(() => iniInventory(text)).to.throw(ArgsError, message);
    });
  }
  it('never shows a secret value in an error', () => {
    expect(() => iniInventory('[web]\nweb1 db_password="hunter2\n')).to.throw(ArgsError).with.property('message').that.does.not.include('hunter2');
  });
  it('errors carry exit code 5', () => {
    try {
      iniInventory('[web\n');
      expect.fail('no error');
    } catch (err) {
      expect((err as ArgsError).exitCode).to.equal(5);
    }
  });
});
