// Which variables become Secrets: the naming convention and the explicit forms.
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { isSecretName, wrapSecrets } from '../../../core/inventory/secret-vars.ts';
import { Secret, isSecret } from '../../../core/secret.ts';

describe('isSecretName', () => {
  const yes = ['ansible_password', 'ansible_become_password', 'ansible_become_pass', 'ansible_ssh_pass', 'db_passwd', 'password', 'vault_secret', 'api_token', 'authkey', 'heartbeat_authkey', 'heartbeat_authkeys', 'key_passphrase', 'DB_PASSWORD'];
  const no = ['ansible_host', 'bypass', 'compass', 'password_file', 'tokens', 'ansible_ssh_private_key_file', 'secret_path', 'authkey_method'];
  for (const n of yes) it(`${n} is secret`, () => expect(isSecretName(n)).to.equal(true));
  for (const n of no) it(`${n} is not`, () => expect(isSecretName(n)).to.equal(false));
});

describe('wrapSecrets', () => {
  it('wraps by name at any depth, numbers too, and explicit {"!secret": …}', () => {
    const out = wrapSecrets({ a_pass: 'x', pin_token: 1234, nested: { list: [{ db_password: 'y' }] }, plain: { '!secret': 'z' }, keep: 'k' });
    expect(isSecret(out.a_pass)).to.equal(true);
    expect((out.pin_token as Secret).reveal()).to.equal('1234');
    const inner = ((out.nested as { list: Record<string, unknown>[] }).list[0]).db_password;
    expect((inner as Secret).reveal()).to.equal('y');
    expect((out.plain as Secret).reveal()).to.equal('z');
    expect(out.keep).to.equal('k');
  });
  it('leaves non-string values under secret names alone (a dict of passwords is walked instead)', () => {
    const out = wrapSecrets({ users_password: { alice: 'a' }, flag_token: true });
    expect(isSecret((out.users_password as Record<string, unknown>).alice)).to.equal(false);
    expect(out.flag_token).to.equal(true);
  });
  it('reads {"!env": NAME}', () => {
    process.env.TSIBLE_TEST_SV = 'v';
    try {
      expect(wrapSecrets({ x: { '!env': 'TSIBLE_TEST_SV' }, ha_authkey: { '!env': 'TSIBLE_TEST_SV' } })).to.deep.include({ x: 'v' });
      expect(isSecret(wrapSecrets({ ha_authkey: { '!env': 'TSIBLE_TEST_SV' } }).ha_authkey)).to.equal(true);
    } finally {
      delete process.env.TSIBLE_TEST_SV;
    }
    expect(() => wrapSecrets({ x: { '!env': 'TSIBLE_TEST_SV' } }, { file: 'f.json' })).to.throw(ArgsError, 'f.json, field "x": environment variable TSIBLE_TEST_SV is not set');
  });
  it('does not mutate its input', () => {
    const input = { a_pass: 'x' };
    wrapSecrets(input);
    expect(input.a_pass).to.equal('x');
  });
});
