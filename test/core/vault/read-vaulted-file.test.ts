// Reading data files that may be wholly vault-encrypted; errors about decrypted content never quote it.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArgsError } from '../../../core/errors.ts';
import { Secret, isSecret } from '../../../core/secret.ts';
import { parseDecrypted, readDataFile } from '../../../core/vault/read-vaulted-file.ts';
import { secretLeaves } from '../../../core/vault/secret-leaves.ts';
import { VaultError } from '../../../core/vault/vault-error.ts';
import { VaultSecrets } from '../../../core/vault/vault-secrets.ts';

describe('vault-encrypted data files', () => {
  const vault = new VaultSecrets([{ id: 'default', password: new Secret('pw') }]);
  let dir: string;
  before(() => { dir = mkdtempSync('/tmp/tsible-vault-read-test-'); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads plain text as is and decrypts vault text', () => {
    writeFileSync(join(dir, 'plain'), 'a: 1\n');
    writeFileSync(join(dir, 'vaulted'), vault.encrypt('a: 2\n'));
    expect(readDataFile(join(dir, 'plain'), 'plain', undefined, 'vars file')).to.deep.equal({ text: 'a: 1\n', vaulted: false });
    expect(readDataFile(join(dir, 'vaulted'), 'vaulted', vault, 'vars file')).to.deep.equal({ text: 'a: 2\n', vaulted: true });
    expect(() => readDataFile(join(dir, 'vaulted'), 'shown/vaulted', undefined, 'vars file')).to.throw(VaultError, /^shown\/vaulted: vault-encrypted, but no vault password/);
    expect(() => readDataFile(join(dir, 'missing'), 'missing', vault, 'vars file')).to.throw(ArgsError, /^missing: cannot read vars file/);
  });

  it('hides quoted text in errors about decrypted content, and keeps the exit code', () => {
    const fail = () => { throw new ArgsError('expected key=value, got "hunter2"', { file: 'inv', line: 2 }); };
    expect(fail).to.throw('"hunter2"');
    try {
      parseDecrypted(true, fail);
      expect.fail();
    } catch (e) {
      expect(e).to.be.instanceOf(ArgsError);
      expect((e as ArgsError).message).to.equal('inv:2: expected key=value, got "***" (in vault-encrypted content; quoted text hidden)');
      expect((e as ArgsError).exitCode).to.equal(5);
    }
  });

  it('secretLeaves wraps every string, keeping numbers, booleans and null', () => {
    const v = secretLeaves({ a: 'x', n: 22, b: true, z: null, list: ['y', 1], o: { s: 's' } }) as Record<string, any>;
    expect(isSecret(v.a) && isSecret(v.list[0]) && isSecret(v.o.s)).to.equal(true);
    expect([v.n, v.b, v.z, v.list[1]]).to.deep.equal([22, true, null, 1]);
    expect(JSON.stringify(v)).to.equal('{"a":"***","n":22,"b":true,"z":null,"list":["***",1],"o":{"s":"***"}}');
  });
});
