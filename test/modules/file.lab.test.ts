// file on a real lab host (web3): directories, touch, links, recursive attributes and removal; check mode, second runs, bad arguments.
import { expect } from 'chai';
import { ArgsError } from '../../core/errors.ts';
import { file } from '../../modules/file.ts';
import { useLab } from '../support/lab.ts';
import { TEST_ROOT, ok, useFilesLab } from './support/files-lab.ts';

const HOST = 'web3';
const DIR = `${TEST_ROOT}/file`;

describe('file on a lab host @lab', function () {
  this.timeout(180_000);
  const lab = useLab('chapter4');
  const t = useFilesLab(lab, { host: HOST, dir: DIR });
  const run = (args: Record<string, unknown>, check = false) => t.run(HOST, file, args, { check });
  const tasks = [
    { path: `${DIR}/etc/ha.d`, state: 'directory', mode: '0750' },
    // touch with both times preserved: created once, then left alone (plain touch updates the times on every run, as Ansible).
    { path: `${DIR}/etc/ha.d/authkeys`, state: 'touch', mode: '0600', accessTime: 'preserve', modificationTime: 'preserve' },
    { path: `${DIR}/etc/ha.d/link`, state: 'link', src: 'authkeys' },
    { path: `${DIR}/www`, state: 'directory', owner: 'nobody', group: 'nogroup' },
  ];

  it('check mode on a fresh host reports the changes and changes nothing @lab', async () => {
    const before = await t.snapshot(HOST, DIR);
    const r = ok(await run(tasks[0], true));
    expect(r.changes.map((c) => c.summary)).to.deep.equal([`create directory ${DIR}/etc/ha.d and 1 parent (mode 0750)`]); // parents get the mode too, as in Ansible
    expect(ok(await run(tasks[3], true)).status).to.equal('changed');
    expect(await t.snapshot(HOST, DIR)).to.equal(before);
  });

  it('creates a directory with parents, an empty file, a link and an owned directory; a second run is ok @lab', async () => {
    for (const args of tasks) expect(ok(await run(args)).status, String(args.path)).to.equal('changed');
    expect(await t.sh(HOST, `cd ${DIR} && stat -c '%n %F %a %U %G' etc etc/ha.d etc/ha.d/authkeys www && readlink etc/ha.d/link`)).to.equal(
      'etc directory 750 root root\netc/ha.d directory 750 root root\netc/ha.d/authkeys regular empty file 600 root root\nwww directory 755 nobody nogroup\nauthkeys\n',
    );
    const snap = await t.snapshot(HOST, DIR);
    for (const args of tasks) expect((await run(args)).status, String(args.path)).to.equal('ok');
    expect(await t.snapshot(HOST, DIR)).to.equal(snap);
  });

  it('re-points a link atomically, fixes attributes recursively, then removes a tree @lab', async () => {
    const moved = ok(await run({ path: `${DIR}/etc/ha.d/link`, src: '/etc/hostname' }));
    expect(moved.changes.map((c) => c.diff)).to.deep.equal([{ path: `${DIR}/etc/ha.d/link`, before: 'symbolic link to authkeys\n', after: 'symbolic link to /etc/hostname\n' }]);
    expect(await t.sh(HOST, `readlink ${DIR}/etc/ha.d/link; ls -A ${DIR}/etc/ha.d`)).to.equal('/etc/hostname\nauthkeys\nlink\n');

    await t.sh(HOST, `mkdir -p ${DIR}/www/sub && printf x > ${DIR}/www/a && printf '#!/bin/sh\\n' > ${DIR}/www/sub/run && chmod 700 ${DIR}/www/sub/run ${DIR}/www/sub && chmod 600 ${DIR}/www/a`);
    const rec = { path: `${DIR}/www`, state: 'directory', recurse: true, owner: 'nobody', mode: 'u=rwX,g=rX,o=rX' };
    const check = ok(await run(rec, true));
    expect(check.changes.map((c) => c.summary)).to.deep.equal([`${DIR}/www: mode/owner/group fixed on 3 entries below`]);
    const r = ok(await run(rec));
    expect(r.status).to.equal('changed');
    expect(await t.sh(HOST, `cd ${DIR}/www && stat -c '%n %a %U %G' . a sub sub/run`)).to.equal('. 755 nobody nogroup\na 644 nobody root\nsub 755 nobody root\nsub/run 755 nobody root\n');
    expect((await run(rec)).status).to.equal('ok');

    const gone = ok(await run({ path: `${DIR}/www`, state: 'absent' }));
    expect(gone.changes.map((c) => c.summary)).to.deep.equal([`remove directory ${DIR}/www and everything in it`]);
    expect(await t.sh(HOST, `ls -A ${DIR}`)).to.equal('etc\n');
    expect((await run({ path: `${DIR}/www`, state: 'absent' })).status).to.equal('ok');
  });

  it('state file never creates; a file in the way of a link needs force @lab', async () => {
    const missing = await run({ path: `${DIR}/nope`, mode: '0600' });
    expect(missing.status).to.equal('failed');
    expect(missing.msg).to.contain(`${DIR}/nope) is absent, cannot continue`);
    await t.sh(HOST, `printf data > ${DIR}/plain`);
    expect((await run({ path: `${DIR}/plain`, src: '/etc/hostname' })).msg).to.contain("src option requires state to be 'link' or 'hard'");
    expect((await run({ path: `${DIR}/plain`, state: 'link', src: '/etc/hostname' })).msg).to.contain('refusing to convert from file to symlink');
    expect(ok(await run({ path: `${DIR}/plain`, state: 'link', src: '/etc/hostname', force: true })).status).to.equal('changed');
    expect(await t.sh(HOST, `readlink ${DIR}/plain`)).to.equal('/etc/hostname\n');
  });

  it('bad arguments are an ArgsError before anything runs on the host @lab', async () => {
    const transport = t.transport(HOST);
    const before = transport.calls;
    for (const args of [{ path: `${DIR}/x`, state: 'link' }, { path: '/', state: 'absent' }, { path: `${DIR}/x`, recurse: true, state: 'file' }, { path: `${DIR}/x`, state: 'hard' }, { path: `${DIR}/x`, state: 'touch', src: 'y' }]) {
      const r = await run(args);
      expect(r.error, JSON.stringify(args)).to.be.instanceOf(ArgsError);
    }
    expect(transport.calls).to.equal(before);
  });
});
