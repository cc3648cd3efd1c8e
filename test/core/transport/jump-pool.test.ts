// Shared jump connections and handshake retry against real sshd at OpenSSH's default MaxStartups (10:30:100): 200 hosts behind one jump host, 50 names for one sshd.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { runCli } from '../../support/cli.ts';
import { needsRoot } from '../../support/needs.ts';
import { SshdLab, type SshdServer } from '../../../lab/sshd.ts';

type Stats = Record<string, { ok: number; unreachable: number; failed: number }>;

describe('jump pool and handshake retry (real sshd, default MaxStartups)', function () {
  this.timeout(300_000);
  let lab: SshdLab;
  let jump: SshdServer;
  let targets: SshdServer[];

  before(async function () {
    needsRoot(this);
    lab = SshdLab.create();
    [jump] = await lab.start(1, { name: 'jump', maxStartups: null });
    targets = await lab.start(4, { name: 'behind', maxStartups: null });
  });
  after(() => lab?.stop());

  const hostLine = (name: string, s: SshdServer, extra = '') =>
    `${name} ansible_host=${s.address} ansible_port=${s.port} ansible_user=root ansible_ssh_private_key_file=${lab.clientKeyFile} tsible_known_hosts=${lab.knownHostsFile}${extra}`;
  const accepted = (s: SshdServer) => s.log().split('\n').filter((l) => l.includes('Accepted publickey')).length;

  it('200 hosts (50 names on each of 4 sshds) behind one jump host: 200/200 reachable over ONE connection to the jump host', async () => {
    const lines = ['[behind]'];
    targets.forEach((s, i) => {
      for (let n = 1; n <= 50; n++) lines.push(hostLine(`t${i}-${n}`, s, ` tsible_jump=root@${jump.address}:${jump.port}`));
    });
    const inv = join(lab.dir, 'jump.ini');
    writeFileSync(inv, lines.join('\n') + '\n');
    const before = accepted(jump);
    const r = await runCli(['behind', '-i', inv, '-m', 'ping', '--json']);
    const stats = (JSON.parse(r.stdout) as { stats: Stats }).stats;
    const reached = Object.values(stats).filter((s) => s.ok === 1 && s.unreachable === 0).length;
    const bad = Object.entries(stats).filter(([, s]) => s.unreachable || s.failed).map(([h]) => h);
    console.log(`      ${reached}/200 reachable; the jump sshd accepted ${accepted(jump) - before} login(s)`);
    expect(bad, r.stdout.slice(0, 3000)).to.deep.equal([]);
    expect(reached).to.equal(200);
    expect(r.code).to.equal(0);
    expect(accepted(jump) - before, 'logins on the jump host').to.equal(1);
  });

  it('50 inventory names pointing at one sshd (no jump): 50/50 reachable, dropped handshakes retried', async () => {
    const s = targets[0];
    const inv = join(lab.dir, 'same.ini');
    writeFileSync(inv, ['[same]', ...Array.from({ length: 50 }, (_, n) => hostLine(`s${n}`, s))].join('\n') + '\n');
    const r = await runCli(['same', '-i', inv, '-m', 'ping', '--json']);
    const stats = (JSON.parse(r.stdout) as { stats: Stats }).stats;
    const bad = Object.entries(stats).filter(([, x]) => x.unreachable || x.failed).map(([h]) => h);
    expect(bad, r.stdout.slice(0, 3000)).to.deep.equal([]);
    expect(Object.keys(stats)).to.have.length(50);
    expect(r.code).to.equal(0);
  });
});
