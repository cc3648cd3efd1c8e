// The lab's verbs refuse clearly when not run as root (checked for real as user nobody).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isRoot, needs } from '../support/needs.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('lab: not root', () => {
  it('says that `lab up` and `lab down` need root, before touching anything', function () {
    needs(this, isRoot, 'switching to user nobody needs root');
    this.timeout(30_000);
    for (const [verb, call] of [['up', "m.labUp('chapter1')"], ['down', 'm.labDown()']]) {
      const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'env', 'HOME=/tmp', process.execPath, '--import', 'tsx', '-e',
        `import('./lab/index.ts').then((m) => ${call}).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(3); })`], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, r.stderr).to.equal(3);
      expect(r.stderr).to.include(`\`tsible lab ${verb}\` must run as root`);
    }
  });
});
