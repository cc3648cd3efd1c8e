// copy on a real lab host (web1): inline and local-file content, attribute-only changes, secret content, check mode, bad arguments.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ArgsError } from '../../core/errors.ts';
import { secret } from '../../core/secret.ts';
import { copy } from '../../modules/copy.ts';
import { useLab } from '../support/lab.ts';
import { TEST_ROOT, ok, useFilesLab } from './support/files-lab.ts';

const HOST = 'web1';
const DIR = `${TEST_ROOT}/copy`;
const BASE = fileURLToPath(new URL('../fixtures/modules/copy/', import.meta.url));
const DEFAULT_IPVSADM = '# managed by tsible\nAUTO="true"\nDAEMON="none"\nIFACE="enp0s3"\n';

describe('copy on a lab host @lab', function () {
  this.timeout(180_000);
  const lab = useLab('chapter4');
  const t = useFilesLab(lab, { host: HOST, dir: DIR });
  const run = (args: Record<string, unknown>, check = false) => t.run(HOST, copy, args, { check, baseDir: BASE });
  const tasks = [
    { dest: `${DIR}/default-ipvsadm`, content: DEFAULT_IPVSADM, mode: '0644' },
    { src: 'index.html', dest: `${DIR}/index.html` },
    { src: 'files/blob.bin', dest: `${DIR}/blob.bin`, mode: '0600', owner: 'nobody', group: 'nogroup' },
  ];

  it('check mode on a fresh host reports every file and changes nothing @lab', async () => {
    const before = await t.snapshot(HOST, DIR);
    for (const args of tasks) expect(ok(await run(args, true)).status).to.equal('changed');
    const r = ok(await run(tasks[0], true));
    expect(r.changes.map((c) => [c.summary, c.diff])).to.deep.equal([[`create ${DIR}/default-ipvsadm (${DEFAULT_IPVSADM.length} bytes, mode 0644)`, { path: `${DIR}/default-ipvsadm`, before: '', after: DEFAULT_IPVSADM }]]);
    expect(await t.snapshot(HOST, DIR)).to.equal(before);
  });

  it('converges inline, local and binary files with their attributes; a second run is ok @lab', async () => {
    for (const args of tasks) expect(ok(await run(args)).status).to.equal('changed');
    expect(await t.sh(HOST, `cd ${DIR} && cat default-ipvsadm && stat -c '%n %a %U %G %s' default-ipvsadm index.html blob.bin && od -An -c blob.bin`)).to.equal(
      DEFAULT_IPVSADM + 'default-ipvsadm 644 root root 61\nindex.html 644 root root 70\nblob.bin 600 nobody nogroup 5\n   A  \\0   B 377  \\n\n',
    );
    const snap = await t.snapshot(HOST, DIR);
    for (const args of tasks) expect((await run(args)).status).to.equal('ok');
    expect(await t.snapshot(HOST, DIR)).to.equal(snap);
  });

  it('attributes alone change by chmod/chown, content alone keeps the attributes, and the diff shows the edit @lab', async () => {
    const a = ok(await run({ ...tasks[0], mode: 'o-r', owner: 'nobody' }));
    expect(a.changes.map((c) => [c.summary, c.diff])).to.deep.equal([[`${DIR}/default-ipvsadm: owner root → nobody, mode 0644 → 0640`, undefined]]);
    const edited = DEFAULT_IPVSADM.replace('DAEMON="none"', 'DAEMON="master"');
    const b = ok(await run({ dest: `${DIR}/default-ipvsadm`, content: edited }));
    expect(b.changes.map((c) => c.diff)).to.deep.equal([{ path: `${DIR}/default-ipvsadm`, before: DEFAULT_IPVSADM, after: edited }]);
    expect(b.data).to.include({ dest: `${DIR}/default-ipvsadm`, size: edited.length });
    expect(await t.sh(HOST, `stat -c '%a %U' ${DIR}/default-ipvsadm`)).to.equal('640 nobody\n');
  });

  it('secret content: written for real with mode 0600, never shown in summaries, diffs, data or msg @lab', async () => {
    const value = `auth 1\n1 sha1 ${randomBytes(12).toString('hex')}\n`;
    const r = ok(await run({ dest: `${DIR}/authkeys`, content: secret(value), mode: '0600' }));
    expect(r.status).to.equal('changed');
    expect(r.changes[0].diff).to.deep.equal({ path: `${DIR}/authkeys`, before: '', after: '*** (content hidden: it is secret)' });
    expect(JSON.stringify({ c: r.changes, d: r.data, m: r.msg })).to.not.contain(value.slice(14, 38));
    expect(r.data).to.not.have.property('checksum');
    expect(await t.sh(HOST, `stat -c %a ${DIR}/authkeys && cat ${DIR}/authkeys`)).to.equal(`600\n${value}`);
    expect((await run({ dest: `${DIR}/authkeys`, content: secret(value), mode: '0600' })).status).to.equal('ok');
  });

  it('force false leaves an existing file alone @lab', async () => {
    expect((await run({ dest: `${DIR}/index.html`, content: 'other', force: false })).status).to.equal('ok');
  });

  it('bad arguments are an ArgsError before anything runs on the host @lab', async () => {
    const transport = t.transport(HOST);
    const before = transport.calls;
    for (const args of [{ dest: `${DIR}/x` }, { dest: `${DIR}/x`, content: 'a', src: 'index.html' }, { dest: `${DIR}/x/`, content: 'a' }, { dest: `${DIR}/x`, content: 'a', mode: 'rw' }]) {
      const r = await run(args);
      expect(r.error, JSON.stringify(args)).to.be.instanceOf(ArgsError);
    }
    expect(transport.calls).to.equal(before);
    const missing = await run({ src: 'nope.txt', dest: `${DIR}/x` });
    expect(missing.error).to.be.instanceOf(ArgsError);
    expect(missing.msg).to.contain(`${BASE}files/nope.txt`);
  });
});
