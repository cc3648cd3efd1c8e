// `tsible vault …` in-process: encrypt/decrypt/view/create/edit/rekey/encrypt_string, modes kept, temp files removed, errors and exit codes.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../cli/main.ts';
import { parseYamlData } from '../../core/inventory/yaml-data.ts';
import { Secret } from '../../core/secret.ts';
import { parseVaultEnvelope } from '../../core/vault/envelope.ts';
import { VaultSecrets } from '../../core/vault/vault-secrets.ts';

interface Run { code: number; stdout: string; stderr: string; bytes: Buffer }

describe('tsible vault', function () {
  this.timeout(60_000);
  let dir: string;
  const saved = { EDITOR: process.env.EDITOR, ANSIBLE_VAULT_PASSWORD_FILE: process.env.ANSIBLE_VAULT_PASSWORD_FILE };
  beforeEach(() => {
    dir = mkdtempSync('/tmp/tsible-vault-cli-test-');
    writeFileSync(join(dir, 'pw'), 'first\n');
    writeFileSync(join(dir, 'pw2'), 'second\n');
    delete process.env.ANSIBLE_VAULT_PASSWORD_FILE;
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  });

  async function vault(args: string[], stdin?: string): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const chunks: Buffer[] = [];
    const code = await main(['vault', ...args], {
      out: (t) => { stdout += t; chunks.push(Buffer.from(t)); },
      outBytes: (b) => { stdout += b.toString(); chunks.push(b); },
      err: (t) => { stderr += t; },
      cwd: dir, color: false,
      stdin: () => Buffer.from(stdin ?? ''),
    });
    return { code, stdout, stderr, bytes: Buffer.concat(chunks) };
  }
  const first = new VaultSecrets([{ id: 'default', password: new Secret('first') }]);
  const second = new VaultSecrets([{ id: 'default', password: new Secret('second') }]);
  const file = (name: string) => join(dir, name);
  const mode = (name: string) => statSync(file(name)).mode & 0o777;
  /** An $EDITOR script: records its file's mode and path, then runs `action` on it ($1). */
  const editor = (action: string) => {
    writeFileSync(file('editor.sh'), `#!/bin/sh\nstat -c %a "$1" > "${file('editor.mode')}"\necho "$1" > "${file('editor.path')}"\n${action}\n`);
    chmodSync(file('editor.sh'), 0o755);
    process.env.EDITOR = file('editor.sh');
  };

  it('encrypt in place keeps the file\'s mode; decrypt restores the exact bytes', async () => {
    const content = 'db_password: hunter2\nlist:\n  - é ✓\n';
    writeFileSync(file('v.yml'), content);
    chmodSync(file('v.yml'), 0o640);
    const r = await vault(['encrypt', 'v.yml', '--vault-password-file', 'pw']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stderr).to.equal('Encryption successful\n');
    const text = readFileSync(file('v.yml'), 'utf8');
    expect(text).to.match(/^\$ANSIBLE_VAULT;1\.1;AES256\n/).and.not.include('hunter2');
    expect(mode('v.yml')).to.equal(0o640);
    expect(first.decrypt(text).plaintext.toString()).to.equal(content);
    expect((await vault(['decrypt', 'v.yml', '--vault-password-file', 'pw'])).code).to.equal(0);
    expect(readFileSync(file('v.yml'), 'utf8')).to.equal(content);
    expect(mode('v.yml')).to.equal(0o640);
  });

  it('encrypt --output writes a new 0600 file with the vault id of --vault-id (1.2); view and decrypt --output - print it', async () => {
    writeFileSync(file('plain'), 'x');
    const r = await vault(['encrypt', 'plain', '--output', 'out.vault', '--vault-id', 'prod@pw']);
    expect(r.code, r.stderr).to.equal(0);
    expect(mode('out.vault')).to.equal(0o600);
    expect(parseVaultEnvelope(readFileSync(file('out.vault'), 'utf8'))).to.include({ version: '1.2', vaultId: 'prod' });
    expect(readFileSync(file('plain'), 'utf8')).to.equal('x');
    expect((await vault(['view', 'out.vault', '--vault-id', 'prod@pw'])).stdout).to.equal('x');
    const d = await vault(['decrypt', 'out.vault', '--output', '-', '--vault-password-file', 'pw']);
    expect([d.code, d.stdout, d.stderr]).to.deep.equal([0, 'x', '']);
  });

  it('keeps binary content byte for byte, from standard input to standard output', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    writeFileSync(file('bin'), bytes);
    expect((await vault(['encrypt', 'bin', '--vault-password-file', 'pw'])).code).to.equal(0);
    const d = await vault(['decrypt', '--vault-password-file', 'pw'], readFileSync(file('bin'), 'utf8'));
    expect(d.bytes.equals(bytes)).to.equal(true);
    const e = await vault(['encrypt', '--vault-password-file', 'pw'], 'from stdin');
    expect(first.decrypt(e.stdout).plaintext.toString()).to.equal('from stdin');
  });

  it('refuses to encrypt twice, a wrong password (exit 1, naming the file), and a missing file', async () => {
    writeFileSync(file('v'), first.encrypt('s3cr3t'));
    const twice = await vault(['encrypt', 'v', '--vault-password-file', 'pw']);
    expect([twice.code, twice.stderr]).to.deep.equal([1, 'ERROR! v: is already vault-encrypted\n']);
    const wrong = await vault(['view', 'v', '--vault-password-file', 'pw2']);
    expect(wrong.code).to.equal(1);
    expect(wrong.stderr).to.equal('ERROR! v: decryption failed: no vault password given (vault ids tried: "default") opens it; a wrong password, or the content was altered (HMAC check failed)\n');
    expect(wrong.stdout + wrong.stderr).to.not.include('s3cr3t');
    const missing = await vault(['view', 'nope', '--vault-password-file', 'pw']);
    expect([missing.code, missing.stderr]).to.deep.equal([5, 'ERROR! nope: cannot read nope: no such file\n']);
    const plain = await vault(['decrypt', 'pw', '--vault-password-file', 'pw']);
    expect([plain.code, plain.stderr]).to.deep.equal([1, 'ERROR! pw: is not a vault-encrypted file\n']);
  });

  it('needs --encrypt-vault-id when several vault ids are given (exit 5)', async () => {
    writeFileSync(file('p'), 'x');
    const r = await vault(['encrypt', 'p', '--vault-id', 'a@pw', '--vault-id', 'b@pw2']);
    expect([r.code, r.stderr]).to.deep.equal([5, 'ERROR! field "encrypt-vault-id": the vault ids a,b are available to encrypt with: choose one with --encrypt-vault-id\n']);
    expect((await vault(['encrypt', 'p', '--vault-id', 'a@pw', '--vault-id', 'b@pw2', '--encrypt-vault-id', 'b'])).code).to.equal(0);
    expect(parseVaultEnvelope(readFileSync(file('p'), 'utf8')).vaultId).to.equal('b');
    expect(second.decrypt(readFileSync(file('p'), 'utf8')).plaintext.toString()).to.equal('x');
  });

  it('reads ANSIBLE_VAULT_PASSWORD_FILE', async () => {
    process.env.ANSIBLE_VAULT_PASSWORD_FILE = file('pw2');
    writeFileSync(file('v'), second.encrypt('via env'));
    expect((await vault(['view', 'v'])).stdout).to.equal('via env');
  });

  it('create: opens $EDITOR on an empty 0600 temp file, encrypts what was written (0600), removes the temp file', async () => {
    editor(`printf 'new: content\\n' > "$1"`);
    const r = await vault(['create', 'new.yml', '--vault-id', 'dev@pw']);
    expect(r.code, r.stderr).to.equal(0);
    expect(readFileSync(file('editor.mode'), 'utf8').trim()).to.equal('600');
    const tmp = readFileSync(file('editor.path'), 'utf8').trim();
    expect(tmp).to.match(/\.yml$/);
    expect(existsSync(tmp)).to.equal(false);
    expect(mode('new.yml')).to.equal(0o600);
    const text = readFileSync(file('new.yml'), 'utf8');
    expect(parseVaultEnvelope(text).vaultId).to.equal('dev');
    expect(first.decrypt(text).plaintext.toString()).to.equal('new: content\n');
    const again = await vault(['create', 'new.yml', '--vault-id', 'dev@pw']);
    expect([again.code, again.stderr]).to.deep.equal([5, 'ERROR! new.yml: new.yml exists, use "tsible vault edit" instead\n']);
  });

  it('edit: re-encrypts with the same password and vault id, keeps the mode; an unchanged file is not rewritten; a failing editor saves nothing', async () => {
    writeFileSync(file('e.yml'), new VaultSecrets([{ id: 'prod', password: new Secret('first') }]).encrypt('a: 1\n'));
    chmodSync(file('e.yml'), 0o640);
    editor(`printf 'b: 2\\n' >> "$1"`);
    const r = await vault(['edit', 'e.yml', '--vault-password-file', 'pw']);
    expect(r.code, r.stderr).to.equal(0);
    const text = readFileSync(file('e.yml'), 'utf8');
    expect(parseVaultEnvelope(text).vaultId).to.equal('prod');
    expect(first.decrypt(text).plaintext.toString()).to.equal('a: 1\nb: 2\n');
    expect(mode('e.yml')).to.equal(0o640);
    expect(existsSync(readFileSync(file('editor.path'), 'utf8').trim())).to.equal(false);
    editor('true');
    await vault(['edit', 'e.yml', '--vault-password-file', 'pw']);
    expect(readFileSync(file('e.yml'), 'utf8')).to.equal(text);
    editor(`printf 'lost\\n' > "$1"; exit 1`);
    const failed = await vault(['edit', 'e.yml', '--vault-password-file', 'pw']);
    expect([failed.code, failed.stderr]).to.deep.equal([1, 'ERROR! the editor exited 1; nothing was saved\n']);
    expect(readFileSync(file('e.yml'), 'utf8')).to.equal(text);
    expect(existsSync(readFileSync(file('editor.path'), 'utf8').trim())).to.equal(false);
  });

  it('rekey: to --new-vault-password-file (1.1) or --new-vault-id (1.2), keeping the mode', async () => {
    writeFileSync(file('r1'), first.encrypt('one'));
    writeFileSync(file('r2'), first.encrypt('two'));
    chmodSync(file('r2'), 0o644);
    const r = await vault(['rekey', 'r1', 'r2', '--vault-password-file', 'pw', '--new-vault-password-file', 'pw2']);
    expect([r.code, r.stderr]).to.deep.equal([0, 'Rekey successful\n']);
    expect(second.decrypt(readFileSync(file('r1'), 'utf8')).plaintext.toString()).to.equal('one');
    expect(mode('r2')).to.equal(0o644);
    await vault(['rekey', 'r1', '--vault-password-file', 'pw2', '--new-vault-id', 'prod@pw']);
    const text = readFileSync(file('r1'), 'utf8');
    expect(parseVaultEnvelope(text).vaultId).to.equal('prod');
    expect(first.decrypt(text).plaintext.toString()).to.equal('one');
  });

  it('encrypt_string: `name: !vault |` values that read back as Secrets, from arguments and standard input', async () => {
    const r = await vault(['encrypt_string', 's3cr3t', 'other', '-n', 'db_pass', '-n', 'api', '--vault-password-file', 'pw']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/^db_pass: !vault \|\n {10}\$ANSIBLE_VAULT;1\.1;AES256\n {10}[0-9a-f]{80}\n/);
    expect(r.stderr).to.equal('# The encrypted version of variable ("db_pass", the string #1 from the command line).\n# The encrypted version of variable ("api", the string #2 from the command line).\n');
    const data = parseYamlData(r.stdout, 'out.yml', { vault: first }) as Record<string, Secret>;
    expect([data.db_pass.reveal(), data.api.reveal()]).to.deep.equal(['s3cr3t', 'other']);
    const dash = await vault(['encrypt_string', '-', '--vault-password-file', 'pw'], 'dash');
    expect((parseYamlData(`k: ${dash.stdout}`, 'out.yml', { vault: first }) as Record<string, Secret>).k.reveal()).to.equal('dash');
    const s = await vault(['encrypt_string', '--stdin-name', 'k', '--vault-password-file', 'pw'], 'multi\nline\n');
    expect((parseYamlData(s.stdout, 'out.yml', { vault: first }) as Record<string, Secret>).k.reveal()).to.equal('multi\nline\n');
    const empty = await vault(['encrypt_string', '', '--vault-password-file', 'pw']);
    expect(empty.code).to.equal(5);
  });

  it('--ask-vault-pass reads piped passwords: twice to encrypt (new + confirm), once to view (bin/tsible.js)', () => {
    const bin = join(import.meta.dirname, '../../bin/tsible.js');
    const run = (args: string[], input: string) => spawnSync(process.execPath, [bin, 'vault', ...args], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    writeFileSync(file('asked'), 'asked for\n');
    const e = run(['encrypt', 'asked', '--ask-vault-pass'], 'typed-pass\ntyped-pass\n');
    expect(e.status, e.stderr).to.equal(0);
    expect(e.stderr).to.equal('New Vault password: Confirm New Vault password: Encryption successful\n');
    expect(new VaultSecrets([{ id: 'default', password: new Secret('typed-pass') }]).decrypt(readFileSync(file('asked'), 'utf8')).plaintext.toString()).to.equal('asked for\n');
    const v = run(['view', 'asked', '--ask-vault-pass'], 'typed-pass\n');
    expect([v.status, v.stdout, v.stderr]).to.deep.equal([0, 'asked for\n', 'Vault password: ']);
    const m = run(['encrypt', 'pw', '--ask-vault-pass'], 'one\ntwo\n');
    expect([m.status, m.stderr]).to.deep.equal([1, 'New Vault password: Confirm New Vault password: ERROR! the vault passwords typed do not match\n']);
  });

  it('refuses options that do not belong to the action', async () => {
    const r = await vault(['view', 'x', '--output', 'y', '--vault-password-file', 'pw']);
    expect([r.code, r.stderr]).to.deep.equal([5, 'ERROR! field "output": --output is for encrypt, decrypt, encrypt_string, not view\n']);
  });
});
