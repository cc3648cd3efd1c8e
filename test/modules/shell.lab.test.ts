// shell against real lab hosts (a container and a VM): pipes and redirections, executable, creates with a glob, check mode.
import { expect } from 'chai';
import { shell } from '../../modules/shell.ts';
import { useLab } from '../support/lab.ts';
import { labExec } from './support/lab-exec-retry.ts';
import { expectNotFailed, useLabRunner } from './support/lab-run.ts';

const DIR = '/tmp/tsible-test-shell';

describe('shell on lab hosts @lab', function () {
  this.timeout(120_000);
  const lab = useLab('chapter4');
  const runner = useLabRunner(lab);

  for (const host of ['web3', 'lb2']) {
    describe(`${host} @lab`, () => {
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

      it(`check mode runs nothing: the redirection target is not created @lab`, async () => {
        const before = await state();
        const run = expectNotFailed(await runner.run(host, shell, { cmd: `hostname > ${DIR}/check.out` }, { check: true }));
        expect(run.status).to.equal('skipped'); // no creates/removes to decide: skipped in check mode, as Ansible does
        expect(await state()).to.equal(before);
      });

      it(`pipes, redirections and variables run in sh; creates with a glob makes it idempotent @lab`, async () => {
        const args = { cmd: `n=$(hostname); echo "$n" | tr a-z A-Z > ${DIR}/name.out`, creates: `${DIR}/*.out` };
        expect(expectNotFailed(await runner.run(host, shell, args)).status).to.equal('changed');
        expect((await labExec(lab, host, ['cat', `${DIR}/name.out`])).stdout).to.equal(`${host.toUpperCase()}\n`);
        expect(expectNotFailed(await runner.run(host, shell, args)).status).to.equal('ok');
      });

      it(`executable /bin/bash, chdir and stdin @lab`, async () => {
        const run = expectNotFailed(await runner.run(host, shell, { cmd: 'read -r line; echo "${BASH_VERSION%%.*} $PWD $line"', executable: '/bin/bash', chdir: DIR, stdin: 'hi there' }));
        expect(run.data.stdout).to.match(new RegExp(`^5 ${DIR} hi there$`));
      });

      it(`a failing pipeline fails the task with its rc and stderr @lab`, async () => {
        const run = await runner.run(host, shell, { cmd: 'echo oops >&2; false | true; exit 7' });
        expect(run.status).to.equal('failed');
        expect(run.msg).to.equal('non-zero return code 7: oops');
      });
    });
  }
});
