// The su wrapper: `LC_ALL=C su -s /bin/sh USER -c SCRIPT` with the marker handshake; su's prompt is `Password:`.
import { expect } from 'chai';
import { secret } from '../../../core/secret.ts';
import { buildCommandLine } from '../../../core/transport/command-line.ts';

describe('buildCommandLine with su', () => {
  it('wraps in su with the marker, the script quoted once', () => {
    const c = buildCommandLine(['id', '-un'], { become: { user: 'app', method: 'su' } });
    expect(c.line).to.match(/^LC_ALL=C su -s \/bin\/sh app -c 'printf '\\''%s\\n'\\'' TSIBLE-BECOME-[0-9a-f]{16} && LC_ALL=C id -un'$/);
    expect(c.become).to.include({ method: 'su', prompt: 'Password:', user: 'app', withPassword: false });
  });

  it('with a password: the same line (su reads it from standard input), the password nowhere in it', () => {
    const c = buildCommandLine(['id'], { become: { method: 'su', password: secret('pw-77') } });
    expect(c.become).to.include({ user: 'root', withPassword: true });
    expect(c.line).to.not.contain('pw-77');
  });
});
