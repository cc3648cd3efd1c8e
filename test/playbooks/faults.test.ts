// Faults during a play on real lab hosts (issue 12): a host powered off mid-transfer. tsible names host, task and cause, the
// other hosts converge, no file is half-written, and a rerun converges with a second run changed=0. (A cable cut, the dpkg
// lock held and files corrupted by hand are in faults-more.unproven-test.ts until they pass on a lab.)
import { expect } from 'chai';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labStart, labStop } from '../../lab/index.ts';
import { TEST_STATE_DIR, useLab } from '../support/lab.ts';
import { changedTasks, explain, must, runPlay, waitUntil, type PlayRun } from '../support/playbook-run.ts';

const PLAYBOOK = 'test/fixtures/faults/converge.ts';
const HOSTS = ['lb', 'web1', 'web2', 'web3'];
const LAB = { stateDir: TEST_STATE_DIR };

describe('faults during a play on lab hosts @lab', function () {
  this.timeout(900_000);
  // Containers only: every fault here is about tsible and the hosts, not IPVS; up in seconds.
  const lab = useLab('chapter3', { kind: 'container' });
  let dir = '';
  let big = '';
  let bigSum = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-faults-'));
    big = join(dir, 'big.bin');
    const content = randomBytes(48 * 1024 * 1024);
    writeFileSync(big, content);
    bigSum = createHash('sha256').update(content).digest('hex');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const play = (env: Record<string, string> = {}, args: string[] = []): Promise<PlayRun> =>
    runPlay(PLAYBOOK, lab.inventory, ['-e', '{"ansible_timeout":10}', ...args], { FAULT_BIG: big, ...env });

  /** The big file on a host: absent, or whole with the expected checksum; never partial; no temp file left beside it. */
  async function bigFileIntact(host: string): Promise<string> {
    const out = await must(lab, host, ['sh', '-c', 'ls -a /srv/fault 2>/dev/null; echo ==; sha256sum /srv/fault/big.bin 2>/dev/null || echo absent']);
    const [listing, sum] = out.split('==\n');
    expect(listing, `${host}: a temp file left in /srv/fault`).to.not.match(/tsible-/);
    const state = sum!.trim() === 'absent' ? 'absent' : sum!.split(' ')[0] === bigSum ? 'whole' : `partial or other: ${sum}`;
    expect(['absent', 'whole'], `${host}: /srv/fault/big.bin`).to.include(state);
    return state;
  }

  /** A rerun converges on every host (exit 0), and the run after it reports changed=0. */
  async function rerunConverges(env: Record<string, string> = {}): Promise<void> {
    const again = await play(env);
    expect(again.code, explain(again)).to.equal(0);
    for (const h of HOSTS) expect(await bigFileIntact(h), h).to.equal('whole');
    const third = await play(env);
    expect(third.code, explain(third)).to.equal(0);
    expect(changedTasks(third), 'a second run after convergence changes nothing').to.deep.equal([]);
  }

  /** The failed or unreachable result of `host` in a run: task name, status, message. */
  function failureOf(run: PlayRun, host: string): { task: string; status: string; msg: string } | undefined {
    for (const p of run.json?.plays ?? []) {
      for (const t of p.tasks) {
        const r = t.hosts[host];
        if (r && (r.status === 'failed' || r.status === 'unreachable')) return { task: t.name, status: r.status, msg: r.msg ?? '' };
      }
    }
    return undefined;
  }

  /** The other hosts converged in `run`: no failure, no unreachable, and their big file is whole. */
  async function othersConverged(run: PlayRun, faulty: string): Promise<void> {
    for (const h of HOSTS.filter((x) => x !== faulty)) {
      expect(failureOf(run, h), `${h} in a run where only ${faulty} had a fault\n${explain(run)}`).to.equal(undefined);
      expect(run.json?.stats[h]?.failed, h).to.equal(0);
      expect(await bigFileIntact(h), h).to.equal('whole');
    }
  }

  it('a first run converges every host (the starting point) @lab', async () => {
    await must(lab, 'web2', ['rm', '-rf', '/srv/fault']);
    const run = await play();
    expect(run.code, explain(run)).to.equal(0);
  });

  it('a host powered off mid-transfer: named unreachable with its task, the others converge, no half-written file, a rerun converges @lab', async () => {
    for (const h of HOSTS) await must(lab, h, ['rm', '-rf', '/srv/fault']);
    const running = play({ FAULT_GENERATION: '2' });
    // Power web2 off while its big file is on the way (its temp file exists).
    await waitUntil('web2 receives the big file', 120_000, async () => /tsible-/.test(await must(lab, 'web2', ['sh', '-c', 'ls -a /srv/fault 2>/dev/null; true'])));
    await labStop('web2', LAB);
    const run = await running;
    expect(run.code, explain(run)).to.equal(4); // unreachable hosts, as Ansible
    const f = failureOf(run, 'web2');
    expect(f, explain(run)).to.not.equal(undefined);
    expect(f!.status).to.equal('unreachable');
    expect(f!.task).to.equal('Big file');
    expect(f!.msg).to.match(/web2|connection|closed|lost|timed out/i);
    await othersConverged(run, 'web2');
    await labStart('web2', LAB);
    await bigFileIntact('web2');
    await rerunConverges({ FAULT_GENERATION: '2' });
  });
});
