// template: EJS rendering with the host's variables (secrets revealed only in the written content) and plan() over stats recorded on web1.
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { ArgsError, TsibleError } from '../../core/errors.ts';
import { prepareArgs } from '../../core/engine/run-module.ts';
import type { ModuleContext } from '../../core/module.ts';
import { isSecret, secret } from '../../core/secret.ts';
import type { FileStat } from '../../modules/facts/file-stat.ts';
import { template, type TemplateArgs, type TemplateFacts } from '../../modules/template.ts';
import { describeSteps, statFixture } from './support/file-stat-fixture.ts';

const BASE = fileURLToPath(new URL('../fixtures/modules/template/', import.meta.url));
const args = (raw: Record<string, unknown>): TemplateArgs => prepareArgs(template, raw, {}, { task: 't' });

/**
 * gather() with a context whose fact cache answers with a stat recorded on web1 (the only stand-in:
 * the host read itself is covered by the @lab tests); the template is read and rendered for real.
 */
async function gather(raw: Record<string, unknown>, stat: FileStat, vars: Record<string, unknown>): Promise<TemplateFacts> {
  const ctx = { vars, baseDir: BASE, where: { host: 'web1', task: 't' }, facts: { get: async () => stat, invalidate() {} } } as unknown as ModuleContext;
  return template.gather(ctx, args({ dest: stat.path, ...raw }));
}
const rendered = (f: TemplateFacts): string => f.content.bytes.toString('utf8');

const CH4 = {
  inventory_hostname: 'lb1',
  groups: { balancers: ['lb1', 'lb2'], webservers: ['web1', 'web2', 'web3'] },
  heartbeat_ifaces: ['enp0s3', 'enp0s8'],
  vip: '192.168.56.10',
  vip_iface: 'enp0s3',
  resources: 'IPaddr::192.168.200.250/24/enp0s8 ipvsadm',
};

