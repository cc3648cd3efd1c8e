// tsible next to the real ansible/ansible-playbook/ansible-config (Debian's ansible-core) on the same inputs: exit codes, implicit localhost, check mode, --list-hosts, -o, config.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.ts';
import { needs } from '../support/needs.ts';

const haveAnsible = spawnSync('ansible', ['--version'], { stdio: 'ignore' }).status === 0;

describe('compared with real Ansible (ansible-core)', function () {
  this.timeout(120_000);
  let dir: string;
  let home: string;
  before(function () {
    needs(this, haveAnsible, 'needs ansible-core (apt-get install ansible-core; scripts/install-deps.sh installs it)');
  });
  beforeEach(() => {
    dir = mkdtempSync('/tmp/tsible-compat-test-');
    chmodSync(dir, 0o755);
    home = join(dir, 'home');
    mkdirSync(home);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs an Ansible tool in `dir` with a clean home and no colour; stderr (warnings) is kept apart. */
  const ansible = (tool: string, args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(tool, args, {
      cwd: dir, encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: join(home, 'tmp'), ...env },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const tsible = (args: string[], env: Record<string, string> = {}) => runCli(args, dir, { env, home });

  it('implicit localhost, no inventory: same output and exit 0', async () => {
    const a = ansible('ansible', ['localhost', '-a', 'echo hello']);
    const t = await tsible(['localhost', '-a', 'echo hello']);
    expect(a.stdout).to.equal('localhost | CHANGED | rc=0 >>\nhello\n');
    expect(t).to.include({ code: a.code, stdout: a.stdout });
  });

  it('a failing command: the same exit code and first lines, and no playbook banner (NO MORE HOSTS LEFT) after it', async () => {
    const a = ansible('ansible', ['localhost', '-a', 'ls /nonexistent-tsible']);
    const t = await tsible(['localhost', '-a', 'ls /nonexistent-tsible']);
    expect(t.code).to.equal(a.code).and.equal(2);
    const first = (s: string) => s.split('\n').slice(0, 2).map((l) => l.replace(/non-zero return code$/, ''));
    expect(first(t.stdout)).to.deep.equal(first(a.stdout));
    expect(a.stdout).to.not.include('NO MORE HOSTS LEFT');
    expect(t.stdout).to.not.include('NO MORE HOSTS LEFT');
  });

  it('check mode: command/shell skipped without creates/removes; "would have run" with them; nothing runs', async () => {
    const marker = join(dir, 'made');
    for (const args of [['-m', 'shell', '-a', `touch ${marker}`], ['-a', `touch ${marker}`], ['-a', `creates=${marker} touch ${marker}`]]) {
      const a = ansible('ansible', ['localhost', '-C', ...args]);
      const t = await tsible(['localhost', '-C', ...args]);
      expect(t, args.join(' ')).to.include({ code: a.code, stdout: a.stdout });
    }
    expect(existsSync(marker)).to.equal(false);
  });

  it('check mode in a playbook: the same recap (skipped, not changed) and exit code', async () => {
    writeFileSync(join(dir, 'pb.yml'), '- hosts: localhost\n  gather_facts: no\n  tasks:\n' + ['one', 'two', 'three'].map((n) => `  - shell: touch ${dir}/${n}\n`).join(''));
    const a = ansible('ansible-playbook', ['-C', 'pb.yml']);
    const t = await tsible(['play', join(import.meta.dirname, '../fixtures/cli/three-steps.ts'), '-C', '-e', `dir=${dir}`]);
    const recap = (out: string) => /localhost\s+: (.*)/.exec(out)?.[1].trim();
    expect(recap(a.stdout)).to.equal('ok=0    changed=0    unreachable=0    failed=0    skipped=3    rescued=0    ignored=0');
    expect(recap(t.stdout)).to.equal(recap(a.stdout));
    expect(t.code).to.equal(a.code);
  });

  it('--list-hosts: same lines for the implicit localhost, an empty all, and an inventory\'s order', async () => {
    writeFileSync(join(dir, 'order.ini'), '[web]\nw2\nw1\n[db]\nd1\n');
    for (const args of [['localhost'], ['all'], ['all', '-i', 'order.ini'], ['web:db', '-i', 'order.ini'], ['all:!w1', '-i', 'order.ini']]) {
      const a = ansible('ansible', [...args, '--list-hosts']);
      const t = await tsible([...args, '--list-hosts']);
      expect(t, args.join(' ')).to.include({ code: a.code, stdout: a.stdout });
    }
  });

  it('-o: the same one-line output for a command', async () => {
    const args = ['localhost', '-o', '-a', 'printf "a\\nb\\n"'];
    const a = ansible('ansible', args);
    expect((await tsible(args)).stdout).to.equal(a.stdout);
  });

  it('exit codes: 0 ok, 2 a host failed, 4 a host unreachable (ad hoc and playbook)', async () => {
    writeFileSync(join(dir, 'down.ini'), 'down ansible_host=127.0.0.1 ansible_port=1\n');
    const cases: [string, string[], number][] = [
      ['ok', ['localhost', '-a', 'true'], 0],
      ['failed', ['localhost', '-a', 'false'], 2],
      ['unreachable', ['down', '-i', 'down.ini', '-m', 'ping', '-T', '3'], 4],
    ];
    for (const [what, args, code] of cases) {
      expect(ansible('ansible', args, { ANSIBLE_HOST_KEY_CHECKING: 'False' }).code, `ansible ${what}`).to.equal(code);
      expect((await tsible(args, { ANSIBLE_HOST_KEY_CHECKING: 'False' })).code, `tsible ${what}`).to.equal(code);
    }
    writeFileSync(join(dir, 'fail.yml'), '- hosts: localhost\n  gather_facts: no\n  tasks:\n  - shell: exit 3\n');
    expect(ansible('ansible-playbook', ['fail.yml']).code).to.equal(2);
    expect((await tsible(['play', join(import.meta.dirname, '../fixtures/cli/notify-then-fail.ts'), '-e', `dir=${dir}`])).code).to.equal(2);
  });

  it('documented differences: a bad flag is 2 in Ansible (argparse) and 5 in tsible; a pattern matching nothing is 0 (warning) and 5', async () => {
    expect(ansible('ansible', ['localhost', '--no-such-flag']).code).to.equal(2);
    expect((await tsible(['localhost', '--no-such-flag'])).code).to.equal(5);
    expect(ansible('ansible', ['nothere', '-a', 'true']).code).to.equal(0);
    expect((await tsible(['nothere', '-a', 'true'])).code).to.equal(5);
  });

  it('config: the same file is chosen and the same values read as ansible-config dump (lookup order, env over file, world-writable cwd)', async () => {
    /** ansible-config's names for the settings both tools share. */
    const names: Record<string, string> = {
      DEFAULT_REMOTE_USER: 'remote_user', DEFAULT_FORKS: 'forks', HOST_KEY_CHECKING: 'host_key_checking', DEFAULT_TIMEOUT: 'timeout',
      DEFAULT_REMOTE_PORT: 'remote_port', DEFAULT_BECOME: 'become', DEFAULT_BECOME_METHOD: 'become_method', DEFAULT_BECOME_USER: 'become_user',
      DEFAULT_BECOME_ASK_PASS: 'become_ask_pass', DEFAULT_PRIVATE_KEY_FILE: 'private_key_file', DEFAULT_HOST_LIST: 'inventory',
      DEFAULT_FORCE_HANDLERS: 'force_handlers', DEFAULT_ASK_PASS: 'ask_pass', DEFAULT_TRANSPORT: 'transport',
    };
    const norm = (v: string) => (v === 'True' ? 'true' : v === 'False' ? 'false' : v.replace(/^\['(.*)'\]$/, '$1').replace(/', '/g, ','));
    const ansibleValues = (env: Record<string, string> = {}) => {
      const out: Record<string, string> = {};
      for (const m of ansible('ansible-config', ['dump', '--only-changed'], env).stdout.matchAll(/^(\w+)\(([^)]*)\) = (.*)$/gm)) {
        if (m[1] === 'CONFIG_FILE') out.CONFIG_FILE = m[3];
        else if (names[m[1]]) out[names[m[1]]] = norm(m[3]);
      }
      return out;
    };
    const tsibleValues = async (env: Record<string, string> = {}) => {
      const out: Record<string, string> = {};
      for (const m of (await tsible(['config', 'dump', '--only-changed'], env)).stdout.matchAll(/^(\w+)\(([^)]*)\) = (.*?)(?: {3}\(no effect.*)?$/gm)) {
        if (m[1] === 'CONFIG_FILE') { if (m[2] === 'ansible.cfg') out.CONFIG_FILE = m[3]; } else out[m[1]] = m[3];
      }
      return out;
    };
    writeFileSync(join(home, '.ansible.cfg'), '[defaults]\nremote_user = fromhome\nforks = 9\n');
    writeFileSync(join(dir, 'ansible.cfg'), [
      '[defaults]', 'remote_user = deploy ; a comment', 'forks = 7', 'host_key_checking = no', 'timeout = 33', 'remote_port = 2222',
      'private_key_file = keys/id_ed25519', 'inventory = hosts.ini', 'force_handlers = True',
      '[privilege_escalation]', 'become = yes', 'become_method = su', 'become_user = app', 'become_ask_pass = on', '',
    ].join('\n'));
    const scenarios: Record<string, string>[] = [{}, { ANSIBLE_FORKS: '3', ANSIBLE_REMOTE_USER: 'envuser' }, { ANSIBLE_CONFIG: join(home, '.ansible.cfg') }];
    for (const env of scenarios) {
      const a = ansibleValues(env);
      expect(a.remote_user, JSON.stringify(env)).to.not.equal(undefined);
      expect(await tsibleValues(env), JSON.stringify(env)).to.deep.equal(a);
    }
    chmodSync(dir, 0o777); // ./ansible.cfg is then ignored by both: ~/.ansible.cfg is read
    const a = ansibleValues();
    expect(a.remote_user).to.equal('fromhome');
    expect(await tsibleValues()).to.deep.equal(a);
    chmodSync(dir, 0o755);
  });
});
