// Faults during a play on real lab hosts (issue 12): a host whose power is cut mid-transfer. tsible names host, task and cause, the
// other hosts converge, no file is half-written, and a rerun converges with a second run changed=0. (A cable cut, the dpkg
// lock held and files corrupted by hand: faults-more.test.ts.)
import { expect } from 'chai';
import { labStart, labStop } from '../../lab/index.ts';
import { FAULT_HOSTS as HOSTS, LAB, useFaultDrill } from '../support/fault-drill.ts';
import { useLab } from '../support/lab.ts';
import { explain, must, waitUntil } from '../support/playbook-run.ts';


describe('faults during a play on lab hosts @lab', function () {
  this.timeout(900_000);
  // Containers only: every fault here is about tsible and the hosts, not IPVS; up in seconds.
  const lab = useLab('chapter3', { kind: 'container' });
  const { play, bigFileIntact, rerunConverges, failureOf, othersConverged } = useFaultDrill(lab);

  it('a first run converges every host (the starting point) @lab', async () => {
    await must(lab, 'web2', ['rm', '-rf', '/srv/fault']);
    const run = await play();
    expect(run.code, explain(run)).to.equal(0);
  });

  it('a host whose power is cut mid-transfer: named unreachable with its task, the others converge, no half-written file, a rerun converges and removes the temp file @lab', async () => {
    for (const h of HOSTS) await must(lab, h, ['rm', '-rf', '/srv/fault']);
    const running = play({ FAULT_GENERATION: '2' });
    // Cut web2's power (SIGKILL, no shutdown: no trap runs) while its big file is on the way (its temp file exists).
    await waitUntil('web2 receives the big file', 120_000, async () => /tsible-/.test(await must(lab, 'web2', ['sh', '-c', 'ls -a /srv/fault 2>/dev/null; true'])));
    await labStop('web2', LAB, true);
    const run = await running;
    expect(run.code, explain(run)).to.equal(4); // unreachable hosts, as Ansible
    const f = failureOf(run, 'web2');
    expect(f, explain(run)).to.not.equal(undefined);
    expect(f!.status).to.equal('unreachable');
    expect(f!.task).to.equal('Big file');
    expect(f!.msg).to.match(/web2|connection|closed|lost|timed out/i);
    await othersConverged(run, 'web2');
    await labStart('web2', LAB);
    await bigFileIntact('web2', true);
    await rerunConverges({ FAULT_GENERATION: '2' });
  });
});