describe('template module', () => {
  describe('rendering', () => {
    it('ha.cf from inventory lists and groups (loops, no stray blank lines)', async () => {
      const f = await gather({ src: 'ha.cf.ejs' }, statFixture('absent'), CH4);
      expect(rendered(f)).to.equal('# Heartbeat configuration, managed by tsible.\nbcast enp0s3\nbcast enp0s8\ndeadtime 5\nkeepalive 1\nnode lb1 lb2\n');
      expect(f.srcFile).to.equal(`${BASE}ha.cf.ejs`);
    });
    it('haresources: values are printed as they are (no HTML escaping of / or &)', async () => {
      const f = await gather({ src: 'haresources.ejs' }, statFixture('absent'), { ...CH4, resources: 'a&b <c>' });
      expect(rendered(f)).to.equal('lb1 IPaddr::192.168.56.10/24/enp0s3 a&b <c>\n');
    });
    it('htmlEscape escapes <%= %> on request', async () => {
      const f = await gather({ src: 'haresources.ejs', htmlEscape: true }, statFixture('absent'), { ...CH4, resources: 'a&b' });
      expect(rendered(f)).to.contain('a&amp;b');
    });
    it('finds src in the templates/ folder; task vars win over host vars', async () => {
      const f = await gather({ src: 'index.html.ejs', vars: { title: 'Debian Web 1' } }, statFixture('absent'), { title: 'host title' });
      expect(rendered(f)).to.equal('<html><head><title>Debian Web 1</title></head>\n<body><h1>Debian Web 1</h1></body></html>\n');
    });
    it('includes resolve relative to the template', async () => {
      expect(rendered(await gather({ src: 'include-main.ejs' }, statFixture('absent'), { who: 'web2' }))).to.equal('main\npart for web2\n\n');
    });
    it('a missing template is an ArgsError on src listing the paths tried', async () => {
      const err = await gather({ src: 'nope.ejs' }, statFixture('absent'), {}).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ArgsError);
      expect((err as ArgsError).where).to.include({ field: 'src', host: 'web1' });
      expect((err as Error).message).to.contain(`${BASE}nope.ejs, ${BASE}templates/nope.ejs`);
    });
    it('an undefined variable fails naming the template and its line', async () => {
      const err = await gather({ src: 'broken.ejs' }, statFixture('absent'), {}).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TsibleError);
      expect((err as Error).message).to.match(/broken\.ejs failed to render: .*broken\.ejs:2[\s\S]*not_defined_anywhere is not defined/);
    });
  });

  describe('secrets', () => {
    const vars = { heartbeat_authkey: secret('s3cr3t-fixture') };
    it('the file holds the real value; the content step carries it as a Secret', async () => {
      const f = await gather({ src: 'authkeys.ejs', mode: '0600' }, statFixture('authkeys-old-secret'), vars);
      expect(rendered(f)).to.equal('auth 1\n1 sha1 s3cr3t-fixture\n');
      const [c] = template.plan(args({ src: 'authkeys.ejs', dest: '/x', mode: '0600' }), f);
      const put = c.steps[0];
      expect(put.kind).to.equal('put');
      expect(put.kind === 'put' && isSecret(put.content)).to.equal(true);
      expect(put.kind === 'put' && isSecret(put.content) && put.content.reveal()).to.equal('auth 1\n1 sha1 s3cr3t-fixture\n');
    });
    it('the diff shows *** for the new secret and hides the old one; summary, diff and output never hold either', async () => {
      const f = await gather({ src: 'authkeys.ejs', mode: '0600' }, statFixture('authkeys-old-secret'), vars);
      const changes = template.plan(args({ src: 'authkeys.ejs', dest: '/x', mode: '0600' }), f);
      expect(changes.map((c) => c.diff)).to.deep.equal([{ path: '/tmp/tsible-fixture/authkeys-old', before: 'auth 1\n***\n', after: 'auth 1\n1 sha1 ***\n' }]);
      const output = template.output!(args({ src: 'authkeys.ejs', dest: '/x' }), f, [], false);
      expect(output).to.not.have.property('checksum');
      const printed = JSON.stringify({ changes, output }) + changes.map((c) => c.summary).join();
      expect(printed).to.not.contain('s3cr3t-fixture');
      expect(printed).to.not.contain('old-secret-value');
    });
    it('already holding the secret with the right mode: converged', async () => {
      const f = await gather({ src: 'authkeys.ejs' }, statFixture('authkeys-converged'), vars);
      expect(template.plan(args({ src: 'authkeys.ejs', dest: '/x', mode: '0600', owner: 'root', group: 'root' }), f)).to.deep.equal([]);
    });
    it('same secret, wrong mode: only chmod, and no diff', async () => {
      const f = await gather({ src: 'authkeys.ejs' }, statFixture('authkeys-0644'), vars);
      const changes = template.plan(args({ src: 'authkeys.ejs', dest: '/x', mode: '0600' }), f);
      expect(changes.map((c) => [c.summary, c.diff, describeSteps(c.steps)])).to.deep.equal([
        ['/tmp/tsible-fixture/authkeys-0644: mode 0644 → 0600', undefined, ['run: chmod 0600 -- /tmp/tsible-fixture/authkeys-0644']],
      ]);
    });
    it('secrets deep in lists and objects are revealed too; a template doing string work on a Secret still renders masked', async () => {
      const f = await gather({ src: 'ha.cf.ejs' }, statFixture('absent'), { ...CH4, heartbeat_ifaces: [secret('hidden0')] });
      expect(rendered(f)).to.contain('bcast hidden0\n');
      expect(f.content.display).to.contain('bcast ***\n');
    });
  });

  describe('engine variables', () => {
    // The engine gives `hostvars` as a non-enumerable getter on the host's vars (core/engine/task-vars.ts).
    const engineVars = (): Record<string, unknown> => {
      const v: Record<string, unknown> = { groups: CH4.groups, title: 'host' };
      Object.defineProperty(v, 'hostvars', { enumerable: false, get: () => ({ lb1: { addr: '10.0.0.1', key: secret('k-lb1') }, lb2: { addr: '10.0.0.2', key: 'plain' } }) });
      return v;
    };
    it('hostvars (a non-enumerable getter) is visible, with its secrets revealed only in the content', async () => {
      const f = await gather({ src: 'hostvars.ejs' }, statFixture('absent'), engineVars());
      expect(rendered(f)).to.equal('10.0.0.1 lb1 k-lb1\n10.0.0.2 lb2 plain\ntitle=host\n');
      expect(f.content.display).to.equal('10.0.0.1 lb1 ***\n10.0.0.2 lb2 plain\ntitle=host\n');
      expect(f.content.secrets.map((s) => s.reveal())).to.deep.equal(['k-lb1']);
    });
    it('task vars layer over the engine vars without hiding hostvars', async () => {
      const f = await gather({ src: 'hostvars.ejs', vars: { title: 'task' } }, statFixture('absent'), engineVars());
      expect(rendered(f)).to.match(/^10\.0\.0\.1 lb1 k-lb1\n[\s\S]*title=task\n$/);
    });
    it('secrets the template does not use leave the content plain (checksum kept in the output)', async () => {
      const f = await gather({ src: 'haresources.ejs' }, statFixture('absent'), { ...CH4, unused: secret('zzz') });
      expect(f.content.secrets).to.deep.equal([]);
      expect(isSecret(f.content.data)).to.equal(false);
    });
  });

  describe('arguments', () => {
    it('src and dest are required; dest absolute; validate needs %s', () => {
      expect(() => args({ dest: '/x' })).to.throw(ArgsError, /field "src"/);
      expect(() => args({ src: 'a' })).to.throw(ArgsError, /field "dest"/);
      expect(() => args({ src: 'a', dest: 'x' })).to.throw(ArgsError, /field "dest".*absolute/);
      expect(() => args({ src: 'a', dest: '/x', validate: 'heartbeat -t' })).to.throw(ArgsError, /field "validate".*%s/);
      expect(() => args({ src: 'a', dest: '/x', vars: 'nope' })).to.throw(ArgsError, /field "vars"/);
    });
    it('a dest ending in / is a folder: the file takes the template\'s name (as Ansible)', () => {
      expect(args({ src: 'templates/server.xml', dest: '/usr/share/tomcat/conf/' }).dest).to.equal('/usr/share/tomcat/conf/server.xml');
      expect(args({ src: 'motd.j2', dest: '/etc/' }).dest).to.equal('/etc/motd.j2');
    });
  });
});
