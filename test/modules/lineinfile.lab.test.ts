// lineinfile on a real lab host (web2): /etc/hosts-style edits on a copy of the host's /etc/hosts, through a symlink; check mode, create, absent, bad arguments.
import { expect } from 'chai';
import { ArgsError } from '../../core/errors.ts';
import { secret } from '../../core/secret.ts';
import { lineinfile } from '../../modules/lineinfile.ts';
import { useLab } from '../support/lab.ts';
import { TEST_ROOT, ok, useFilesLab } from './support/files-lab.ts';

const HOST = 'web2';
const DIR = `${TEST_ROOT}/lineinfile`;
const HOSTS = `${DIR}/hosts`;

describe('lineinfile on a lab host @lab', function () {
  this.timeout(180_000);
  const lab = useLab('chapter4');
  const t = useFilesLab(lab, { host: HOST, dir: DIR });
  const run = (args: Record<string, unknown>, check = false) => t.run(HOST, lineinfile, args, { check });
  let original = '';

  before(async function () {
    this.timeout(300_000);
    // A copy of the host's real /etc/hosts (mode 0644 root), reached through a symlink as /etc/hosts often is.
    original = await t.sh(HOST, `cp -p /etc/hosts ${HOSTS} && ln -s hosts ${DIR}/hosts-link && cat ${HOSTS}`);
  });

  it('check mode reports the added line with a diff and changes nothing @lab', async () => {
    const before = await t.snapshot(HOST, DIR);
    const r = ok(await run({ path: HOSTS, line: '192.168.56.12\tDebianWeb2' }, true));
    expect(r.changes.map((c) => [c.summary, c.diff])).to.deep.equal([[`line added to ${HOSTS}`, { path: HOSTS, before: original, after: `${original}192.168.56.12\tDebianWeb2\n` }]]);
    expect(await t.snapshot(HOST, DIR)).to.equal(before);
  });

  it('adds the peer line through the symlink (the link stays), replaces it by regexp, and a second run is ok @lab', async () => {
    const add = { path: `${DIR}/hosts-link`, regexp: '\\sDebianWeb2$', line: '192.168.56.12\tDebianWeb2' };
    expect(ok(await run(add)).changes.map((c) => c.summary)).to.deep.equal([`line added to ${HOSTS}`]);
    expect(await t.sh(HOST, `cat ${HOSTS}; readlink ${DIR}/hosts-link; stat -c '%a %U' ${HOSTS}`)).to.equal(`${original}192.168.56.12\tDebianWeb2\nhosts\n644 root\n`);
    expect((await run(add)).status).to.equal('ok');
    const moved = ok(await run({ ...add, line: '192.168.56.22\tDebianWeb2' }));
    expect(moved.changes.map((c) => [c.summary, c.diff?.after])).to.deep.equal([[`line replaced in ${HOSTS}`, `${original}192.168.56.22\tDebianWeb2\n`]]);
    expect((await run({ ...add, line: '192.168.56.22\tDebianWeb2' })).status).to.equal('ok');
  });

  it('inserts after an anchor, removes lines, creates a missing file only with create @lab', async () => {
    const anchored = { path: HOSTS, line: '192.168.200.250\tgw-vip', insertAfter: '^127\\.0\\.0\\.1' };
    ok(await run(anchored));
    expect((await t.sh(HOST, `sed -n 2p ${HOSTS}`))).to.equal('192.168.200.250\tgw-vip\n');
    expect((await run(anchored)).status).to.equal('ok');
    const removed = ok(await run({ path: HOSTS, regexp: '(DebianWeb2|gw-vip)$', state: 'absent' }));
    expect(removed.changes.map((c) => c.summary)).to.deep.equal([`2 lines removed from ${HOSTS}`]);
    expect(await t.sh(HOST, `cat ${HOSTS}`)).to.equal(original);

    const missing = await run({ path: `${DIR}/new.conf`, line: 'a=1' });
    expect(missing.status).to.equal('failed');
    expect(missing.msg).to.contain('does not exist (set create: true');
    expect(ok(await run({ path: `${DIR}/new.conf`, line: 'a=1', create: true, mode: '0640' })).status).to.equal('changed');
    expect(await t.sh(HOST, `stat -c %a ${DIR}/new.conf; cat ${DIR}/new.conf`)).to.equal('640\na=1\n');
  });

  it('a secret line is written for real and shown as *** @lab', async () => {
    const value = `password=${Date.now().toString(36)}x9`;
    const r = ok(await run({ path: `${DIR}/new.conf`, regexp: '^password=', line: secret(value), mode: '0600' }));
    expect(r.changes[0].diff).to.deep.equal({ path: `${DIR}/new.conf`, before: 'a=1\n', after: 'a=1\n***\n' });
    expect(JSON.stringify({ c: r.changes, d: r.data, m: r.msg })).to.not.contain(value);
    expect(await t.sh(HOST, `cat ${DIR}/new.conf; stat -c %a ${DIR}/new.conf`)).to.equal(`a=1\n${value}\n600\n`);
    expect((await run({ path: `${DIR}/new.conf`, regexp: '^password=', line: secret(value), mode: '0600' })).status).to.equal('ok');
  });

  it('bad arguments are an ArgsError before anything runs on the host @lab', async () => {
    const transport = t.transport(HOST);
    const before = transport.calls;
    for (const args of [{ path: HOSTS }, { path: HOSTS, line: 'x', regexp: '(' }, { path: HOSTS, line: 'x', insertAfter: 'EOF', insertBefore: 'BOF' }, { path: HOSTS, line: 'nul\0byte' }]) {
      const r = await run(args);
      expect(r.error, JSON.stringify(args)).to.be.instanceOf(ArgsError);
    }
    expect(transport.calls).to.equal(before);
  });
});
