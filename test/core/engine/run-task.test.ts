// A task's variables inside a loop keep everything the task had outside it (hostvars included), run through `tsible play`.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/cli.ts';

describe('run-task: loops', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'tsible-loop-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a looped task reads hostvars[item] (the peers\' ansible_host) in `when` and in its arguments', async () => {
    const inventory = join(dir, 'inventory.ini');
    writeFileSync(inventory, [
      '[first]', 'me ansible_connection=local',
      '[peers]', 'peerA ansible_host=192.0.2.1', 'peerB ansible_host=192.0.2.2', '',
    ].join('\n'));
    const playbook = join(import.meta.dirname, '../../fixtures/engine/loop-hostvars.ts');
    const r = await runCli(['play', playbook, '-i', inventory, '-e', `dir=${dir}`, '--json']);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(readFileSync(join(dir, 'peer-peerA'), 'utf8')).to.equal('192.0.2.1');
    expect(readFileSync(join(dir, 'peer-peerB'), 'utf8')).to.equal('192.0.2.2');
  });
});
