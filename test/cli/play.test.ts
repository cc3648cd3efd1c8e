// `tsible play` against real OpenSSH servers on loopback: parallel hosts, idempotence, check mode, handlers, serial/max-fail, unreachable hosts, flags.
import { expect } from 'chai';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, useSshdTargets } from '../support/cli.ts';
import { type SshdServer, writeSshdInventory } from '../../lab/sshd.ts';

const fixtures = join(import.meta.dirname, '../fixtures/engine');
const pb = (name: string) => join(fixtures, name);

describe('tsible play (real sshd on loopback)', function () {
  this.timeout(120_000);
  const t = useSshdTargets(10, 'play');

  const play = (file: string, ...extra: string[]) => runCli(['play', pb(file), '-i', t.inventory, '-e', `dir=${t.dir}`, ...extra]);
  const json = (stdout: string) => JSON.parse(stdout) as { plays: { tasks: { name: string; handler: boolean; hosts: Record<string, { status: string }> }[] }[]; stats: Record<string, Record<string, number>> };

  it('runs on 10 hosts in parallel, then a second run changes nothing', async () => {
    const first = await play('basic.ts', '--json');
    expect(first.code, first.stderr).to.equal(0);
    const s1 = json(first.stdout).stats;
    expect(Object.keys(s1)).to.have.length(10);
    for (const s of t.servers) {
      expect(s1[s.name]).to.include({ changed: 4, failed: 0, unreachable: 0, skipped: 1 });
      expect(readFileSync(join(t.dir, `${s.name}.marker`), 'utf8')).to.equal('from play');
      expect(readFileSync(join(t.dir, `${s.name}.registered`), 'utf8')).to.equal('boolean');
    }
    const second = await play('basic.ts', '--json');
    expect(second.code).to.equal(0);
    for (const s of Object.values(json(second.stdout).stats)) expect(s).to.include({ changed: 0, failed: 0 });
  });

  it('check mode reports the changes and writes nothing on any host', async () => {
    const r = await play('basic.ts', '--check');
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/PLAY \[basic\] \(check mode\)/);
    expect(r.stdout).to.match(/changed: \[sshd\d+-\w+\]\n {4}would .*\.marker: write/);
    expect(readdirSync(t.dir)).to.deep.equal([]);
  });

  it('--changed-exit-code exits 80 when something changed (or would), 0 when converged', async () => {
    expect((await play('basic.ts', '--check', '--changed-exit-code')).code).to.equal(80);
    await play('basic.ts');
    expect((await play('basic.ts', '--changed-exit-code')).code).to.equal(0);
  });

  it('a handler notified by two tasks runs once per host, and not at all when nothing changed', async () => {
    await play('basic.ts');
    await play('basic.ts');
    for (const s of t.servers) expect(readFileSync(join(t.dir, `${s.name}.handler`), 'utf8')).to.equal('ran\n');
  });

  it('prints Ansible-style banners, per-host lines and an aligned PLAY RECAP', async () => {
    const r = await play('basic.ts', '-l', t.servers[0].name);
    expect(r.stdout).to.include(`\nTASK [Write the marker] ${'*'.repeat(80 - 1 - 'TASK [Write the marker]'.length)}\n`);
    expect(r.stdout).to.include(`changed: [${t.servers[0].name}]`);
    expect(r.stdout).to.include('RUNNING HANDLER [bump]');
    expect(r.stdout).to.include(`skipping: [${t.servers[0].name}]`);
    expect(r.stdout).to.include(`${t.servers[0].name.padEnd(26)} : ok=4    changed=4    unreachable=0    failed=0    skipped=1    rescued=0    ignored=0   `);
  });

  it('-D shows a unified diff of the file change', async () => {
    const r = await play('basic.ts', '-l', t.servers[0].name, '-D', '-e', '{"content":"new text"}');
    expect(r.stdout).to.match(/--- .*\.marker \(before\)\n\+\+\+ .*\.marker \(after\)\n@@ .* @@\n\+new text/);
  });

  it('-t and --skip-tags select tasks; -l limits hosts; -e wins over play vars', async () => {
    const r = await play('basic.ts', '-t', 'files', '--skip-tags', 'second', '-l', `${t.servers[1].name}:${t.servers[2].name}`, '-e', '{"content":"from cli"}', '--json');
    const doc = json(r.stdout);
    expect(doc.plays[0].tasks.map((t) => t.name)).to.deep.equal(['Write the marker', 'bump']);
    expect(Object.keys(doc.stats).sort()).to.deep.equal([t.servers[1].name, t.servers[2].name].sort());
    expect(readFileSync(join(t.dir, `${t.servers[1].name}.marker`), 'utf8')).to.equal('from cli');
    expect(existsSync(join(t.dir, `${t.servers[1].name}.second`))).to.equal(false);
    expect(existsSync(join(t.dir, `${t.servers[3].name}.marker`))).to.equal(false);
  });

  it('--start-at-task skips the tasks before it', async () => {
    const doc = json((await play('basic.ts', '--start-at-task', 'Use the register', '-l', t.servers[0].name, '--json')).stdout);
    expect(doc.plays[0].tasks.map((t) => t.name)).to.deep.equal(['Use the register', 'Skipped by when']);
  });

  it('--list-hosts and --list-tasks print and touch nothing', async () => {
    const r = await play('basic.ts', '--list-hosts', '--list-tasks', '-t', 'reg');
    expect(r.code).to.equal(0);
    expect(r.stdout).to.include('hosts (10):');
    expect(r.stdout).to.include('      Use the register\tTAGS: [reg]');
    expect(r.stdout).not.to.include('Write the marker');
    expect(readdirSync(t.dir)).to.deep.equal([]);
  });

  it('serial batches with maxFailPercentage 0 stop the play after the batch where a host failed', async () => {
    const failing = t.servers[2].name; // in the second batch of 2
    const r = await play('serial.ts', '-e', `fail_host=${failing}`, '--json');
    expect(r.code).to.equal(2);
    const doc = json(r.stdout);
    const ran = Object.keys(doc.stats);
    expect(ran).to.have.length(4); // batches 1 and 2 only
    expect(doc.stats[failing]).to.include({ failed: 1 });
    expect(existsSync(join(t.dir, `${t.servers[0].name}.second`))).to.equal(true); // batch 1 finished
    expect(existsSync(join(t.dir, `${t.servers[3].name}.second`))).to.equal(false); // batch 2 stopped
    expect(existsSync(join(t.dir, `${t.servers[5].name}.first`))).to.equal(false); // batch 3 never started
  });

  it('an unreachable host is reported (exit 4) while the others run to the end', async () => {
    const dead = { ...t.servers[0], name: 'deadhost', port: 1 } as SshdServer;
    const inv = writeSshdInventory(t.lab, [dead, ...t.servers.slice(1, 3)], { file: join(t.dir, 'inv.ini') });
    const r = await runCli(['play', pb('basic.ts'), '-i', inv, '-e', `dir=${t.dir}`, '-T', '3']);
    expect(r.code).to.equal(4);
    expect(r.stdout).to.match(/fatal: \[deadhost\]: UNREACHABLE! => .*deadhost/);
    expect(r.stdout).to.match(/deadhost\s+: ok=0 +changed=0 +unreachable=1 /);
    for (const s of t.servers.slice(1, 3)) expect(readFileSync(join(t.dir, `${s.name}.registered`), 'utf8')).to.equal('boolean');
  });

  it('a host whose key is not in known_hosts is refused (unreachable) unless --accept-new-host-keys, which records it', async () => {
    const [fresh] = await t.lab.start(1);
    const kh = join(t.dir, 'known_hosts');
    writeFileSync(kh, '');
    const inv = join(t.dir, 'inv.ini');
    writeFileSync(inv, `[targets]\n${fresh.name} ansible_host=${fresh.address} ansible_port=${fresh.port} ansible_user=root ansible_ssh_private_key_file=${t.lab.clientKeyFile} ansible_ssh_common_args='-o UserKnownHostsFile=${kh}'\n`);
    const refused = await runCli(['play', pb('basic.ts'), '-i', inv, '-e', `dir=${t.dir}`]);
    expect(refused.code).to.equal(4);
    expect(refused.stdout).to.match(/UNREACHABLE!.*host key/i);
    expect(existsSync(join(t.dir, `${fresh.name}.marker`))).to.equal(false);
    const accepted = await runCli(['play', pb('basic.ts'), '-i', inv, '-e', `dir=${t.dir}`, '--accept-new-host-keys']);
    expect(accepted.code, accepted.stdout).to.equal(0);
    expect(readFileSync(kh, 'utf8')).to.include(fresh.hostPublicKey.split(' ')[1]);
  });

  it('a changed host key is refused, naming the host and both fingerprints', async () => {
    const [a, b] = t.servers;
    const kh = join(t.dir, 'known_hosts');
    writeFileSync(kh, `[${a.address}]:${a.port} ${b.hostPublicKey}\n`); // b's key recorded for a
    const inv = join(t.dir, 'inv.ini');
    writeFileSync(inv, `[targets]\n${a.name} ansible_host=${a.address} ansible_port=${a.port} ansible_user=root ansible_ssh_private_key_file=${t.lab.clientKeyFile} ansible_ssh_common_args='-o UserKnownHostsFile=${kh}'\n`);
    const r = await runCli(['play', pb('basic.ts'), '-i', inv, '-e', `dir=${t.dir}`, '--accept-new-host-keys']);
    expect(r.code).to.equal(4);
    expect(r.stdout).to.include(a.name);
    expect((r.stdout.match(/SHA256:[A-Za-z0-9+/]+/g) ?? []).length).to.be.at.least(2);
    expect(readdirSync(t.dir).filter((f) => f.endsWith('.marker'))).to.deep.equal([]);
  });

  it('reaches a host through a jump host (ProxyJump in the inventory)', async () => {
    const [jump, target] = t.servers;
    const inv = join(t.dir, 'inv.ini');
    writeFileSync(inv, `[targets]\nbehind ansible_host=${target.address} ansible_port=${target.port} ansible_user=root ansible_ssh_private_key_file=${t.lab.clientKeyFile} ansible_ssh_common_args='-o UserKnownHostsFile=${t.lab.knownHostsFile} -o ProxyJump=root@${jump.address}:${jump.port}'\n`);
    const r = await runCli(['play', pb('basic.ts'), '-i', inv, '-e', `dir=${t.dir}`]);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(readFileSync(join(t.dir, 'behind.marker'), 'utf8')).to.equal('from play');
  });

  it('-b with a non-root login runs through sudo: the file is root\'s', async () => {
    t.lab.addUser('tsibleplay', { sudo: 'nopasswd' });
    const r = await play('basic.ts', '-l', t.servers[0].name, '-e', 'ansible_user=tsibleplay', '-b');
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    const { uid } = await import('node:fs').then((fs) => fs.statSync(join(t.dir, `${t.servers[0].name}.marker`)));
    expect(uid).to.equal(0);
  });

  it('play- and task-level become on a non-root login read facts as root too: a root-only file is seen and removed', async () => {
    t.lab.addUser('tsiblefacts', { sudo: 'nopasswd' });
    const dir = join(t.dir, 'private');
    mkdirSync(dir, { mode: 0o700 });
    for (const f of ['play-level', 'task-level']) writeFileSync(join(dir, f), 'root only\n');
    const run = () => play('become-facts.ts', '-l', t.servers[0].name, '-e', 'ansible_user=tsiblefacts', '--json');
    const first = await run();
    expect(first.code, first.stdout + first.stderr).to.equal(0);
    expect(json(first.stdout).stats[t.servers[0].name]).to.include({ changed: 2, failed: 0 });
    expect(readdirSync(dir)).to.deep.equal([]);
    const second = await run();
    expect(json(second.stdout).stats[t.servers[0].name]).to.include({ ok: 2, changed: 0, failed: 0 });
  });

  it('a secret inventory variable used in a task never appears in text, -v, --diff or --json output', async () => {
    const inv = join(t.dir, 'inv.ini');
    writeFileSync(inv, readFileSync(t.inventory, 'utf8') + '\n[targets:vars]\nsecret_content={"!secret": "hunter2-very-secret"}\n');
    for (const flags of [['-v', '-D'], ['--json', '-D'], ['--check', '-D', '-v']]) {
      const r = await runCli(['play', pb('basic.ts'), '-i', inv, '-e', `dir=${t.dir}`, '-l', t.servers[0].name, ...flags]);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout + r.stderr).not.to.include('hunter2');
    }
    expect(readFileSync(join(t.dir, `${t.servers[0].name}.marker`), 'utf8')).to.equal('hunter2-very-secret');
  });
});
