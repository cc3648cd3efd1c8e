// template on a real lab host (web2): the chapter's Heartbeat files rendered, converged, idempotent, checked, diffed, validated; secrets never printed.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ArgsError } from '../../core/errors.ts';
import { Host } from '../../core/engine/host.ts';
import { prepareArgs } from '../../core/engine/run-module.ts';
import { secret } from '../../core/secret.ts';
import { template } from '../../modules/template.ts';
import { useLab } from '../support/lab.ts';
import { TEST_ROOT, ok, useFilesLab } from './support/files-lab.ts';

const HOST = 'web2';
const DIR = `${TEST_ROOT}/template`;
const BASE = fileURLToPath(new URL('../fixtures/modules/template/', import.meta.url));
const CH4 = {
  groups: { balancers: ['lb1', 'lb2'], webservers: ['web1', 'web2', 'web3'] },
  heartbeat_ifaces: ['enp0s3', 'enp0s8'],
  vip: '192.168.56.10',
  vip_iface: 'enp0s3',
  resources: 'IPaddr::192.168.200.250/24/enp0s8 ipvsadm',
};
const HA_CF = '# Heartbeat configuration, managed by tsible.\nbcast enp0s3\nbcast enp0s8\ndeadtime 5\nkeepalive 1\nnode lb1 lb2\n';

