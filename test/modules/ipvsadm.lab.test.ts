// ipvsadm against a real kernel IPVS (lab VM lb2): converge, idempotence, adding a server, purge, check mode, errors.
import { expect } from 'chai';
import { ArgsError } from '../../core/errors.ts';
import { ipvsadm, type IpvsServiceArgs } from '../../modules/ipvsadm.ts';
import { parseRules } from '../../modules/ipvsadm/parse-rules.ts';
import type { IpvsTable } from '../../modules/ipvsadm/table.ts';
import { runModule } from '../../core/engine/run-module.ts';
import { openTransport } from '../../core/transport/open.ts';
import type { Transport } from '../../core/transport/transport.ts';
import { useLab } from '../support/lab.ts';
import { needs } from '../support/needs.ts';
import { expectNotFailed, useLabRunner } from './support/lab-run.ts';

// lb1/lb2 also serve the chapter IV playbook tests: this suite uses lb2 only, virtual services in
// 10.99.0.0/16 that nobody else uses, and its own file paths; it deletes only its own services afterwards.
const HOST = 'lb2';
const DIR = '/tmp/tsible-test-ipvs';
const RULES = `${DIR}/ipvsadm.rules`;
const DEFAULTS = `${DIR}/default-ipvsadm`;
const MINE = /(^| )(-[tu] 10\.99\.|-f 4299)/;
const masq = (address: string, weight = 1) => ({ address, forwarding: 'masq' as const, weight });
const web = (weights: number[]): IpvsServiceArgs => ({
  address: '10.99.0.1', port: 80, scheduler: 'wrr', realServers: weights.map((w, i) => masq(`192.168.200.${11 + i}`, w)),
});
const files = { rulesFile: RULES, defaultsFile: DEFAULTS, defaults: { auto: true, daemon: 'none', iface: 'enp0s3' } };

/** Declarations of services someone else has on the host (so that purge leaves them). */
function declare(table: IpvsTable): IpvsServiceArgs[] {
  return table.map((s) => ({
    protocol: s.protocol, ...(s.protocol === 'fwmark' ? { fwmark: s.fwmark } : { address: s.address, port: s.port }),
    scheduler: s.scheduler, persistent: s.persistent, netmask: s.netmask, schedFlags: s.schedFlags, pe: s.pe, ops: s.ops || undefined,
    realServers: s.realServers.map((r) => ({ address: r.address, port: r.port, forwarding: r.forwarding, weight: r.weight })),
  }));
}

