// ha-fast-takeover's script, run for real with a stand-in journalctl feeding it Heartbeat's log lines (the lab's drills prove it on Heartbeat).
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderTemplate } from '../../../modules/lib/render-template.ts';

const TEMPLATE = join(import.meta.dirname, '../../../playbooks/templates/ha-fast-takeover.ejs');

describe('playbooks/lib/fast-takeover: the script', function () {
  this.timeout(30_000);

  it('runs the start on the three lines that hand it the group from a peer, not on others; its journalctl goes with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-fast-'));
    try {
      // The stand-in journalctl prints Heartbeat's messages (as `-o cat` does), then stays, as `-f` does.
      const lines = [
        '[2975]: info: Link lb1:enp0s3 dead.',
        '[2975]: WARN: node lb3: is dead',
        '[2975]: WARN: node lb1: is dead',
        "[2975]: info: Received shutdown notice from 'lb1'.",
        '[3656]: info: standby: acquire [foreign] resources from lb1',
        '[3656]: info: lb1 wants to go standby [foreign]',
      ];
      writeFileSync(join(dir, 'journalctl'), `#!/bin/sh\necho $$ > '${dir}/journalctl.pid'\ncat <<'END'\n${lines.join('\n')}\nEND\nexec sleep 600\n`);
      writeFileSync(join(dir, 'logger'), '#!/bin/sh\nexit 0\n');
      for (const f of ['journalctl', 'logger']) chmodSync(join(dir, f), 0o755);
      const script = renderTemplate(readFileSync(TEMPLATE, 'utf8'), TEMPLATE, { peers: ['lb1'], start: `echo start >> '${dir}/starts'` }, {}).real;
      writeFileSync(join(dir, 'follow'), script);
      const p = spawn('bash', [join(dir, 'follow')], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` }, stdio: 'ignore' });
      const starts = () => (existsSync(join(dir, 'starts')) ? readFileSync(join(dir, 'starts'), 'utf8').trim().split('\n').length : 0);
      const end = Date.now() + 10_000;
      while (starts() < 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 500));
      expect(starts(), 'dead, shutdown notice, standby acquire').to.equal(3);
      const follower = Number(readFileSync(join(dir, 'journalctl.pid'), 'utf8'));
      const exited = new Promise((r) => p.on('exit', r));
      p.kill('SIGTERM'); // Heartbeat stopping its respawned programs
      await exited;
      await new Promise((r) => setTimeout(r, 300));
      // Gone, or a zombie waiting for its new parent to reap it.
      const state = existsSync(`/proc/${follower}/stat`) ? readFileSync(`/proc/${follower}/stat`, 'utf8').replace(/^.*\) /, '')[0] : 'gone';
      expect(['gone', 'Z'], 'journalctl killed with the script').to.include(state);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
