// The shell line a transport sends: LC_ALL=C, quoted env and cwd, and the sudo wrapper with its handshake.
import { spawnSync } from 'node:child_process';
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

  it('gives the same command in exec form for tsible\'s shell: cd (exit 1 when it fails), export, then exec through the launcher', async () => {
    const { execFileSync } = await import('node:child_process');
    const plain = buildCommandLine(['ls'], { env: { X: "it's" }, cwd: '/my dir' });
    expect(plain.execVia('$x')).to.equal(`cd -- '/my dir' || exit 1; export LC_ALL=C X='it'\\''s'; exec $x ls`);
    expect(buildCommandLine(['id']).execVia('')).to.equal('export LC_ALL=C; exec id');
    const sudo = buildCommandLine(['id'], { become: {} });
    expect(sudo.execVia('$x')).to.equal(`exec $x ${sudo.line}`);
    const su = buildCommandLine(['id'], { become: { method: 'su' } });
    expect(su.execVia('$x')).to.equal(`export LC_ALL=C; exec $x ${su.line.replace(/^LC_ALL=C /, '')}`);
    const hidden = buildCommandLine(['echo', secret('pw')], { cwd: '/tmp' });
    expect(hidden.execVia('$x')).to.equal(`exec $x ${hidden.line}`);
    // Run by a real sh: the environment reaches the program, and the exit statuses are an exec channel's.
    const sh = (line: string): { code: number; out: string } => {
      try {
        return { code: 0, out: execFileSync('sh', ['-c', `x=; ( eval '${line.replace(/'/g, `'\\''`)}' )`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }) };
      } catch (e) {
        return { code: (e as { status: number }).status, out: '' };
      }
    };
    expect(sh(buildCommandLine(['sh', '-c', 'echo "$LC_ALL $Y"'], { env: { Y: 'a b' }, cwd: '/' }).execVia('$x'))).to.deep.equal({ code: 0, out: 'C a b\n' });
    expect(sh(buildCommandLine(['true'], { cwd: '/nonexistent-tsible' }).execVia('$x')).code).to.equal(1);
    expect(sh(buildCommandLine(['nosuchcommand-tsible']).execVia('$x')).code).to.equal(127);
  });

  it('gives a script with no become and no secret an inline form: cd (exit 1), export, then the script itself', () => {
    const script = buildCommandLine({ shell: 'echo "$LC_ALL $Y"; exit 3' }, { env: { Y: 'a b' }, cwd: '/my dir' });
    expect(script.inline).to.equal(`cd -- '/my dir' || exit 1\nexport LC_ALL=C Y='a b'\necho "$LC_ALL $Y"; exit 3`);
    expect(buildCommandLine({ shell: 'true' }).inline).to.equal('export LC_ALL=C\ntrue');
    expect(buildCommandLine(['true']).inline, 'an argv').to.equal(undefined);
    expect(buildCommandLine({ shell: 'true' }, { become: {} }).inline, 'become').to.equal(undefined);
    expect(buildCommandLine({ shell: secret('echo pw') }).inline, 'a secret script').to.equal(undefined);
    // Run by a real sh in a subshell, as tsible's shell runs it.
    const run = (body: string) => spawnSync('sh', ['-c', `( eval '${body.replace(/'/g, `'\\''`)}' )`], { encoding: 'utf8' });
    const ok = run(buildCommandLine({ shell: 'echo "$LC_ALL $Y $PWD"; exit 3' }, { env: { Y: 'a b' }, cwd: '/tmp' }).inline!);
    expect([ok.status, ok.stdout]).to.deep.equal([3, 'C a b /tmp\n']);
    expect(run(buildCommandLine({ shell: 'echo ran' }, { cwd: '/nonexistent-tsible' }).inline!).status).to.equal(1);
  });
});