describe('ipvsadm on a real kernel IPVS (lb2) @lab', function () {
  this.timeout(300_000);
  const lab = useLab('chapter4');
  let snapshot = '';

  /**
   * Runs a check script on lb2. It goes over the suite's open tsible connection rather than a new OpenSSH login
   * per check: on the shared, loaded lab VM each new login costs 5-15 s and sometimes times out in the banner
   * exchange. The scripts are plain ipvsadm/sha256sum/cat, independent of the module's code.
   */
  const sh = async (script: string): Promise<string> => {
    const r = await runner.transport(HOST).run(['sh', '-c', script]);
    expect(r.code, `${script}: ${r.stderr}`).to.equal(0);
    return r.stdout;
  };
  const table = async (): Promise<string> => sh('ipvsadm -Sn');
  const mine = async (): Promise<string[]> => (await table()).split('\n').filter((l) => MINE.test(l));
  /** Everything the module may touch: the live table and both files (checksums, or "absent"). */
  const state = async (): Promise<string> =>
    sh(`ipvsadm -Sn; for f in ${RULES} ${DEFAULTS}; do if [ -e $f ]; then sha256sum $f; stat -c %a $f; else echo absent $f; fi; done`);
  const removeMine = async (): Promise<void> => {
    for (const line of await mine()) if (line.startsWith('-A ')) await sh(`ipvsadm -D ${line.split(' ').slice(1, 3).join(' ')}`);
  };

  before(async function () {
    // A fresh lab has no ipvsadm yet: install it the way the chapter playbooks do (apt through the lab proxy).
    const has = await runner.transport(HOST).run(['sh', '-c', 'PATH=$PATH:/usr/sbin command -v ipvsadm']);
    if (has.code !== 0) await sh('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ipvsadm >/dev/null');
    await removeMine(); // leftovers of an interrupted run
    snapshot = await table();
    await sh(`rm -rf ${DIR} && mkdir -p ${DIR}`);
  });
  after(async () => {
    await removeMine();
    await sh(`rm -rf ${DIR}`);
    const now = await table();
    // Someone else may have changed their own services meanwhile; ours are gone either way.
    if (now !== snapshot) console.log(`      [ipvsadm] note: ${HOST}'s table differs from the snapshot taken before the suite (other users' services)`);
  });
  // Registered after the cleanup above, so its own after() (closing the connections) runs last.
  const runner = useLabRunner(lab);

  it('check mode on a fresh table changes nothing, and reports the edits and both files @lab', async () => {
    const before = await state();
    const run = expectNotFailed(await runner.run(HOST, ipvsadm, { services: [web([3, 1])], ...files }, { check: true }));
    expect(run.status).to.equal('changed');
    expect(run.changes.map((c) => c.summary)).to.deep.equal([
      'IPVS table: 3 edits (-A -t 10.99.0.1:80 -s wrr; -a -t 10.99.0.1:80 -r 192.168.200.11:80 -m -w 3; -a -t 10.99.0.1:80 -r 192.168.200.12:80 -m -w 1)',
      `${RULES}: created`, `${DEFAULTS}: created`,
    ]);
    expect(await state()).to.equal(before);
  });

  it('converges from a fresh table: live table, rules file in -Sn format, defaults file; the diff shows all three @lab', async () => {
    const run = expectNotFailed(await runner.run(HOST, ipvsadm, { services: [web([3, 1])], ...files }));
    expect(run.status).to.equal('changed');
    expect(run.changes.map((c) => c.diff?.path)).to.deep.equal(['IPVS table (ipvsadm -Sn)', RULES, DEFAULTS]);
    const want = ['-A -t 10.99.0.1:80 -s wrr', '-a -t 10.99.0.1:80 -r 192.168.200.11:80 -m -w 3', '-a -t 10.99.0.1:80 -r 192.168.200.12:80 -m -w 1'];
    const [live, rules, mode, defaults] = (await sh(`ipvsadm -Sn; echo @@; grep -v '^#' ${RULES}; echo @@; stat -c '%a %U' ${RULES}; echo @@; cat ${DEFAULTS}`)).split('@@\n');
    const lines = live!.split('\n');
    expect(lines.filter((l) => MINE.test(l))).to.deep.equal(want);
    // The file is what Debian's init script feeds to ipvsadm -R: its non-comment lines are the -Sn lines.
    expect(rules!.trim().split('\n')).to.deep.equal(want);
    expect(mode).to.equal('644 root\n');
    expect(defaults).to.equal('AUTO="true"\nDAEMON="none"\nIFACE="enp0s3"\n');
    expect(lines.filter((l) => l && !MINE.test(l))).to.deep.equal(snapshot.split('\n').filter((l) => l && !MINE.test(l)));
  });

  it('a second run reports ok with zero changes @lab', async () => {
    const run = expectNotFailed(await runner.run(HOST, ipvsadm, { services: [web([3, 1])], ...files }));
    expect(run.status).to.equal('ok');
    expect(run.changes).to.deep.equal([]);
  });

  it('the rules file loads with Debian\'s own command into a table equal to the live one @lab', async () => {
    // Load it under another address (sed) so as not to collide with the live service: same format check.
    const out = await sh(`grep -v '^#' ${RULES} | sed 's/10\\.99\\.0\\.1:80/10.99.9.1:80/' | ipvsadm -R 2>&1; ipvsadm -Sn; ipvsadm -D -t 10.99.9.1:80`);
    const lines = out.split('\n');
    const loaded = lines.filter((l) => l.includes('10.99.9.1')).map((l) => l.replace('10.99.9.1', '10.99.0.1'));
    expect(loaded).to.have.length(3);
    expect(loaded).to.deep.equal(lines.filter((l) => l.includes('10.99.0.1:80')));
  });

  it('adding a real server is one -a: the service and the other real servers are left alone @lab', async () => {
    const run = expectNotFailed(await runner.run(HOST, ipvsadm, { services: [web([3, 1, 1])], ...files }));
    expect(run.status).to.equal('changed');
    const live = run.changes[0]!;
    const step = live.steps[0]!;
    expect(step.kind === 'run' && step.stdin).to.equal('-a -t 10.99.0.1:80 -r 192.168.200.13:80 -m -w 1\n');
    expect(run.data.edits).to.deep.equal(['-a -t 10.99.0.1:80 -r 192.168.200.13:80 -m -w 1']);
    expect(await mine()).to.deep.equal([
      '-A -t 10.99.0.1:80 -s wrr', '-a -t 10.99.0.1:80 -r 192.168.200.11:80 -m -w 3',
      '-a -t 10.99.0.1:80 -r 192.168.200.12:80 -m -w 1', '-a -t 10.99.0.1:80 -r 192.168.200.13:80 -m -w 1',
    ]);
    expect(run.changes[1]!.diff!.after).to.include('-a -t 10.99.0.1:80 -r 192.168.200.13:80 -m -w 1\n');
  });

  it('purge removes undeclared services and real servers, and keeps everyone else\'s (declared back) @lab', async () => {
    await sh('ipvsadm -A -t 10.99.0.2:443 -s rr && ipvsadm -a -t 10.99.0.2:443 -r 192.168.200.11:443 -m');
    const foreign = parseRules(await table(), true).table.filter((s) => !MINE.test(`-${s.protocol[0]} ${s.address}`));
    const run = expectNotFailed(await runner.run(HOST, ipvsadm, { services: [web([3, 1]), ...declare(foreign)], purge: true, ...files }));
    expect(run.data.edits).to.deep.equal(['-D -t 10.99.0.2:443', '-d -t 10.99.0.1:80 -r 192.168.200.13:80']);
    expect(await mine()).to.deep.equal(['-A -t 10.99.0.1:80 -s wrr', '-a -t 10.99.0.1:80 -r 192.168.200.11:80 -m -w 3', '-a -t 10.99.0.1:80 -r 192.168.200.12:80 -m -w 1']);
    const again = expectNotFailed(await runner.run(HOST, ipvsadm, { services: [web([3, 1]), ...declare(foreign)], purge: true, ...files }));
    expect(again.status).to.equal('ok');
  });

  it('edits scheduler and persistence with one -E, and weights with -e @lab', async () => {
    const run = expectNotFailed(await runner.run(HOST, ipvsadm, { services: [{ ...web([2, 1]), scheduler: 'wlc', persistent: 300 }], ...files }));
    expect(run.data.edits).to.deep.equal(['-E -t 10.99.0.1:80 -s wlc -p 300', '-e -t 10.99.0.1:80 -r 192.168.200.11:80 -m -w 2']);
    expect(await mine()).to.deep.equal(['-A -t 10.99.0.1:80 -s wlc -p 300', '-a -t 10.99.0.1:80 -r 192.168.200.11:80 -m -w 2', '-a -t 10.99.0.1:80 -r 192.168.200.12:80 -m -w 1']);
  });

  it('live: false writes the files only (Heartbeat loads the table on the active balancer) @lab', async () => {
    const before = await table();
    const run = expectNotFailed(await runner.run(HOST, ipvsadm, { services: [web([1])], live: false, purge: true, rulesFile: RULES }));
    expect(run.changes.map((c) => c.summary)).to.deep.equal([`${RULES}: rules updated`]);
    expect(await table()).to.equal(before);
    expect(await sh(`grep -v '^#' ${RULES}`)).to.equal('-A -t 10.99.0.1:80 -s wrr\n-a -t 10.99.0.1:80 -r 192.168.200.11:80 -m -w 1\n');
  });

  it('state absent deletes the service @lab', async () => {
    const run = expectNotFailed(await runner.run(HOST, ipvsadm, { services: [{ address: '10.99.0.1', port: 80 }], state: 'absent', rulesFile: RULES }));
    expect(run.data.edits).to.deep.equal(['-D -t 10.99.0.1:80']);
    expect(await mine()).to.deep.equal([]);
    expect(await sh(`grep -v '^#' ${RULES} || true`)).to.equal('');
  });

  it('a line the kernel refuses fails the task (ipvsadm -R itself exits 0) and the rules file is not written @lab', async () => {
    const before = await state();
    // The twos scheduler is not built in Debian 12's kernel 6.1.
    const run = await runner.run(HOST, ipvsadm, { services: [{ address: '10.99.0.3', port: 80, scheduler: 'twos' }], rulesFile: RULES });
    expect(run.status).to.equal('failed');
    expect(run.msg).to.match(/host lb2.*ipvsadm -R: Scheduler or persistence engine not found/s);
    expect(await state()).to.equal(before);
  });

  it('bad arguments fail with an ArgsError before anything runs @lab', async () => {
    const before = await state();
    const run = await runner.run(HOST, ipvsadm, { services: [{ address: '10.99.0.1', port: 80, realServers: [{ address: '192.168.200.11', forwarding: 'nat' }] }], rulesFile: RULES });
    expect(run.status).to.equal('failed');
    expect(run.error).to.be.instanceOf(ArgsError);
    expect(run.msg).to.match(/host lb2, task "test ipvsadm", field "services\[0\].realServers\[0\].forwarding": expects masq, route or tunnel/);
    expect(await state()).to.equal(before);
  });
});

