// -k / --ask-pass as a user runs it: the login password read from standard input (never echoed or printed), with -K defaulting to it.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useSshdTargets } from '../support/cli.ts';

const root = join(import.meta.dirname, '../..');

function tsible(args: string[], stdin: string, cwd: string, extraEnv: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, NO_COLOR: '1', ...extraEnv };
    const c = spawn(process.execPath, [join(root, 'bin/tsible.js'), ...args], { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (b: Buffer) => { stdout += b; });
    c.stderr.on('data', (b: Buffer) => { stderr += b; });
    c.on('error', reject);
    c.on('close', (code) => resolve({ code, stdout, stderr }));
    c.stdin.end(stdin);
  });
}

describe('bin/tsible.js -k (password login, real sshd)', function () {
  this.timeout(60_000);
  const password = 'Login-pw-3141';
  const t = useSshdTargets(1, 'askpass', (lab) => lab.addUser('cfgpwuser', { password, sudo: 'password' }));
  let inv: string;
  beforeEach(() => {
    const s = t.servers[0];
    inv = join(t.dir, 'hosts.ini');
    writeFileSync(inv, `${s.name} ansible_host=${s.address} ansible_port=${s.port} ansible_user=cfgpwuser ansible_ssh_common_args='-o UserKnownHostsFile=${t.lab.knownHostsFile}'\n`);
  });

  it('logs in with the password typed for -k, and never prints it', async () => {
    const r = await tsible([t.servers[0].name, '-i', inv, '-k', '-a', 'id -un'], `${password}\n`, t.dir);
    expect(r.code, r.stderr + r.stdout).to.equal(0);
    expect(r.stdout).to.include('\ncfgpwuser\n');
    expect(r.stderr).to.include('SSH password:');
    expect(r.stdout + r.stderr).not.to.include(password);
  });

  it('a wrong -k password: unreachable (exit 4), password not shown', async () => {
    const r = await tsible([t.servers[0].name, '-i', inv, '-k', '-a', 'id -un'], 'Wrong-pw-2718\n', t.dir);
    expect(r.code).to.equal(4);
    expect(r.stdout + r.stderr).not.to.include('Wrong-pw-2718');
  });

  it('-k -K: an empty become password defaults to the SSH password, as in Ansible', async () => {
    const r = await tsible([t.servers[0].name, '-i', inv, '-k', '-K', '-b', '-a', 'id -un'], `${password}\n\n`, t.dir);
    expect(r.code, r.stderr + r.stdout).to.equal(0);
    expect(r.stderr).to.include('BECOME password[defaults to SSH password]:');
    expect(r.stdout).to.include('\nroot\n');
  });

  it('ask_pass and become_ask_pass from the config (ANSIBLE_ASK_PASS, ANSIBLE_BECOME_ASK_PASS) ask as -k and -K do', async () => {
    const r = await tsible([t.servers[0].name, '-i', inv, '-b', '-a', 'id -un'], `${password}\n${password}\n`, t.dir, { ANSIBLE_ASK_PASS: 'True', ANSIBLE_BECOME_ASK_PASS: 'yes' });
    expect(r.code, r.stderr + r.stdout).to.equal(0);
    expect(r.stderr).to.include('SSH password:').and.include('BECOME password');
    expect(r.stdout).to.include('\nroot\n');
  });
});
