// Vault-encrypted inventories (INI, YAML), group_vars/host_vars, -e @file and `!vault` values: read with the password, every string a Secret.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArgsError } from '../../../core/errors.ts';
import { parseExtraVars } from '../../../core/inventory/extra-vars.ts';
import { loadInventory } from '../../../core/inventory/load.ts';
import { renderInventoryList } from '../../../core/inventory/render-list.ts';
import { Secret, isSecret } from '../../../core/secret.ts';
import { VaultError } from '../../../core/vault/vault-error.ts';
import { VaultSecrets } from '../../../core/vault/vault-secrets.ts';

describe('vault-encrypted inventory sources', () => {
  const vault = new VaultSecrets([{ id: 'prod', password: new Secret('pw') }]);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync('/tmp/tsible-vault-inv-test-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  };

  it('reads a vault-encrypted INI inventory: hosts and groups as written, every string value a Secret', async () => {
    write('hosts', vault.encrypt('[web]\nweb1 ansible_host=10.0.0.1 ansible_port=2222 db_user=app\n[web:vars]\nenv=prod\n'));
    const inv = await loadInventory(['hosts'], { cwd: dir, vault });
    expect([...inv.hosts.keys()]).to.deep.equal(['web1']);
    expect(inv.groups.get('web')!.hosts).to.deep.equal(['web1']);
    const v = inv.hosts.get('web1')!.vars;
    expect(isSecret(v.ansible_host) && isSecret(v.db_user) && isSecret(v.env)).to.equal(true);
    expect((v.ansible_host as Secret).reveal()).to.equal('10.0.0.1');
    expect(v.ansible_port).to.equal(2222);
    expect(renderInventoryList(inv)).to.not.match(/10\.0\.0\.1|"app"|"prod"/);
  });

  it('reads a vault-encrypted YAML inventory the same way', async () => {
    write('inv.yml', vault.encrypt('all:\n  children:\n    db:\n      hosts:\n        db1: {pg_pass: s3cr3t, replicas: 2}\n'));
    const inv = await loadInventory(['inv.yml'], { cwd: dir, vault });
    const v = inv.hosts.get('db1')!.vars;
    expect((v.pg_pass as Secret).reveal()).to.equal('s3cr3t');
    expect(v.replicas).to.equal(2);
  });

  it('reads vault-encrypted group_vars and host_vars files, and `!vault` values in plain ones', async () => {
    write('hosts', '[web]\nweb1\n');
    write('group_vars/web.yml', vault.encrypt('api_key: k-123\nworkers: 4\n'));
    write('host_vars/web1/vault', vault.encrypt('token_value: t-9\n'));
    const inline = vault.encrypt('inline secret').trimEnd().split('\n').map((l) => `  ${l}`).join('\n');
    write('group_vars/all.yml', `plain: yes\ninline: !vault |\n${inline}\n`);
    const inv = await loadInventory(['hosts'], { cwd: dir, vault });
    const v = inv.hosts.get('web1')!.vars;
    expect((v.api_key as Secret).reveal()).to.equal('k-123');
    expect(v.workers).to.equal(4);
    expect((v.token_value as Secret).reveal()).to.equal('t-9');
    expect((v.inline as Secret).reveal()).to.equal('inline secret');
    expect(v.plain).to.equal(true);
  });

  it('without a password: a VaultError (exit 1) naming the file as given', async () => {
    write('hosts', '[web]\nweb1\n');
    write('group_vars/web.yml', vault.encrypt('api_key: k\n'));
    const err = await loadInventory([join(dir, 'hosts')]).catch((e: Error) => e);
    expect(err).to.be.instanceOf(VaultError);
    expect((err as VaultError).exitCode).to.equal(1);
    expect((err as Error).message).to.equal(`${join(dir, 'group_vars/web.yml')}: vault-encrypted (vault id "prod"), but no vault password was given (Ansible: "Attempting to decrypt but no vault secrets found"); use --ask-vault-pass, --vault-password-file or --vault-id`);
  });

  it('an error in decrypted INI content names file and line without quoting it', async () => {
    write('hosts', vault.encrypt('[web]\nweb1 hunter2\n'));
    const err = await loadInventory(['hosts'], { cwd: dir, vault }).catch((e: Error) => e);
    expect(err).to.be.instanceOf(ArgsError);
    expect((err as Error).message).to.equal('hosts:2: expected key=value after the host name, got "***" (in vault-encrypted content; quoted text hidden)');
  });

  it('-e @file: a vault-encrypted vars file gives Secrets; `!vault` values too', () => {
    write('ev.yml', vault.encrypt('db_password: pw1\nport: 5432\n'));
    const vars = parseExtraVars(['@ev.yml'], { cwd: dir, vault });
    expect((vars.db_password as Secret).reveal()).to.equal('pw1');
    expect(vars.port).to.equal(5432);
    expect(() => parseExtraVars(['@ev.yml'], { cwd: dir })).to.throw(VaultError, /^ev\.yml: vault-encrypted/);
  });
});
