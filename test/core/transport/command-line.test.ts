// The shell line a transport sends: LC_ALL=C, quoted env and cwd, and the sudo wrapper with its handshake.
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { secret } from '../../../core/secret.ts';
import { buildCommandLine } from '../../../core/transport/command-line.ts';

describe('buildCommandLine', () => {
  it('prefixes LC_ALL=C and quoted env, and cds into a quoted cwd', () => {
    expect(buildCommandLine(['echo', 'a b']).line).to.equal("LC_ALL=C echo 'a b'");
    expect(buildCommandLine(['ls'], { env: { X: "it's" }, cwd: '/my dir' }).line).to.equal(`cd -- '/my dir' && LC_ALL=C X='it'\\''s' ls`);
  });

  it('refuses an environment name that is not a shell name', () => {
    expect(() => buildCommandLine(['ls'], { env: { 'A;rm -rf /': 'x' } })).to.throw(ArgsError, 'field "env": bad environment variable name');
  });

  it('wraps in sudo -n without a password, sudo -S with a unique prompt with one', () => {
    const n = buildCommandLine(['id'], { become: { user: 'www-data' } });
    expect(n.line).to.match(/^sudo -H -n -u www-data -- sh -c 'printf '\\''%s\\n'\\'' TSIBLE-BECOME-[0-9a-f]{16} && LC_ALL=C id'$/);
    expect(n.become).to.include({ user: 'www-data', withPassword: false });
    const p = buildCommandLine(['id'], { become: { password: secret('pw') } });
    expect(p.become!.user).to.equal('root');
    expect(p.line).to.contain(`-S -p '${p.become!.prompt}' -u root`);
    expect(p.line).to.not.contain('pw ');
    expect(buildCommandLine(['id'], { become: {} }).become!.marker).to.not.equal(n.become!.marker);
  });
});
