// Vault password sources: --vault-id parsing, files (stripped), scripts and client scripts (their stdout), prompts; ANSIBLE_VAULT_PASSWORD_FILE.
import { expect } from 'chai';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArgsError } from '../../../core/errors.ts';
import { Secret } from '../../../core/secret.ts';
import { loadVaultPassword, parseVaultIdSpec } from '../../../core/vault/password-source.ts';
import { VaultError } from '../../../core/vault/vault-error.ts';
import { loadVaultSecrets, vaultSources } from '../../../core/vault/vault-sources.ts';
import { VaultSecrets } from '../../../core/vault/vault-secrets.ts';

describe('vault password sources', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync('/tmp/tsible-vault-pw-test-'); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const noPrompt = async (): Promise<Secret> => { throw new Error('no prompt expected'); };
  const load = (spec: string, extra = {}) => loadVaultPassword(parseVaultIdSpec(spec), { prompt: noPrompt, cwd: dir, ...extra });
  const script = (name: string, body: string) => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };

  it('parses [label@]source; no label is "default"; ";" and an empty source are refused', () => {
    expect(parseVaultIdSpec('prod@/x/pw')).to.deep.equal({ id: 'prod', source: '/x/pw' });
    expect(parseVaultIdSpec('/x/pw')).to.deep.equal({ id: 'default', source: '/x/pw' });
    expect(parseVaultIdSpec('dev@prompt')).to.deep.equal({ id: 'dev', source: 'prompt' });
    expect(() => parseVaultIdSpec('a;b@x')).to.throw(ArgsError, "the character ';' is not allowed");
    expect(() => parseVaultIdSpec('a@')).to.throw(ArgsError, 'names no password source');
  });

  it('reads a password file relative to cwd, stripped of surrounding blanks and newlines', async () => {
    writeFileSync(join(dir, 'pw'), '  hunter2 \r\n\n');
    const p = await load('prod@pw');
    expect(p.id).to.equal('prod');
    expect(p.password.reveal()).to.equal('hunter2');
  });

  it('runs an executable file and takes its stdout (only newlines stripped)', async () => {
    script('pw.sh', "printf ' from script \\n'");
    expect((await load('pw.sh')).password.reveal()).to.equal(' from script ');
  });

  it('gives a client script (*-client*) the vault id; its exit 2 means "no such id"', async () => {
    script('keys-client.sh', 'if [ "$1" = --vault-id ] && [ "$2" = prod ]; then echo prodpw; else echo "no $2" >&2; exit 2; fi');
    expect((await load('prod@keys-client.sh')).password.reveal()).to.equal('prodpw');
    try {
      await load('dev@keys-client.sh');
      expect.fail('expected an error');
    } catch (e) {
      expect(e).to.be.instanceOf(VaultError);
      expect((e as Error).message).to.equal('the vault password client script keys-client.sh did not find a secret for vault id "dev": no dev');
    }
  });

  it('refuses a missing file, an empty password, and a failing script, naming the source', async () => {
    await load('nope').then(() => expect.fail(), (e: Error) => expect(e.message).to.equal('the vault password file nope (vault id "default") was not found'));
    writeFileSync(join(dir, 'empty'), '\n');
    await load('empty').then(() => expect.fail(), (e: Error) => expect(e.message).to.include('gave an empty password'));
    script('fail.sh', 'exit 3');
    await load('fail.sh').then(() => expect.fail(), (e: Error) => expect(e.message).to.equal('the vault password script fail.sh exited 3'));
  });

  it('decrypts a password file that is itself vault-encrypted with a password given before it', async () => {
    const first = { id: 'default', password: new Secret('outer') };
    writeFileSync(join(dir, 'inner'), new VaultSecrets([first]).encrypt('inner-password\n'));
    const v = await loadVaultSecrets([{ id: 'default', source: 'prompt_ask_vault_pass' }, { id: 'x', source: 'inner' }], {
      cwd: dir, prompt: async () => new Secret('outer'),
    });
    expect(v.passwords.map((p) => [p.id, p.password.reveal()])).to.deep.equal([['default', 'outer'], ['x', 'inner-password']]);
  });

  it('prompts with Ansible\'s wording, twice for a new password, refusing a mismatch or an empty answer', async () => {
    const asked: string[] = [];
    const answers = (...a: string[]) => async (q: string) => { asked.push(q); return new Secret(a.shift()!); };
    expect((await load('prompt', { prompt: answers('p1') })).password.reveal()).to.equal('p1');
    expect((await load('dev@prompt', { prompt: answers('p2') })).password.reveal()).to.equal('p2');
    expect((await load('prompt_ask_vault_pass', { prompt: answers('n', 'n'), newPassword: true })).password.reveal()).to.equal('n');
    expect((await load('dev@prompt', { prompt: answers('n', 'n'), newPassword: true })).password.reveal()).to.equal('n');
    expect(asked).to.deep.equal(['Vault password (default): ', 'Vault password (dev): ', 'New Vault password: ', 'Confirm New Vault password: ', 'New vault password (dev): ', 'Confirm new vault password (dev): ']);
    await load('prompt', { prompt: answers('a', 'b'), newPassword: true }).then(() => expect.fail(), (e: Error) => expect(e.message).to.equal('the vault passwords typed do not match'));
    await load('prompt', { prompt: answers('  ') }).then(() => expect.fail(), (e: Error) => expect(e.message).to.include('an empty vault password'));
  });

  it('orders sources as Ansible: vault ids, password files, then a prompt', () => {
    expect(vaultSources({ vaultId: ['a@x'], vaultPasswordFile: ['y', 'z'], askVaultPass: true })).to.deep.equal([
      { id: 'a', source: 'x' }, { id: 'default', source: 'y' }, { id: 'default', source: 'z' }, { id: 'default', source: 'prompt_ask_vault_pass' },
    ]);
    expect(vaultSources({})).to.deep.equal([]);
    expect(vaultSources({}, true)).to.deep.equal([{ id: 'default', source: 'prompt_ask_vault_pass' }]);
    expect(vaultSources({ vaultPasswordFile: ['z'] }, true)).to.deep.equal([{ id: 'default', source: 'z' }]);
  });
});
