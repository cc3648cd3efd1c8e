// The isolation guard: its ping nodes, and its script's behaviour run for real with stand-ins for ping and systemctl (the lab's cable drill proves it on Heartbeat).
import { expect } from 'chai';
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderTemplate } from '../../../modules/lib/render-template.ts';
import { checkedGroups, guardLimit, pingNodes, type PingGroup } from '../../../playbooks/lib/isolation-guard.ts';

const TEMPLATE = join(import.meta.dirname, '../../../playbooks/templates/ha-isolation-guard.ejs');
const MARK = '/run/ha-isolation-guard.stopped';

async function waitFor(what: string, ms: number, ok: () => boolean): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('playbooks/lib/isolation-guard', () => {
  it('ping nodes: heartbeat_ping_nodes, else the playbook\'s defaults; a value that is no address is refused', () => {
    const web = () => ['192.168.200.11', '192.168.200.12'];
    expect(pingNodes({}, web)).to.deep.equal(['192.168.200.11', '192.168.200.12']);
    expect(pingNodes({ heartbeat_ping_nodes: '192.168.56.1 gw.example' }, web)).to.deep.equal(['192.168.56.1', 'gw.example']);
    expect(pingNodes({ heartbeat_ping_nodes: ['10.0.0.1'] }, web)).to.deep.equal(['10.0.0.1']);
    expect(() => pingNodes({ heartbeat_ping_nodes: ["10.0.0.1'; reboot"] }, web)).to.throw(/is not an address/);
  });

  it('limit: heartbeat_isolation_limit, else 3 s or deadtime when shorter; below 1 s refused', () => {
    expect(guardLimit({})).to.equal(3);
    expect(guardLimit({ heartbeat_deadtime: '2' })).to.equal(2);
    expect(guardLimit({ heartbeat_isolation_limit: '5' })).to.equal(5);
    expect(() => guardLimit({ heartbeat_isolation_limit: '0' })).to.throw(/at least 1/);
  });

  it('groups: one without ping nodes is left out; an address or a label the script could not quote is refused', () => {
    const web: PingGroup = { label: 'the web servers', targets: ['192.168.200.11'], peers: [] };
    expect(checkedGroups([web, { label: 'the public network', targets: [], peers: ['192.168.56.12'] }])).to.deep.equal([web]);
    expect(() => checkedGroups([{ ...web, peers: ['lb2 $(reboot)'] }])).to.throw(/the web servers.*is not an address/);
    expect(() => checkedGroups([{ ...web, label: "the clients' network" }])).to.throw(/must be plain words/);
  });

  describe('the script (bash, for real; ping and systemctl are stand-ins reading and writing files, logger is silent)', function () {
    this.timeout(60_000);
    let dir: string;
    let guard: ChildProcess | undefined;
    const calls = () => (existsSync(join(dir, 'calls')) ? readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n') : []);
    const set = (name: string, on: boolean) => (on ? writeFileSync(join(dir, name), '') : rmSync(join(dir, name), { force: true }));

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'tsible-guard-'));
      const stub = (name: string, body: string) => {
        writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
        chmodSync(join(dir, name), 0o755);
      };
      // Answers for every address while <dir>/network exists, and for one address while <dir>/up-ADDRESS does;
      // otherwise fails after its 1-s wait (-W 1), as a real ping does.
      stub('ping', `for a; do :; done; [ -e '${dir}/network' ] || [ -e "${dir}/up-$a" ] || { sleep 1; exit 1; }`);
      stub('logger', 'exit 0');
      stub('systemctl', [
        `echo "$*" >> '${dir}/calls'`,
        'case "$*" in',
        `  "-q is-active heartbeat") [ -e '${dir}/heartbeat' ];;`,
        `  "stop heartbeat") rm -f '${dir}/heartbeat';;`,
        `  "start heartbeat") : > '${dir}/heartbeat';;`,
        'esac',
      ].join('\n'));
      set('network', true);
      set('heartbeat', true);
    });
    /** Renders the script as the template module does (the one change: its mark file in the test's folder instead of /run) and starts it. */
    function startGuard(peers: string[] = [], groups: PingGroup[] = [{ label: 'the router', targets: ['192.0.2.1', '192.0.2.2'], peers }]): void {
      const rendered = renderTemplate(readFileSync(TEMPLATE, 'utf8'), TEMPLATE, { groups, limit: 2 }, {});
      writeFileSync(join(dir, 'guard'), rendered.real.replace(MARK, join(dir, 'mark')));
      guard = spawn('bash', [join(dir, 'guard')], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` }, stdio: 'ignore' });
    }
    afterEach(() => {
      guard?.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });

    it('stops Heartbeat once no ping node answered for the limit, starts it when one answers again', async () => {
      startGuard();
      await new Promise((r) => setTimeout(r, 2500));
      expect(calls(), 'nothing while the network answers').to.deep.equal([]);
      set('network', false);
      const cut = Date.now();
      await waitFor('Heartbeat stopped', 10_000, () => calls().includes('stop heartbeat') && !existsSync(join(dir, 'heartbeat')));
      // The limit runs from the start of the last round that got an answer, and the cut lands anywhere in the 1-s round after it.
      expect(Date.now() - cut, 'not before the limit (2 s) less one round (1 s)').to.be.at.least(900);
      await new Promise((r) => setTimeout(r, 2500));
      expect(calls().filter((c) => c === 'stop heartbeat'), 'stopped once').to.have.length(1);
      set('network', true);
      await waitFor('Heartbeat started', 10_000, () => calls().includes('start heartbeat') && existsSync(join(dir, 'heartbeat')));
      expect(existsSync(join(dir, 'mark')), 'the mark is gone').to.equal(false);
    });

    it('leaves a Heartbeat it did not stop alone: an administrator\'s stop stays stopped when the network comes back', async () => {
      startGuard();
      set('heartbeat', false); // systemctl stop heartbeat, by hand
      set('network', false);
      await new Promise((r) => setTimeout(r, 4500));
      set('network', true);
      await new Promise((r) => setTimeout(r, 2500));
      expect(calls().filter((c) => c !== '-q is-active heartbeat')).to.deep.equal([]);
    });

    it('does nothing while no ping node has ever answered (a wrong address, a router that drops pings): Heartbeat keeps running', async () => {
      set('network', false);
      startGuard();
      await new Promise((r) => setTimeout(r, 4500));
      expect(calls(), 'never asked about Heartbeat, never stopped it').to.deep.equal([]);
      set('up-192.0.2.2', true); // the second ping node answers: armed from now on
      await new Promise((r) => setTimeout(r, 1500));
      set('up-192.0.2.2', false);
      await waitFor('Heartbeat stopped', 10_000, () => calls().includes('stop heartbeat'));
    });

    it('with peers: the ping nodes silent but the peer answering is no isolation (the router died, not this node\'s cables); the peer silent too is', async () => {
      startGuard(['192.0.2.9']);
      await new Promise((r) => setTimeout(r, 1500)); // armed by the ping nodes' answers
      set('up-192.0.2.9', true);
      set('network', false);
      await new Promise((r) => setTimeout(r, 4500));
      expect(calls().filter((c) => c === 'stop heartbeat'), 'not stopped while the peer answers').to.deep.equal([]);
      set('up-192.0.2.9', false);
      const cut = Date.now();
      await waitFor('Heartbeat stopped', 10_000, () => calls().includes('stop heartbeat'));
      // The limit runs from the start of the last round that got an answer, and the cut lands anywhere in the 1-s round after it.
      expect(Date.now() - cut, 'not before the limit (2 s) less one round (1 s)').to.be.at.least(900);
    });

    it('two networks (a balancer\'s web servers and its public side): either one silent stops Heartbeat, started again only once both answer', async () => {
      const groups: PingGroup[] = [
        { label: 'the web servers', targets: ['192.0.2.11', '192.0.2.12'], peers: [] },
        { label: 'the public network', targets: ['198.51.100.1'], peers: ['198.51.100.12'] },
      ];
      set('network', false);
      for (const a of ['192.0.2.11', '192.0.2.12', '198.51.100.1', '198.51.100.12']) set(`up-${a}`, true);
      startGuard([], groups);
      await new Promise((r) => setTimeout(r, 2500));
      expect(calls(), 'nothing while both answer').to.deep.equal([]);
      // The public cable alone: the web servers still answer, the router and the peer on that side do not.
      set('up-198.51.100.1', false);
      set('up-198.51.100.12', false);
      await waitFor('Heartbeat stopped', 10_000, () => calls().includes('stop heartbeat'));
      // The router back but the web servers gone now: still cut off, not started.
      set('up-198.51.100.1', true);
      set('up-192.0.2.11', false);
      set('up-192.0.2.12', false);
      await new Promise((r) => setTimeout(r, 3500));
      expect(calls().filter((c) => c === 'start heartbeat'), 'not started while one network is silent').to.deep.equal([]);
      set('up-192.0.2.12', true); // the second web server answers (the first ping node does not): enough
      await waitFor('Heartbeat started', 10_000, () => calls().includes('start heartbeat'));
      // The public side's router silent but its peer answering: not cut off.
      set('up-198.51.100.1', false);
      set('up-198.51.100.12', true);
      await new Promise((r) => setTimeout(r, 4500));
      expect(calls().filter((c) => c === 'stop heartbeat'), 'stopped once, for the cut').to.have.length(1);
    });
  });
});
