// user: the same sequence of ad hoc runs by ansible-core and by tsible on two throw-away accounts of this machine gives the same changed flags and the same accounts (passwd, shadow hash, groups, home); check mode changes nothing; bad input refused before anything runs.
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { runCli } from '../support/cli.ts';
import { needs, needsRoot } from '../support/needs.ts';

const haveAnsible = spawnSync('ansible', ['--version'], { stdio: 'ignore' }).status === 0;
const HASH = '$6$abcdefgh$NUEwtPiqb.Qt1V3Yi77GwJrTOkwNudr4Zg70eABz2v9Ul0C0X60dAP4frAE3oTyO0l.m2C1awRDIlv2.2OJY3.';

/** The account as the host has it, with its own name written NAME (so two accounts compare). */
function account(name: string): string {
  const get = (db: string): string => spawnSync('getent', [db, name], { encoding: 'utf8' }).stdout.trim();
  const passwd = get('passwd').split(':');
  if (passwd.length < 7) return 'absent';
  const shadow = get('shadow').split(':')[1];
  const groups = execFileSync('id', ['-Gn', name], { encoding: 'utf8' }).trim().split(' ').sort().join(',');
  return [passwd[4], passwd[5], passwd[6], shadow, groups, existsSync(passwd[5]) ? 'home' : 'no home'].join('|').split(name).join('NAME');
}

const userdel = (name: string) => spawnSync('userdel', ['-r', name], { stdio: 'ignore' });

describe('module user', function () {
  this.timeout(300_000);
  before(function () {
    needsRoot(this);
  });

  it('check mode reports a creation and creates nothing; bad names and clear passwords are refused before anything runs', async () => {
    userdel('tsblcheck');
    const r = await runCli(['localhost', '-m', 'user', '-a', 'name=tsblcheck shell=/bin/bash', '--check']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/CHANGED/).and.include('create user tsblcheck');
    expect(account('tsblcheck')).to.equal('absent');
    const clear = await runCli(['localhost', '-m', 'user', '-a', 'name=tsblcheck password=hunter2']);
    expect(clear.code).to.equal(5);
    expect(clear.stderr).to.include('field "password": password must be a crypt(3) hash').and.not.include('hunter2');
    const bad = await runCli(['localhost', '-m', 'user', '-a', 'name=-rf']);
    expect(bad.code).to.equal(5);
    expect(account('tsblcheck')).to.equal('absent');
  });

  describe('compared with ansible-core\'s user module', () => {
    before(function () {
      needs(this, haveAnsible, 'needs ansible-core (scripts/install-deps.sh installs it)');
      userdel('tsblans');
      userdel('tsbltsi');
    });
    after(() => {
      userdel('tsblans');
      userdel('tsbltsi');
    });
    const steps = [
      'shell=/bin/sh comment="Test User" groups=audio,video',
      'shell=/bin/sh comment="Test User" groups=audio,video',
      'groups=cdrom append=yes',
      'groups=audio',
      'groups=audio,video append=yes',
      'shell=/bin/bash comment=Changed',
      `password=${HASH}`,
      `password=${HASH}`,
      'groups=',
      'state=absent remove=yes',
      'state=absent',
      'create_home=no system=yes',
      'state=absent',
    ];
    for (const [i, step] of steps.entries()) {
      it(`step ${i + 1}: ${step.replace(HASH, 'HASH')}`, async () => {
        const a = spawnSync('ansible', ['localhost', '-m', 'user', '-a', `name=tsblans ${step}`], { encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'false' } });
        expect(a.status, a.stdout + a.stderr).to.equal(0);
        const t = await runCli(['localhost', '-m', 'user', '-a', `name=tsbltsi ${step}`]);
        expect(t.code, t.stdout + t.stderr).to.equal(0);
        expect(/^localhost \| (\w+)/.exec(t.stdout)![1], 'changed or not').to.equal(/^localhost \| (\w+)/.exec(a.stdout)![1]);
        expect(account('tsbltsi').replace(/\/bin\/sh\|!\|/, '/bin/sh|*|')).to.equal(account('tsblans').replace(/\/bin\/sh\|!\|/, '/bin/sh|*|'));
        expect(t.stdout).to.not.include(HASH);
      });
    }
  });
});
