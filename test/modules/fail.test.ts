// fail: the host fails with the message (exit 2, as ansible-core), other hosts go on; a `when` that is false skips it.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.ts';

describe('module fail', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'tsible-fail-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('ad hoc: FAILED! with the message, exit 2; the default message is Ansible\'s', async () => {
    const r = await runCli(['localhost', '-m', 'fail', '-a', 'msg="stop here"']);
    expect(r.code).to.equal(2);
    expect(r.stdout).to.match(/^localhost \| FAILED! => /).and.include('"msg": "stop here"');
    expect((await runCli(['localhost', '-m', 'fail'])).stdout).to.include('Failed as requested from task');
  });

  it('in a play: fails only the host whose `when` holds; the other runs its next task', async () => {
    const inventory = join(dir, 'hosts');
    writeFileSync(inventory, 'a ansible_connection=local bad=1\nb ansible_connection=local bad=0\n');
    const play = join(dir, 'play.ts');
    writeFileSync(play, [
      `import { playbook } from ${JSON.stringify(join(import.meta.dirname, '../../core/index.ts'))};`,
      `import { debug, fail } from ${JSON.stringify(join(import.meta.dirname, '../../modules/index.ts'))};`,
      "export default playbook({ hosts: 'all', gatherFacts: false, tasks: [",
      "  fail({ msg: 'bad host {{ inventory_hostname }}' }, { name: 'stop bad hosts', when: (v: any) => v.bad === 1 }),",
      "  debug({ msg: 'still here' }, { name: 'after' }),",
      '] });',
      '',
    ].join('\n'));
    const r = await runCli(['play', play, '-i', inventory], dir);
    expect(r.code).to.equal(2);
    expect(r.stdout).to.match(/fatal: \[a\]: FAILED! .*bad host a/);
    expect(r.stdout).to.match(/skipping: \[b\]/).and.match(/ok: \[b\] => still here/);
    expect(r.stdout).to.match(/a\s+: ok=0\s+changed=0\s+unreachable=0\s+failed=1/);
  });
});
