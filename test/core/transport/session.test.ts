// Become (sudo) over real SSH as non-root users: NOPASSWD, with a password (stdin intact), wrong or missing password.
import { expect } from 'chai';
import { CommandError } from '../../../core/errors.ts';
import { secret } from '../../../core/secret.ts';
import { openTransport, type TransportOptions } from '../../../core/transport/open.ts';
import type { Transport } from '../../../core/transport/transport.ts';
import { needsRoot } from '../../support/needs.ts';
import { type SshdServer, SshdLab } from '../../../lab/sshd.ts';

const OPTS: TransportOptions = { sshConfigFile: null, agentSocket: null };
const NOPW = `tsible-t-nopw${process.pid}`; // per process: test runs may overlap
const PW = `tsible-t-pw${process.pid}`;
const PASSWORD = "correct horse 'battery' $staple";

describe('become through sudo (real sshd, real sudo)', function () {
  let lab: SshdLab;
  let s: SshdServer;
  let nopw: Transport;
  let pw: Transport;
  before(async function () {
    needsRoot(this);
    lab = SshdLab.create();
    [s] = await lab.start(1);
    lab.addUser(NOPW, { sudo: 'nopasswd' });
    lab.addUser(PW, { sudo: 'password', password: PASSWORD });
    nopw = openTransport('h', lab.connection(s, { user: NOPW }), OPTS);
    pw = openTransport('h', lab.connection(s, { user: PW }), OPTS);
  });
  after(async () => {
    await nopw?.close();
    await pw?.close();
    await lab?.stop();
  });

  it('runs as the login user without become, as root or another user with it (NOPASSWD)', async () => {
    expect((await nopw.run(['id', '-un'])).stdout).to.equal(`${NOPW}\n`);
    expect((await nopw.run(['id', '-un'], { become: {} })).stdout).to.equal('root\n');
    const r = await nopw.run({ shell: 'id -un; echo "$LC_ALL $X"; pwd' }, { become: { user: 'nobody' }, env: { X: 'y z' }, cwd: '/tmp' });
    expect(r).to.include({ code: 0, stdout: 'nobody\nC y z\n/tmp\n', stderr: '' });
  });

  it('keeps exit status and stderr of the command under sudo', async () => {
    const r = await nopw.run({ shell: 'echo oops >&2; exit 7' }, { become: {} });
    expect(r).to.include({ code: 7, stdout: '', stderr: 'oops\n' });
  });

  it('sends the sudo password on its own, leaving the command its stdin', async () => {
    const r = await pw.run(['sh', '-c', 'id -un; cat'], { become: { password: secret(PASSWORD) }, stdin: 'the real input\n' });
    expect(r).to.include({ code: 0, stdout: 'root\nthe real input\n' });
    expect(r.stderr).to.not.contain('password');
  });

  it('takes the sudo password from the connection (becomePassword) when the Become has none', async () => {
    const t = openTransport('h', lab.connection(s, { user: PW, becomePassword: secret(PASSWORD) }), OPTS);
    try {
      expect((await t.run(['id', '-u'], { become: {} })).stdout).to.equal('0\n');
    } finally {
      await t.close();
    }
  });

  it('does not feed the password to the command when sudo does not ask (NOPASSWD)', async () => {
    const r = await nopw.run(['cat'], { become: { password: secret('unused') }, stdin: 'only this' });
    expect(r.stdout).to.equal('only this');
  });

  it('fails fast and clearly on a wrong password, never showing it', async () => {
    const err = await pw.run(['true'], { become: { password: secret('wrong-pass-123') } }).catch((e) => e);
    expect(err).to.be.instanceOf(CommandError);
    expect(String(err)).to.contain(`host h: become: sudo rejected the password for becoming "root"`);
    expect(String(err)).to.not.contain('wrong-pass-123');
    expect((await pw.run(['echo', 'connection fine'])).stdout).to.equal('connection fine\n');
  });

  it('fails clearly when sudo needs a password and none was given (sudo -n, no hang)', async () => {
    const err = await pw.run(['true'], { become: {} }).catch((e) => e);
    expect(err).to.be.instanceOf(CommandError);
    expect(String(err)).to.match(/become: sudo did not run the command as "root".*password is required/);
  });
});
