// Ansible's flags in tsible: --list-hosts, -o, --step, --list-tags, --force-handlers, --version, aliases, implicit localhost, check mode of command.
import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, useSshdTargets } from '../support/cli.ts';

const fixtures = join(import.meta.dirname, '../fixtures');

describe('Ansible flags (local)', function () {
  this.timeout(60_000);
  let dir: string;
  let home: string;
  beforeEach(() => {
    dir = mkdtempSync('/tmp/tsible-flags-test-');
    home = join(dir, 'home');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (argv: string[], answers?: string[]) => runCli(argv, dir, {
    env: {}, home, ...(answers ? { ask: async () => answers.shift() ?? '' } : {}),
  });

  it('no -i and pattern localhost: the implicit localhost, connection local (was a crash)', async () => {
    const r = await cli(['localhost', '-a', 'echo hello']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.equal('localhost | CHANGED | rc=0 >>\nhello\n');
  });

  it('ad hoc --list-hosts prints the hosts as Ansible does and runs nothing (no -a needed)', async () => {
    expect((await cli(['localhost', '--list-hosts'])).stdout).to.equal('  hosts (1):\n    localhost\n');
    const all = await cli(['all', '--list-hosts']);
    expect(all).to.include({ code: 0, stdout: '  hosts (0):\n' });
    const marker = join(dir, 'ran');
    await cli(['localhost', '--list-hosts', '-m', 'shell', '-a', `touch ${marker}`]);
    expect(existsSync(marker)).to.equal(false);
  });

  it('-o / --one-line: one line per host', async () => {
    expect((await cli(['localhost', '-o', '-a', 'printf "a\\nb\\n"'])).stdout).to.equal('localhost | CHANGED | rc=0 | (stdout) a\\nb\n');
    const ping = await cli(['localhost', '--one-line', '-m', 'ping']);
    expect(ping.stdout).to.match(/^localhost \| SUCCESS => \{"ping": "pong",.*\}\n$/);
  });

  it('check mode skips command and shell without creates/removes (SKIPPED, exit 0), as Ansible', async () => {
    const marker = join(dir, 'made');
    const r = await cli(['localhost', '-C', '-m', 'shell', '-a', `touch ${marker}`]);
    expect(r).to.include({ code: 0, stdout: 'localhost | SKIPPED\n' });
    const creates = await cli(['localhost', '-C', '-a', `creates=${marker} touch ${marker}`]);
    expect(creates.stdout).to.equal('localhost | CHANGED | rc=0 >>\nCommand would have run if not in check mode\n');
    expect(existsSync(marker)).to.equal(false);
  });

  it('check mode in a playbook: "skipping" and the recap counts it skipped, not changed', async () => {
    const r = await cli(['play', join(fixtures, 'cli/three-steps.ts'), '-C', '-e', `dir=${dir}`]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout.match(/skipping: \[localhost\]/g)).to.have.length(3);
    expect(r.stdout).to.match(/localhost\s+: ok=0\s+changed=0\s+unreachable=0\s+failed=0\s+skipped=3 /);
  });

  it('--step: y runs the task, n skips it, c runs the rest without asking', async () => {
    const answers = ['y', 'n', 'c'];
    const r = await cli(['play', join(fixtures, 'cli/three-steps.ts'), '--step', '-e', `dir=${dir}`], answers);
    expect(r.code, r.stderr).to.equal(0);
    expect(['one', 'two', 'three'].map((n) => existsSync(join(dir, n)))).to.deep.equal([true, false, true]);
    rmSync(join(dir, 'one'));
    rmSync(join(dir, 'three'));
    const none = await cli(['play', join(fixtures, 'cli/three-steps.ts'), '--step', '-e', `dir=${dir}`], []);
    expect(none.code).to.equal(0);
    expect(['one', 'two', 'three'].some((n) => existsSync(join(dir, n)))).to.equal(false);
  });

  it('--list-tags: the tags of the tasks that would run, per play', async () => {
    const r = await cli(['play', join(fixtures, 'cli/notify-then-fail.ts'), '--list-tags']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.include('  play #1 (localhost): notify then fail\tTAGS: []\n      TASK TAGS: [first, second]\n');
    expect((await cli(['play', join(fixtures, 'cli/notify-then-fail.ts'), '--list-tags', '--skip-tags', 'second'])).stdout).to.include('TASK TAGS: [first]\n');
  });

  it('--force-handlers: the handler a failed host was notified for still runs (and not without it); exit 2', async () => {
    const pb = join(fixtures, 'cli/notify-then-fail.ts');
    const without = await cli(['play', pb, '-e', `dir=${dir}`]);
    expect(without.code).to.equal(2);
    expect(existsSync(join(dir, 'handler'))).to.equal(false);
    const forced = await cli(['play', pb, '--force-handlers', '-e', `dir=${dir}`]);
    expect(forced.code).to.equal(2);
    expect(forced.stdout).to.include('RUNNING HANDLER [record]');
    expect(existsSync(join(dir, 'handler'))).to.equal(true);
  });

  it('force_handlers from the config (ANSIBLE_FORCE_HANDLERS) too', async () => {
    const r = await runCli(['play', join(fixtures, 'cli/notify-then-fail.ts'), '-e', `dir=${dir}`], dir, { env: { ANSIBLE_FORCE_HANDLERS: 'yes' }, home });
    expect(r.code).to.equal(2);
    expect(existsSync(join(dir, 'handler'))).to.equal(true);
  });

  it('--version: version, config files, exit 0', async () => {
    const r = await cli(['--version']);
    expect(r.code).to.equal(0);
    expect(r.stdout).to.match(/^tsible \d+\.\d+\.\d+\n  config file = None\n  tsible config file = None\n/);
  });
});

describe('Ansible flags (real sshd): --inventory-file, --key-file, --private-key, -f', function () {
  this.timeout(60_000);
  const t = useSshdTargets(1, 'flags');
  it('--inventory-file and --key-file are -i and --private-key', async () => {
    const s = t.servers[0];
    const inv = join(t.dir, 'bare.ini');
    writeFileSync(inv, `${s.name} ansible_host=${s.address} ansible_port=${s.port} ansible_ssh_common_args='-o UserKnownHostsFile=${t.lab.knownHostsFile}'\n`);
    for (const keyFlag of ['--key-file', '--private-key']) {
      const r = await runCli([s.name, '--inventory-file', inv, keyFlag, t.lab.clientKeyFile, '-u', 'root', '-f', '1', '-a', 'id -un'], t.dir, { env: {}, home: t.dir });
      expect(r.code, r.stderr + r.stdout).to.equal(0);
      expect(r.stdout).to.include('\nroot\n');
    }
    const noKey = await runCli([s.name, '--inventory-file', inv, '-u', 'root', '-a', 'id -un'], t.dir, { env: {}, home: t.dir });
    expect(noKey.code).to.equal(4);
  });
});
