// `tsible play` with vaulted host_vars, an inline !vault value and a vaulted -e @file, on the local connection: the secrets are used, and never printed (-vvv --diff, --json).
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Secret } from '../../core/secret.ts';
import { VaultSecrets } from '../../core/vault/vault-secrets.ts';
import { runCli } from '../support/cli.ts';

const playbook = join(import.meta.dirname, '../fixtures/vault/secret-play.ts');
const SECRETS = { db: 'Db-P4ss-vaulted', api: 'Api-K3y-inline', token: 'T0ken-extra' };

describe('tsible play with vaulted variables (local connection)', function () {
  this.timeout(120_000);
  let dir: string;
  let inventory: string;
  before(() => {
    dir = mkdtempSync('/tmp/tsible-vault-play-test-');
    const vault = new VaultSecrets([{ id: 'prod', password: new Secret('play-pass') }]);
    writeFileSync(join(dir, 'pw'), 'play-pass\n');
    mkdirSync(join(dir, 'inv/host_vars'), { recursive: true });
    mkdirSync(join(dir, 'inv/group_vars'), { recursive: true });
    mkdirSync(join(dir, 'out'));
    inventory = join(dir, 'inv/hosts');
    writeFileSync(inventory, '[targets]\nlocal1 ansible_connection=local\n');
    writeFileSync(join(dir, 'inv/host_vars/local1.yml'), vault.encrypt(`db_password: ${SECRETS.db}\n`));
    const inline = vault.encrypt(SECRETS.api).trimEnd().split('\n').map((l) => `  ${l}`).join('\n');
    writeFileSync(join(dir, 'inv/group_vars/all.yml'), `api_key: !vault |\n${inline}\n`);
    writeFileSync(join(dir, 'extra.yml'), vault.encrypt(`extra_token: ${SECRETS.token}\n`));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const play = (...extra: string[]) => runCli(['play', playbook, '-i', inventory, '-e', `dir=${join(dir, 'out')}`, '-e', `@${join(dir, 'extra.yml')}`, '--vault-id', `prod@${join(dir, 'pw')}`, ...extra]);
  const noSecret = (text: string) => {
    for (const s of Object.values(SECRETS)) expect(text).to.not.include(s);
  };

  it('uses the secrets on the host and prints *** instead with -vvv --diff', async () => {
    const r = await play('-vvv', '--diff');
    expect(r.code, r.stderr).to.equal(0);
    expect(readFileSync(join(dir, 'out/local1.conf'), 'utf8')).to.equal(`user=app\npassword=${SECRETS.db}\n`);
    expect(readFileSync(join(dir, 'out/local1.key'), 'utf8')).to.equal(SECRETS.api);
    noSecret(r.stdout + r.stderr);
    expect(r.stdout).to.include('password=***');
    expect(r.stdout).to.include('token is ***');
    expect(r.stdout).to.include('bad: ***');
  });

  it('prints *** in --json output too', async () => {
    rmSync(join(dir, 'out'), { recursive: true });
    mkdirSync(join(dir, 'out'));
    const r = await play('--json', '--diff', '-vvv');
    expect(r.code, r.stderr).to.equal(0);
    noSecret(r.stdout + r.stderr);
    const doc = JSON.parse(r.stdout);
    expect(JSON.stringify(doc)).to.include('token is ***');
  });

  it('ad hoc: a wholly vaulted inventory with --vault-password-file', async () => {
    const vault = new VaultSecrets([{ id: 'default', password: new Secret('play-pass') }]);
    writeFileSync(join(dir, 'vaulted.ini'), vault.encrypt('[targets]\nlocal2 ansible_connection=local\n'));
    const r = await runCli(['targets', '-i', join(dir, 'vaulted.ini'), '--vault-password-file', join(dir, 'pw'), '-m', 'ping']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/^local2 \| SUCCESS/);
  });

  it('ansible.cfg: vault_password_file (relative to the file) and vault_identity_list give the passwords, for play, ad hoc and vault view', async () => {
    const project = mkdtempSync(join(dir, 'project-'));
    const home = mkdtempSync(join(dir, 'home-'));
    writeFileSync(join(project, 'pw-file'), 'play-pass\n');
    writeFileSync(join(project, 'ansible.cfg'), `[defaults]\nvault_password_file = pw-file\n`);
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
    const viaFile = await runCli(['play', playbook, '-i', inventory, '-e', `dir=${join(dir, 'out')}`, '-e', `@${join(dir, 'extra.yml')}`], project, { env, home });
    expect(viaFile.code, viaFile.stderr).to.equal(0);
    noSecret(viaFile.stdout + viaFile.stderr);
    const view = await runCli(['vault', 'view', join(dir, 'extra.yml')], project, { env, home });
    expect(view.code, view.stderr).to.equal(0);
    expect(view.stdout).to.equal(`extra_token: ${SECRETS.token}\n`);
    writeFileSync(join(project, 'ansible.cfg'), `[defaults]\nvault_identity_list = other@${join(dir, 'nope-not-read')}, prod@${join(project, 'pw-file')}\n`);
    const viaIds = await runCli(['targets', '-i', inventory, '-m', 'ping', '-e', `@${join(dir, 'extra.yml')}`], project, { env, home });
    expect(viaIds.stderr).to.include('nope-not-read');
    writeFileSync(join(project, 'ansible.cfg'), `[defaults]\nvault_identity_list = prod@${join(project, 'pw-file')}\n`);
    const ids = await runCli(['targets', '-i', inventory, '-m', 'ping', '-e', `@${join(dir, 'extra.yml')}`], project, { env, home });
    expect(ids.code, ids.stderr).to.equal(0);
    const fromEnv = await runCli(['vault', 'view', join(dir, 'extra.yml')], dir, { env: { ...env, ANSIBLE_VAULT_PASSWORD_FILE: join(project, 'pw-file') }, home });
    expect(fromEnv.code, fromEnv.stderr).to.equal(0);
  });

  it('without the password: exit 1, naming the vaulted file, before any task runs', async () => {
    rmSync(join(dir, 'out'), { recursive: true });
    mkdirSync(join(dir, 'out'));
    const r = await runCli(['play', playbook, '-i', inventory, '-e', `dir=${join(dir, 'out')}`]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.equal(`ERROR! ${join(dir, 'inv/group_vars/all.yml')}:1: vault-encrypted (vault id "prod"), but no vault password was given (Ansible: "Attempting to decrypt but no vault secrets found"); use --ask-vault-pass, --vault-password-file or --vault-id\n`);
    expect(r.stdout).to.equal('');
  });
});
