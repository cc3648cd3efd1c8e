// command against real lab hosts (a container and a VM): creates/removes/chdir/stdin, failures, check mode runs nothing.
import { expect } from 'chai';
import { command } from '../../modules/command.ts';
import { useLab } from '../support/lab.ts';
import { labExec } from './support/lab-exec-retry.ts';
import { expectNotFailed, useLabRunner } from './support/lab-run.ts';

const DIR = '/tmp/tsible-test-command';

describe('command on lab hosts @lab', function () {
  this.timeout(120_000);
  const lab = useLab('chapter4');
  const runner = useLabRunner(lab);

  for (const host of ['web3', 'lb2']) {
    describe(`${host} @lab`, () => {
      /** Everything the tests may touch: a listing of DIR (or "absent"). */
      const state = async (): Promise<string> => {
        const r = await labExec(lab, host, ['sh', '-c', `stat -c '%n %Y %s' ${DIR} && ls -lA --time-style=+%s ${DIR}`]);
        expect(r.code, `listing ${DIR} on ${host}: ${r.stderr}`).to.equal(0);
        return r.stdout;
      };
      before(async () => {
        const r = await labExec(lab, host, ['sh', '-c', `rm -rf ${DIR} && mkdir ${DIR}`]);
        expect(r.code, `preparing ${DIR} on ${host}: ${r.stderr}`).to.equal(0);
      });
      after(() => labExec(lab, host, ['rm', '-rf', DIR]));

      it(`check mode runs nothing: the file the command would create is not there @lab`, async () => {
        const before = await state();
        const run = expectNotFailed(await runner.run(host, command, { argv: ['touch', `${DIR}/check`], creates: `${DIR}/check` }, { check: true }));
        expect(run).to.include({ status: 'changed', msg: 'Command would have run if not in check mode' }); // creates decides, as in Ansible
        expect(await state()).to.equal(before);
        expect((await labExec(lab, host, ['test', '-e', `${DIR}/check`])).code).to.equal(1);
      });

      it(`creates: converges (changed), then a second run is ok and runs nothing @lab`, async () => {
        const first = expectNotFailed(await runner.run(host, command, { cmd: `sh -c 'echo run >> ${DIR}/made'`, creates: `${DIR}/made` }));
        expect(first.status).to.equal('changed');
        expect(first.data).to.include({ rc: 0 });
        const second = expectNotFailed(await runner.run(host, command, { cmd: `sh -c 'echo run >> ${DIR}/made'`, creates: `${DIR}/made` }));
        expect(second.status).to.equal('ok');
        expect(second.changes).to.deep.equal([]);
        expect((await labExec(lab, host, ['cat', `${DIR}/made`])).stdout).to.equal('run\n');
      });

      it(`free form with creates= and chdir= words, relative creates checked in chdir @lab`, async () => {
        const cmd = `chdir=${DIR} creates=rel touch rel`;
        expect(expectNotFailed(await runner.run(host, command, { cmd })).status).to.equal('changed');
        expect((await labExec(lab, host, ['test', '-e', `${DIR}/rel`])).code).to.equal(0);
        expect(expectNotFailed(await runner.run(host, command, { cmd })).status).to.equal('ok');
      });

      it(`removes: runs while the path exists, then ok @lab`, async () => {
        await labExec(lab, host, ['touch', `${DIR}/old`]);
        expect(expectNotFailed(await runner.run(host, command, { argv: ['rm', `${DIR}/old`], removes: `${DIR}/old` })).status).to.equal('changed');
        expect(expectNotFailed(await runner.run(host, command, { argv: ['rm', `${DIR}/old`], removes: `${DIR}/old` })).status).to.equal('ok');
      });

      it(`stdin and chdir reach the program; no shell: $HOME stays a word @lab`, async () => {
        const run = expectNotFailed(await runner.run(host, command, { cmd: `sh -c 'pwd; cat; echo "$1"' sh $HOME`, chdir: DIR, stdin: 'from stdin' }));
        expect(run.data.stdout_lines).to.deep.equal([DIR, 'from stdin', '$HOME']);
      });

      it(`a non-zero exit fails with rc and stderr in the message @lab`, async () => {
        const run = await runner.run(host, command, { argv: ['ls', `${DIR}/no such file`] });
        expect(run.status).to.equal('failed');
        expect(run.data.rc).to.equal(2);
        expect(run.msg).to.match(/^non-zero return code 2: ls: cannot access '.*no such file': No such file or directory$/);
      });

      it(`bad arguments fail before anything runs @lab`, async () => {
        const before = await state();
        const run = await runner.run(host, command, { argv: ['touch', `${DIR}/bad`], cmd: 'touch x' });
        expect(run.status).to.equal('failed');
        expect(run.error?.name).to.equal('ArgsError');
        expect(run.msg).to.include('field "argv"');
        expect(await state()).to.equal(before);
      });
    });
  }
});
