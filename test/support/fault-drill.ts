// Test support for the fault tests (test/playbooks/faults*.ts): a container lab's fault-drill playbook, a big file to send, and the checks every fault shares.
import { expect } from 'chai';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_STATE_DIR, type LabFixture } from './lab.ts';
import { changedTasks, explain, must, runPlay, type PlayRun } from './playbook-run.ts';

const PLAYBOOK = 'test/fixtures/faults/converge.ts';
/** The hosts of the chapter3 lab the fault playbook runs on. */
export const FAULT_HOSTS = ['lb', 'web1', 'web2', 'web3'];
/** The lab options of the tests' lab (for labStop, labCut…). */
export const LAB = { stateDir: TEST_STATE_DIR };

/** Inside a mocha describe that called useLab('chapter3', { kind: 'container' }): the fault drill's playbook run and checks. */
export function useFaultDrill(lab: LabFixture) {
  const HOSTS = FAULT_HOSTS;
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

  /**
   * The big file on a host: absent, or whole with the expected checksum; never partial; no temp file left beside it
   * (unless `leftoverOk`: a host whose power was cut mid-transfer keeps the temp file no trap could remove; the next
   * put of the same file removes it).
   */
  async function bigFileIntact(host: string, leftoverOk = false): Promise<string> {
    const out = await must(lab, host, ['sh', '-c', 'ls -a /srv/fault 2>/dev/null; echo ==; sha256sum /srv/fault/big.bin 2>/dev/null || echo absent']);
    const [listing, sum] = out.split('==\n');
    if (leftoverOk) console.log(`      ${host}: temp file left by the power cut: ${/tsible-/.test(listing!) ? 'yes' : 'no'}`);
    else expect(listing, `${host}: a temp file left in /srv/fault`).to.not.match(/tsible-/);
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

  return { play, bigFileIntact, rerunConverges, failureOf, othersConverged };
}
