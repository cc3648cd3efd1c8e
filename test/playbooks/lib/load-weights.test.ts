// The load-aware weights daemon run for real (bash) with stand-ins for ipvsadm and curl (the lab test runs it on a real IPVS table and Apache).
import { expect } from 'chai';
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderTemplate } from '../../../modules/lib/render-template.ts';
import { weighted } from '../../../playbooks/lib/lvs-tasks.ts';
import { loadWeightsOn } from '../../../playbooks/lib/tutorial-vars.ts';

const TEMPLATE = join(import.meta.dirname, '../../../playbooks/templates/lvs-load-weights.ejs');
const VS = '192.168.56.10:80';

describe('playbooks/lib/load-weights', () => {
  it('is off unless lvs_load_weights says true, yes, on or 1', () => {
    expect(loadWeightsOn({})).to.equal(false);
    expect(loadWeightsOn({ lvs_load_weights: 'false' })).to.equal(false);
    for (const on of [true, 'true', 'Yes', 'on', '1', 1]) expect(loadWeightsOn({ lvs_load_weights: on }), String(on)).to.equal(true);
  });

  it('refuses a scheduler that ignores weights (rr, lc, dh) when it is on, naming both variables; wrr and wlc pass', () => {
    const vs = (scheduler: string) => ({ address: '192.168.56.10', port: 80, scheduler, persistent: 0, realServers: [] });
    for (const s of ['rr', 'lc', 'dh']) expect(() => weighted({ lvs_load_weights: 'true' }, vs(s)), s).to.throw(new RegExp(`lvs_load_weights needs a scheduler that uses weights.*lvs_scheduler is ${s}`));
    for (const s of ['wrr', 'wlc']) expect(weighted({ lvs_load_weights: 'true' }, vs(s)).scheduler).to.equal(s);
    expect(weighted({}, vs('rr')).scheduler, 'off: rr as the document has it').to.equal('rr');
  });

  describe('the daemon (bash, for real; ipvsadm and curl are stand-ins reading files)', function () {
    this.timeout(30_000);
    let dir: string;
    let daemon: ChildProcess | undefined;
    afterEach(() => {
      daemon?.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });

    it('sets 10 x the declared weight / (1 + busy workers) on live entries only: an idle server 30, a busy one 2; a removed, quiesced or silent server untouched; an unchanged weight not rewritten', async () => {
      dir = mkdtempSync(join(tmpdir(), 'tsible-load-weights-'));
      const stub = (name: string, body: string) => {
        writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
        chmodSync(join(dir, name), 0o755);
      };
      stub('ipvsadm', `case "$1" in -Sn) cat '${dir}/table';; -e) echo "$*" >> '${dir}/calls';; esac`);
      // curl -fsS -m 1 URL: the file status-HOST:PORT, or curl's "could not connect" (7).
      stub('curl', `for a; do :; done; f='${dir}/status-'$(echo "$a" | sed 's|http://||; s|/.*||'); [ -e "$f" ] && cat "$f" || exit 7`);
      writeFileSync(join(dir, 'table'), [
        `-A -t ${VS} -s wrr`,
        `-a -t ${VS} -r 192.168.200.11:80 -m -w 3`,
        `-a -t ${VS} -r 192.168.200.12:80 -m -w 1`,
        `-a -t ${VS} -r 192.168.200.13:80 -m -w 0`,
        `-a -t ${VS} -r 192.168.200.15:80 -m -w 1`,
        `-a -t ${VS} -r 192.168.200.16:80 -m -w 10`,
        '',
      ].join('\n'));
      const status = (busy: number) => `Total Accesses: 5\nBusyWorkers: ${busy}\nIdleWorkers: 49\n`;
      writeFileSync(join(dir, 'status-192.168.200.11:80'), status(1)); // idle: the status request itself
      writeFileSync(join(dir, 'status-192.168.200.12:80'), status(5)); // 4 requests besides the status one
      writeFileSync(join(dir, 'status-192.168.200.13:80'), status(1)); // quiesced by the checker (weight 0)
      writeFileSync(join(dir, 'status-192.168.200.14:80'), status(1)); // not in the live table (removed by the checker)
      // 192.168.200.15: no status file (the status page cannot be read)
      writeFileSync(join(dir, 'status-192.168.200.16:80'), status(1)); // already 10 x 1
      const servers = [11, 12, 13, 14, 15, 16].map((n) => ({ service: VS, server: `192.168.200.${n}:80`, weight: n === 11 ? 3 : 1 }));
      writeFileSync(join(dir, 'daemon'), renderTemplate(readFileSync(TEMPLATE, 'utf8'), TEMPLATE, { interval: 1, scale: 10, servers }, {}).real);
      daemon = spawn('bash', [join(dir, 'daemon')], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` }, stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 1500));
      expect(existsSync(join(dir, 'calls')), 'the daemon edited something').to.equal(true);
      const calls = [...new Set(readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n'))];
      expect(calls).to.deep.equal([`-e -t ${VS} -r 192.168.200.11:80 -m -w 30`, `-e -t ${VS} -r 192.168.200.12:80 -m -w 2`]);
    });
  });
});