describe('template on a lab host @lab', function () {
  this.timeout(180_000);
  const lab = useLab('chapter4');
  const t = useFilesLab(lab, { host: HOST, dir: DIR });
  const key1 = `k1-${randomBytes(8).toString('hex')}`;
  const key2 = `k2-${randomBytes(8).toString('hex')}`;
  const vars = (key: string) => ({ ...CH4, heartbeat_authkey: secret(key) });
  const run = (args: Record<string, unknown>, opts: { check?: boolean; key?: string; extra?: Record<string, unknown> } = {}) =>
    t.run(HOST, template, args, { check: opts.check, baseDir: BASE, vars: { ...vars(opts.key ?? key1), ...opts.extra } });


  it('check mode on a fresh host reports the files and changes nothing @lab', async () => {
    const before = await t.snapshot(HOST, DIR);
    const r = ok(await run({ src: 'ha.cf.ejs', dest: `${DIR}/ha.cf` }, { check: true }));
    expect(r.status).to.equal('changed');
    expect(r.changes.map((c) => c.diff)).to.deep.equal([{ path: `${DIR}/ha.cf`, before: '', after: HA_CF }]);
    const a = ok(await run({ src: 'authkeys.ejs', dest: `${DIR}/authkeys`, mode: '0600' }, { check: true }));
    expect(a.changes.map((c) => c.summary)).to.deep.equal([`create ${DIR}/authkeys (${`auth 1\n1 sha1 ${key1}\n`.length} bytes, mode 0600)`]);
    expect(await t.snapshot(HOST, DIR)).to.equal(before);
  });

  it('converges ha.cf, authkeys (0600, secret), haresources and index.html; a second run is ok @lab', async () => {
    const tasks: Record<string, unknown>[] = [
      { src: 'ha.cf.ejs', dest: `${DIR}/ha.cf` },
      { src: 'authkeys.ejs', dest: `${DIR}/authkeys`, mode: '0600', owner: 'root', group: 'root' },
      { src: 'haresources.ejs', dest: `${DIR}/haresources` },
      { src: 'index.html.ejs', dest: `${DIR}/index.html`, vars: { title: 'Debian Web 2' } },
    ];
    for (const args of tasks) expect(ok(await run(args)).status, String(args.dest)).to.equal('changed');
    expect(await t.sh(HOST, `cat ${DIR}/ha.cf`)).to.equal(HA_CF);
    expect(await t.sh(HOST, `cat ${DIR}/authkeys`)).to.equal(`auth 1\n1 sha1 ${key1}\n`);
    expect(await t.sh(HOST, `stat -c '%a %U %G' ${DIR}/authkeys ${DIR}/ha.cf`)).to.equal('600 root root\n644 root root\n');
    expect(await t.sh(HOST, `cat ${DIR}/haresources`)).to.equal('lb1 IPaddr::192.168.56.10/24/enp0s3 IPaddr::192.168.200.250/24/enp0s8 ipvsadm\n');
    expect(await t.sh(HOST, `cat ${DIR}/index.html`)).to.contain('<h1>Debian Web 2</h1>');
    const snap = await t.snapshot(HOST, DIR);
    for (const args of tasks) {
      const second = ok(await run(args));
      expect([second.status, second.changes], String(args.dest)).to.deep.equal(['ok', []]);
    }
    expect(await t.snapshot(HOST, DIR)).to.equal(snap);
  });

  it('the diff shows the changed lines; only the mode changing is a chmod without rewriting @lab', async () => {
    const r = ok(await run({ src: 'ha.cf.ejs', dest: `${DIR}/ha.cf` }, { extra: { heartbeat_ifaces: ['enp0s3'] } }));
    expect(r.changes.map((c) => c.diff)).to.deep.equal([{ path: `${DIR}/ha.cf`, before: HA_CF, after: HA_CF.replace('bcast enp0s8\n', '') }]);
    const inode = await t.sh(HOST, `stat -c %i ${DIR}/ha.cf`);
    const m = ok(await run({ src: 'ha.cf.ejs', dest: `${DIR}/ha.cf`, mode: '0640' }, { extra: { heartbeat_ifaces: ['enp0s3'] } }));
    expect(m.changes.map((c) => [c.summary, c.diff])).to.deep.equal([[`${DIR}/ha.cf: mode 0644 → 0640`, undefined]]);
    expect(await t.sh(HOST, `stat -c %i ${DIR}/ha.cf`)).to.equal(inode);
  });

  it('a secret never appears in summaries, diffs, data, msg or errors, and the file gets the real value @lab', async () => {
    const r = ok(await run({ src: 'authkeys.ejs', dest: `${DIR}/authkeys`, mode: '0600', backup: true }, { key: key2 }));
    expect(r.status).to.equal('changed');
    expect(r.changes[0].diff).to.deep.equal({ path: `${DIR}/authkeys`, before: 'auth 1\n***\n', after: 'auth 1\n1 sha1 ***\n' });
    const printed = JSON.stringify({ changes: r.changes, data: r.data, msg: r.msg });
    expect(printed).to.not.contain(key1).and.not.contain(key2);
    expect(await t.sh(HOST, `cat ${DIR}/authkeys`)).to.equal(`auth 1\n1 sha1 ${key2}\n`);
    // The backup holds the old secret: it exists, mode kept (cp -p), but the output only names it.
    expect(r.data.backupFile).to.match(new RegExp(`^${DIR}/authkeys\\.\\d+\\.\\d{4}-\\d\\d-\\d\\d@\\d\\d:\\d\\d:\\d\\d~$`));
    expect(await t.sh(HOST, `stat -c %a ${r.data.backupFile}; cat ${r.data.backupFile}`)).to.equal(`600\nauth 1\n1 sha1 ${key1}\n`);
    await t.sh(HOST, `rm -f ${DIR}/authkeys.*~`);

    // A validate command that prints the candidate file (with the secret) to stderr and fails.
    const leaky = "sh -c 'cat \"$1\" >&2; exit 3' validate %s";
    const failed = await run({ src: 'authkeys.ejs', dest: `${DIR}/authkeys`, mode: '0600', validate: leaky }, { key: key1 });
    expect(failed.status).to.equal('failed');
    expect(failed.msg).to.contain('validation of the new').and.contain('exited 3');
    expect(JSON.stringify({ changes: failed.changes, data: failed.data, msg: failed.msg, error: failed.error?.message })).to.not.contain(key1).and.not.contain(key2);
    expect(await t.sh(HOST, `cat ${DIR}/authkeys; ls -A ${DIR}`)).to.equal(`auth 1\n1 sha1 ${key2}\nauthkeys\nha.cf\nharesources\nindex.html\n`);

    // Without the engine's masking (mask = identity), the module's own error still hides the secret.
    const transport = t.transport(HOST);
    const v = vars(key1);
    const ctx = Host.over(transport, HOST).context({ vars: v, baseDir: BASE, check: false, diff: true, where: { host: HOST }, mask: (s) => s });
    const args = prepareArgs(template, { src: 'authkeys.ejs', dest: `${DIR}/authkeys`, validate: leaky }, v);
    const [change] = template.plan(args, await template.gather(ctx, args));
    const step = change.steps.find((s) => s.kind === 'call')!;
    const err = await (step.kind === 'call' ? step.call(ctx) : Promise.resolve()).then(() => undefined, (e: Error) => e);
    expect(err?.message).to.contain('exited 3').and.contain('1 sha1 ***').and.not.contain(key1);
  });

  it('validate checks the temp file beside dest, then replaces dest with the final mode @lab', async () => {
    const r = ok(await run({ src: 'authkeys.ejs', dest: `${DIR}/authkeys`, mode: '0600', validate: "sh -c 'test \"$(stat -c %a \"$1\")\" = 600 && grep -q \"^auth 1$\" \"$1\" && case \"$1\" in */.authkeys.tsible-validate-*) ;; *) exit 1;; esac' v %s" }, { key: key1 }));
    expect(r.status).to.equal('changed');
    expect(await t.sh(HOST, `cat ${DIR}/authkeys; stat -c %a ${DIR}/authkeys; ls -A ${DIR} | grep -c tsible || true`)).to.equal(`auth 1\n1 sha1 ${key1}\n600\n0\n`);
    // With backup: the old file is kept once the new one passed validation, and its name is returned.
    const b = ok(await run({ src: 'authkeys.ejs', dest: `${DIR}/authkeys`, mode: '0600', backup: true, validate: 'grep -q sha1 %s' }, { key: key2 }));
    expect(b.data.backupFile).to.be.a('string');
    expect(await t.sh(HOST, `cat ${b.data.backupFile} ${DIR}/authkeys; rm -f ${b.data.backupFile}`)).to.equal(`auth 1\n1 sha1 ${key1}\nauth 1\n1 sha1 ${key2}\n`);
  });

  it('bad arguments are an ArgsError before anything runs on the host @lab', async () => {
    const transport = t.transport(HOST);
    const before = transport.calls;
    for (const args of [{ src: 'ha.cf.ejs', dest: 'etc/ha.cf' }, { src: 'ha.cf.ejs', dest: `${DIR}/x`, validate: 'true' }, { dest: `${DIR}/x` }, { src: 'ha.cf.ejs', dest: `${DIR}/x`, colour: 1 }]) {
      const r = await run(args);
      expect(r.status).to.equal('failed');
      expect(r.error, JSON.stringify(args)).to.be.instanceOf(ArgsError);
    }
    expect(transport.calls).to.equal(before);
    const missing = await run({ src: 'nope.ejs', dest: `${DIR}/x` });
    expect(missing.error).to.be.instanceOf(ArgsError);
    expect(missing.msg).to.contain('field "src"').and.contain('host web2');
    expect(await t.sh(HOST, `ls ${DIR}/x 2>&1 || true`)).to.contain('No such file');
  });
});