describe('ipvsadm where ipvsadm is not installed yet (web3, a container) @lab', function () {
  this.timeout(180_000);
  const lab = useLab('chapter4');
  let transport: Transport | undefined;
  after(async () => transport?.close());

  it('check mode reports "ipvsadm not installed yet" as changed instead of failing, and writes nothing @lab', async function () {
    // Long connect timeout: web3 sits behind lb1, a VM the shared lab keeps busy.
    transport = openTransport('web3', { ...lab.connection('web3'), connectTimeoutMs: 60_000 }, { sshConfigFile: null, agentSocket: null });
    const probe = await transport.run(['sh', '-c', 'rm -rf /tmp/tsible-test-ipvs-web3; PATH=$PATH:/usr/sbin command -v ipvsadm']);
    needs(this, probe.stdout.trim() === '', 'web3 has ipvsadm installed (someone installed it): the not-installed case cannot be shown there');
    const run = await runModule({
      module: ipvsadm, transport, check: true, where: { task: 'test ipvsadm' },
      args: { services: [{ address: '10.99.0.1', port: 80, realServers: [{ address: '192.168.200.11', forwarding: 'masq' }] }], rulesFile: '/tmp/tsible-test-ipvs-web3/rules' },
    });
    expect(run.status, run.msg).to.equal('changed');
    expect(run.changes.map((c) => c.summary)).to.deep.equal([
      'ipvsadm not installed yet: IPVS table: 2 edits (-A -t 10.99.0.1:80 -s wlc; -a -t 10.99.0.1:80 -r 192.168.200.11:80 -m -w 1)',
      '/tmp/tsible-test-ipvs-web3/rules: created',
    ]);
    expect(run.data.ipvsadmInstalled).to.equal(false);
    expect((await transport.run(['ls', '/tmp/tsible-test-ipvs-web3'])).code).to.not.equal(0);
  });

  it('a real run there fails with a clear message, before writing the rules file @lab', async () => {
    const run = await runModule({
      module: ipvsadm, transport: transport!, where: { task: 'test ipvsadm' },
      args: { services: [{ address: '10.99.0.1', port: 80 }], rulesFile: '/tmp/tsible-test-ipvs-web3/rules' },
    });
    expect(run.status).to.equal('failed');
    expect(run.msg).to.match(/host web3, task "test ipvsadm".*ipvsadm is not installed \(install the ipvsadm package first\)/s);
    expect((await transport!.run(['ls', '/tmp/tsible-test-ipvs-web3'])).code).to.not.equal(0);
  });
});
