// The installed command (bin/tsible.js) as a user runs it: colours only on request or a terminal, -K reads the sudo password, exit codes.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { needsRoot } from '../support/needs.ts';
import { SshdLab, type SshdServer, writeSshdInventory } from '../../lab/sshd.ts';

const root = join(import.meta.dirname, '../..');
const fixtures = join(root, 'test/fixtures/engine');

function tsible(args: string[], opts: { env?: Record<string, string | undefined>; stdin?: string } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...opts.env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const c = spawn(process.execPath, [join(root, 'bin/tsible.js'), ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (b: Buffer) => { stdout += b; });
    c.stderr.on('data', (b: Buffer) => { stderr += b; });
    c.on('error', reject);
    c.on('close', (code) => resolve({ code, stdout, stderr }));
    c.stdin.end(opts.stdin ?? '');
  });
}

describe('bin/tsible.js', function () {
  this.timeout(60_000);
  let lab: SshdLab;
  let servers: SshdServer[];
  let inventory: string;
  let dir: string;

  before(async function () {
    needsRoot(this);
    lab = SshdLab.create();
    servers = await lab.start(1);
    inventory = writeSshdInventory(lab, servers);
    lab.addUser('tsiblepw', { password: 'pw-Secret-42', sudo: 'password' });
  });
  after(() => lab?.stop());
  beforeEach(() => { dir = mkdtempSync('/tmp/tsible-bin-test-'); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints plain text when piped, and ANSI colours when forced; NO_COLOR wins', async () => {
    const args = ['play', join(fixtures, 'basic.ts'), '-i', inventory, '-e', `dir=${dir}`];
    const plain = await tsible(args, { env: { NO_COLOR: undefined, TSIBLE_FORCE_COLOR: undefined } });
    expect(plain.code, plain.stderr).to.equal(0);
    expect(plain.stdout).not.to.include('\x1b[');
    const forced = await tsible(args, { env: { TSIBLE_FORCE_COLOR: '1', NO_COLOR: undefined } });
    expect(forced.stdout).to.include('\x1b[32mok: [');
    const no = await tsible(args, { env: { TSIBLE_FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(no.stdout).not.to.include('\x1b[');
  });

  it('-K reads the sudo password (never printed) and runs as root', async () => {
    const args = ['play', join(fixtures, 'basic.ts'), '-i', inventory, '-e', `dir=${dir}`, '-e', 'ansible_user=tsiblepw', '-b', '-K', '-v'];
    const r = await tsible(args, { stdin: 'pw-Secret-42\n' });
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(statSync(join(dir, `${servers[0].name}.marker`)).uid).to.equal(0);
    expect(r.stdout + r.stderr).not.to.include('pw-Secret-42');
    const wrong = await tsible(args, { stdin: 'not-it\n' });
    expect(wrong.code).to.equal(2);
    expect(wrong.stdout + wrong.stderr).not.to.include('not-it');
  });

  it('exits 5 on a bad option and prints the error on stderr', async () => {
    const r = await tsible(['play', join(fixtures, 'basic.ts'), '-f', '0']);
    expect(r.code).to.equal(5);
    expect(r.stderr).to.match(/ERROR! .*forks/);
  });
});
