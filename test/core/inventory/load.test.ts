// loadInventory: files of each format, a directory merged, group_vars/host_vars, host lists, several -i, bad sources.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { loadInventory, opensWithIniSection } from '../../../core/inventory/load.ts';
import { isSecret, type Secret } from '../../../core/secret.ts';
import { FIXTURES } from './helpers.ts';

describe('loadInventory', () => {
  describe('a directory', () => {
    let inv: Awaited<ReturnType<typeof loadInventory>>;
    before(async () => {
      inv = await loadInventory(['dir'], { cwd: FIXTURES });
    });
    it('merges every inventory file in name order, subfolders too, skipping backups, hidden files and READMEs', () => {
      expect([...inv.hosts.keys()]).to.deep.equal(['web1', 'web2', 'lb', 'web3', 'db1', 'mon1']);
      expect(inv.groups.get('web')!.hosts).to.deep.equal(['web1', 'web2', 'web3']);
    });
    it('resolves a child group declared in another file', () => {
      expect(inv.groups.get('prod')!.children).to.deep.equal(['web']);
      expect(inv.hosts.get('web3')!.groups).to.deep.equal(['prod', 'web']);
    });
    it('merges a host named in two files', () => {
      expect(inv.hosts.get('web1')!.vars).to.include({ extra: 1 });
    });
    it('applies group_vars over the inventory file’s group vars, and host_vars over everything', () => {
      expect(inv.hosts.get('web2')!.vars).to.include({ x: 'from-group-vars', only_ini: 1 });
      expect(inv.hosts.get('web1')!.vars.x).to.equal('from-host-vars');
      expect(inv.hosts.get('lb')!.vars.role).to.equal('balancer');
    });
    it('reads a group_vars folder in name order (YAML then JSON)', () => {
      expect(inv.hosts.get('mon1')!.vars).to.include({ a: 1, b: 'from-20-b' });
    });
    it('makes secrets of !secret, {"!secret": …} and secret-named variables', () => {
      const v = inv.hosts.get('web2')!.vars;
      for (const [k, plain] of [['ha_secret', 's3cret'], ['db_password', 'pw'], ['web_api_token', 't0ken']]) {
        expect(isSecret(v[k]), k).to.equal(true);
        expect((v[k] as Secret).reveal()).to.equal(plain);
      }
    });
    it('ignores group_vars files of groups the inventory does not have', () => {
      expect(inv.groups.has('not-a-group')).to.equal(false);
    });
  });

  it('reads a YAML inventory (ranges, host:port, nested children, YAML 1.1 values)', async () => {
    const inv = await loadInventory([join(FIXTURES, 'hosts.yml')]);
    expect([...inv.hosts.keys()]).to.deep.equal(['loose', 'lb', 'web1', 'web2', 'web3', 'db1']);
    expect(inv.hosts.get('web3')!.vars).to.deep.equal({ ntp: '192.168.56.1', http_port: 80, mode: 0o644, ansible_port: 2222 });
    expect(inv.hosts.get('web1')!.vars.tsible_jump).to.equal('lb');
    expect(inv.groups.get('prod')!.children).to.deep.equal(['web', 'db']);
    expect(inv.groups.get('ungrouped')!.hosts).to.deep.equal(['loose']);
  });

  it('reads a TypeScript inventory made with defineInventory', async () => {
    const inv = await loadInventory([join(FIXTURES, 'typed.ts')]);
    expect([...inv.hosts.keys()]).to.deep.equal(['lb', 'web1', 'web2']);
    expect(inv.hosts.get('web2')!.vars).to.include({ tsible_jump: 'lb', gateway: '192.168.200.254', vip: '192.168.56.10' });
    expect(inv.hosts.get('lb')!.groups).to.deep.equal(['site', 'balancers']);
    const { heartbeat_authkey, admin_password } = inv.hosts.get('web1')!.vars as Record<string, Secret>;
    expect(isSecret(heartbeat_authkey)).to.equal(true);
    expect(heartbeat_authkey.reveal()).to.equal('from-ts');
    expect(isSecret(admin_password)).to.equal(true);
  });
  it('reads a TypeScript inventory whose default export is an async function', async () => {
    const inv = await loadInventory([join(FIXTURES, 'typed-async.mts')]);
    expect(inv.hosts.get('h1')!.vars).to.deep.equal({ tsible_port: 2222 });
  });
  it('names the file and field of a bad TypeScript inventory', async () => {
    await expectArgsError(loadInventory(['typed-bad.ts'], { cwd: FIXTURES }), 'typed-bad.ts, field "groups.web.children": expected a list of group names');
    await expectArgsError(loadInventory(['typed-throws.ts'], { cwd: FIXTURES }), 'typed-throws.ts: field "TSIBLE_TEST_UNSET_VARIABLE": environment variable TSIBLE_TEST_UNSET_VARIABLE is not set');
  });

  it('reads a comma-separated host list, with ports and ranges', async () => {
    const inv = await loadInventory(['h1, h2:2222,web[1:2],']);
    expect([...inv.hosts.keys()]).to.deep.equal(['h1', 'h2', 'web1', 'web2']);
    expect(inv.hosts.get('h2')!.vars).to.deep.equal({ ansible_port: 2222 });
    expect(inv.groups.get('ungrouped')!.hosts).to.have.length(4);
  });
  it('merges several sources in order, the later one winning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-inv-'));
    try {
      writeFileSync(join(dir, 'a'), '[g]\nh x=a y=a\n');
      writeFileSync(join(dir, 'b.yml'), 'g:\n  hosts:\n    h: {x: b}\n    i:\n');
      const inv = await loadInventory([join(dir, 'a'), join(dir, 'b.yml'), 'extra,']);
      expect(inv.hosts.get('h')!.vars).to.deep.equal({ x: 'b', y: 'a' });
      expect([...inv.hosts.keys()]).to.deep.equal(['h', 'i', 'extra']);
      expect(inv.source).to.equal(`${join(dir, 'a')}, ${join(dir, 'b.yml')}, extra,`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('gives an empty inventory for no sources', async () => {
    const inv = await loadInventory([]);
    expect(inv.hosts.size).to.equal(0);
    expect([...inv.groups.keys()]).to.deep.equal(['all', 'ungrouped']);
  });
  it('refuses a missing path, suggesting the host-list form', async () => {
    await expectArgsError(loadInventory(['nope'], { cwd: FIXTURES }), `inventory source "nope" does not exist (for a list of host names, end it with a comma: -i 'nope,')`);
  });
  it('names the file and line of a YAML syntax error and of an unset !env', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-inv-'));
    try {
      writeFileSync(join(dir, 'bad.yml'), 'all:\n  hosts:\n    h: [oops\n');
      await expectArgsError(loadInventory(['bad.yml'], { cwd: dir }), 'bad.yml:4: ');
      writeFileSync(join(dir, 'env.yml'), 'all:\n  vars:\n    k: !env TSIBLE_TEST_UNSET_VARIABLE\n');
      await expectArgsError(loadInventory(['env.yml'], { cwd: dir }), 'env.yml:3: environment variable TSIBLE_TEST_UNSET_VARIABLE is not set');
      writeFileSync(join(dir, 'shape.yml'), 'all:\n  children:\n    web:\n      hosts: [a, b]\n      hostz: {}\n');
      await expectArgsError(loadInventory(['shape.yml'], { cwd: dir }), 'shape.yml:5, field "all.children.web.hostz": unknown key "hostz"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('reads !env values from the environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-inv-'));
    process.env.TSIBLE_TEST_AUTHKEY = 'from-env';
    try {
      writeFileSync(join(dir, 'env.yml'), 'all:\n  hosts:\n    h:\n      heartbeat_authkey: !env TSIBLE_TEST_AUTHKEY\n      where: !env TSIBLE_TEST_AUTHKEY\n');
      const inv = await loadInventory(['env.yml'], { cwd: dir });
      const v = inv.hosts.get('h')!.vars;
      expect((v.heartbeat_authkey as Secret).reveal()).to.equal('from-env');
      expect(v.where).to.equal('from-env');
    } finally {
      delete process.env.TSIBLE_TEST_AUTHKEY;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('sources read as Ansible\'s plugins read them', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'tsible-inv-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('runs an executable file as an inventory script, asking --host NAME when there is no _meta', async () => {
      writeFileSync(join(dir, 'inv.sh'), `#!/bin/sh
case "$1" in
  --list) echo '{"web": {"hosts": ["w1", "w2"], "vars": {"p": 80}}, "db": ["d1"], "site": {"children": ["web"]}}' ;;
  --host) echo "{\\"me\\": \\"$2\\"}" ;;
esac
`, { mode: 0o755 });
      const inv = await loadInventory(['./inv.sh'], { cwd: dir });
      expect([...inv.hosts.keys()]).to.deep.equal(['w1', 'w2', 'd1']);
      expect(inv.hosts.get('w2')!.vars).to.deep.equal({ p: 80, me: 'w2' });
      expect(inv.groups.get('site')!.children).to.deep.equal(['web']);
    });
    it('names the script and shows its error output when it fails', async () => {
      writeFileSync(join(dir, 'bad'), '#!/bin/sh\necho "no cloud credentials" >&2\nexit 3\n', { mode: 0o755 });
      await loadInventory(['bad'], { cwd: dir }).then(() => expect.fail('loaded'), (err) => {
        expect(err).to.be.instanceOf(ArgsError);
        expect(err.message).to.include('bad: inventory script --list failed: no cloud credentials');
      });
    });
    it('reads a .toml file as Ansible\'s TOML inventory format, and names the line of a TOML error', async () => {
      writeFileSync(join(dir, 'hosts.toml'), '[all.vars]\nhas_java = false\n[web]\nchildren = ["apache"]\nvars = { http_port = 8080 }\n[web.hosts]\nhost2 = { ansible_port = 222 }\n[apache.hosts]\ntomcat1 = {}\n');
      const inv = await loadInventory(['hosts.toml'], { cwd: dir });
      expect(inv.hosts.get('tomcat1')!.vars).to.deep.equal({ has_java: false, http_port: 8080 });
      expect(inv.hosts.get('host2')!.vars).to.deep.equal({ has_java: false, http_port: 8080, ansible_port: 222 });
      writeFileSync(join(dir, 'bad.toml'), '[web]\nx = \n');
      await loadInventory(['bad.toml'], { cwd: dir }).then(() => expect.fail('loaded'), (err) => expect(err.message).to.match(/^bad\.toml:2: bad TOML/));
    });
    it('reads a file without extension as YAML when it holds a mapping, else as INI', async () => {
      writeFileSync(join(dir, 'yamlish'), 'all:\n  hosts:\n    h1:\n      answer: n\n');
      writeFileSync(join(dir, 'iniish'), 'h2 answer=n\n');
      const inv = await loadInventory(['yamlish', 'iniish'], { cwd: dir });
      expect(inv.hosts.get('h1')!.vars).to.deep.equal({ answer: 'n' });
      expect(inv.hosts.get('h2')!.vars).to.deep.equal({ answer: 'n' });
    });
    it('reads an extension-less file that opens with a [section] as INI without loading the YAML parser', async () => {
      writeFileSync(join(dir, 'sections'), '# lab\n\n[web]\nh3 answer=n\n');
      const inv = await loadInventory(['sections'], { cwd: dir });
      expect(inv.hosts.get('h3')!.vars).to.deep.equal({ answer: 'n' });
      expect(inv.groups.get('web')!.hosts).to.include('h3');
      const probe = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e',
        `import { loadInventory } from ${JSON.stringify(new URL('../../../core/inventory/load.ts', import.meta.url).href)};
         import { createRequire } from 'node:module';
         await loadInventory(['sections'], { cwd: ${JSON.stringify(dir)} });
         const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('/node_modules/yaml/'));
         console.log(loaded.length);`], { encoding: 'utf8' });
      expect(probe.stderr).to.equal('');
      expect(probe.stdout.trim()).to.equal('0');
    });
    it('opensWithIniSection: a [section] line first (after blank and # lines) and nothing else on it', () => {
      expect(opensWithIniSection('[web]\nh1\n')).to.equal(true);
      expect(opensWithIniSection('\ufeff# c\r\n\r\n  [web:vars]  \r\nx=1\r\n')).to.equal(true);
      expect(opensWithIniSection('[web]: x\n')).to.equal(false);
      expect(opensWithIniSection('[a, b]\n')).to.equal(true);
      expect(opensWithIniSection('all:\n  hosts: {}\n')).to.equal(false);
      expect(opensWithIniSection('h1 a=1\n[web]\n')).to.equal(false);
      expect(opensWithIniSection('; c\n[web]\n')).to.equal(false);
      expect(opensWithIniSection('--- \n[web]\n')).to.equal(false);
      expect(opensWithIniSection('')).to.equal(false);
    });
    it('refuses an inventory plugin configuration, naming it', async () => {
      writeFileSync(join(dir, 'c.yml'), 'plugin: ansible.builtin.constructed\n');
      await loadInventory(['c.yml'], { cwd: dir }).then(() => expect.fail('loaded'), (err) => expect(err.message).to.include('plugin configuration (plugin: ansible.builtin.constructed) is not supported'));
    });
  });
});

async function expectArgsError(p: Promise<unknown>, message: string): Promise<void> {
  try {
    await p;
  } catch (err) {
    expect(err).to.be.instanceOf(ArgsError);
    expect((err as Error).message).to.include(message);
    return;
  }
  expect.fail(`expected ArgsError "${message}"`);
}
