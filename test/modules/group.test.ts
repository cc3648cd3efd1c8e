// group: the same sequence of ad hoc runs by ansible-core and by tsible on two throw-away groups of this machine gives the same changed flags and the same groups; check mode changes nothing.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { runCli } from '../support/cli.ts';
import { needs, needsRoot } from '../support/needs.ts';

const haveAnsible = spawnSync('ansible', ['--version'], { stdio: 'ignore' }).status === 0;
const entry = (name: string): string => spawnSync('getent', ['group', name], { encoding: 'utf8' }).stdout.trim().split(name).join('NAME') || 'absent';
const groupdel = (name: string) => spawnSync('groupdel', [name], { stdio: 'ignore' });

describe('module group', function () {
  this.timeout(120_000);
  before(function () {
    needsRoot(this);
    for (const g of ['tsblgchk', 'tsblgans', 'tsblgtsi']) groupdel(g);
  });
  after(() => {
    for (const g of ['tsblgchk', 'tsblgans', 'tsblgtsi']) groupdel(g);
  });

  it('check mode reports a creation and creates nothing; a bad name is refused (exit 5)', async () => {
    const r = await runCli(['localhost', '-m', 'group', '-a', 'name=tsblgchk gid=4711', '--check']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.include('create group tsblgchk');
    expect(entry('tsblgchk')).to.equal('absent');
    expect((await runCli(['localhost', '-m', 'group', '-a', 'name=a:b'])).code).to.equal(5);
  });

  describe('compared with ansible-core\'s group module', () => {
    before(function () {
      needs(this, haveAnsible, 'needs ansible-core (scripts/install-deps.sh installs it)');
    });
    const steps: [string, string][] = [['', ''], ['', ''], ['gid=4712', 'gid=4713'], ['gid=4712', 'gid=4713'], ['state=absent', 'state=absent'], ['state=absent', 'state=absent'], ['system=yes', 'system=yes']];
    for (const [i, [forAnsible, forTsible]] of steps.entries()) {
      it(`step ${i + 1}: ${forTsible || '(name only)'}`, async () => {
        const a = spawnSync('ansible', ['localhost', '-m', 'group', '-a', `name=tsblgans ${forAnsible}`], { encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'false' } });
        expect(a.status, a.stdout + a.stderr).to.equal(0);
        const t = await runCli(['localhost', '-m', 'group', '-a', `name=tsblgtsi ${forTsible}`]);
        expect(t.code, t.stdout + t.stderr).to.equal(0);
        expect(/^localhost \| (\w+)/.exec(t.stdout)![1]).to.equal(/^localhost \| (\w+)/.exec(a.stdout)![1]);
        const gid = (e: string) => e.split(':')[2];
        const [ea, et] = [entry('tsblgans'), entry('tsblgtsi')];
        expect(et === 'absent', 'both present or both absent').to.equal(ea === 'absent');
        if (forTsible.startsWith('gid=')) expect(gid(et)).to.equal('4713');
        if (forTsible === 'system=yes') expect(Number(gid(et)) < 1000, 'a system gid').to.equal(Number(gid(ea)) < 1000);
      });
    }
  });
});
