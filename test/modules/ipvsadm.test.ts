// Tests the ipvsadm module: argument errors, and plan() over facts built from real lab recordings.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArgsError } from '../../core/errors.ts';
import { prepareArgs } from '../../core/engine/run-module.ts';
import { LocalTransport } from '../../core/transport/local.ts';
import { ipvsadm, type IpvsadmArgs, type IpvsadmFacts } from '../../modules/ipvsadm.ts';
import { parseRules } from '../../modules/ipvsadm/parse-rules.ts';
import { parseState, readStateCommand } from '../../modules/ipvsadm/read-state.ts';
import { RULES_HEADER } from '../../modules/ipvsadm/render-rules.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/modules/ipvsadm/${name}`, import.meta.url), 'utf8');
/** The tutorial's chapter II service. */
const chapter2 = {
  services: [{
    protocol: 'tcp' as const, address: '192.168.56.10', port: 80, scheduler: 'rr',
    realServers: [{ address: '192.168.200.11', forwarding: 'masq' as const }, { address: '192.168.200.12', forwarding: 'masq' as const }],
  }],
};
const CHAPTER2_RULES = `${RULES_HEADER}\n-A -t 192.168.56.10:80 -s rr\n-a -t 192.168.56.10:80 -r 192.168.200.11:80 -m -w 1\n-a -t 192.168.56.10:80 -r 192.168.200.12:80 -m -w 1\n`;
const args = (raw: Record<string, unknown>): IpvsadmArgs => prepareArgs(ipvsadm, raw, {}, { host: 'lb', task: 't' });
const facts = (over: Partial<IpvsadmFacts> = {}): IpvsadmFacts => ({
  live: [], liveText: '', daemons: [],
  rulesFile: { exists: true, path: '/etc/ipvsadm.rules', mode: 0o644, owner: 'root', group: 'root', content: fixture('debian-ipvsadm.rules') },
  ...over,
});

describe('modules/ipvsadm', () => {
  describe('arguments', () => {
    const bad: [string, Record<string, unknown>, RegExp][] = [
      ['an unknown scheduler', { services: [{ address: '10.0.0.1', port: 80, scheduler: 'roundrobin' }] }, /field "services\[0\].scheduler": unknown scheduler "roundrobin"/],
      ['a host name as address', { services: [{ address: 'www.example.com', port: 80 }] }, /field "services\[0\].address": expects a numeric IPv4 or IPv6 address/],
      ['a port out of range', { services: [{ address: '10.0.0.1', port: 70000 }] }, /field "services\[0\].port"/],
      ['a negative weight', { services: [{ address: '10.0.0.1', port: 80, realServers: [{ address: '10.0.0.2', weight: -1 }] }] }, /field "services\[0\].realServers\[0\].weight"/],
      ['direct routing to another port', { services: [{ address: '10.0.0.1', port: 80, realServers: [{ address: '10.0.0.2', port: 8080, forwarding: 'route' }] }] }, /realServers\[0\].port": route forwarding keeps the service's port 80/],
      ['a forwarding typo', { services: [{ address: '10.0.0.1', port: 80, realServers: [{ address: '10.0.0.2', forwarding: 'nat' }] }] }, /realServers\[0\].forwarding": expects masq, route or tunnel/],
      ['a service declared twice', { services: [{ address: '10.0.0.1', port: 80 }, { address: '10.0.0.1', port: 80, scheduler: 'rr' }] }, /field "services\[1\]": virtual service -t 10.0.0.1:80 is declared twice/],
      ['a real server declared twice', { services: [{ address: '10.0.0.1', port: 80, realServers: [{ address: '10.0.0.2' }, { address: '10.0.0.2', weight: 2 }] }] }, /realServers\[1\]": real server 10.0.0.2:80 is declared twice/],
      ['an unknown service field', { services: [{ address: '10.0.0.1', port: 80, sched: 'rr' }] }, /field "services\[0\].sched": unknown field/],
      ['netmask without persistence', { services: [{ address: '10.0.0.1', port: 80, netmask: '255.255.255.0' }] }, /netmask": .*needs persistent/],
      ['one-packet scheduling on TCP', { services: [{ address: '10.0.0.1', port: 80, ops: true }] }, /ops": one-packet scheduling is only for UDP/],
      ['port 0 without persistence', { services: [{ address: '10.0.0.1', port: 0 }] }, /field "services\[0\].port": port 0 \(all ports\) needs persistent/],
      ['services not a list', { services: 'x' }, /field "services": expects a list/],
      ['no services', {}, /field "services": module ipvsadm requires this argument/],
      ['a relative rules file', { services: [], rulesFile: 'ipvsadm.rules' }, /field "rulesFile": expects an absolute path/],
      ['nothing to manage', { services: [], live: false, persist: false }, /field "live": .*nothing to manage/],
      ['a bad defaults setting', { services: [], defaults: { iface: '$(reboot)' } }, /field "defaults.iface"/],
    ];
    for (const [what, raw, re] of bad) {
      it(`refuses ${what} with an ArgsError naming host, task and field`, () => {
        expect(() => args(raw)).to.throw(ArgsError, /host lb, task "t"/);
        expect(() => args(raw)).to.throw(re);
      });
    }
    it('accepts services as JSON text (ad hoc -a), and says so when the JSON is broken', () => {
      expect(() => args({ services: '[{"address":"10.0.0.1","port":80,"real_servers":[{"address":"10.0.0.2","forwarding":"masq"}]}]' })).to.not.throw();
      expect(() => args({ services: '[{address:1}]' })).to.throw(/field "services": expects a list of virtual services \(JSON on the command line\)/);
    });
    it('accepts snake_case aliases and ad hoc strings for the flags', () => {
      const a = args({ services: [], rules_file: '/tmp/x.rules', purge: 'yes', live: 'no' });
      expect(a).to.include({ rulesFile: '/tmp/x.rules', purge: true, live: false, persist: true, defaultsFile: '/etc/default/ipvsadm' });
    });
  });

  describe('plan', () => {
    it('on a fresh balancer: one ipvsadm -R batch (never -C) and the rules file in ipvsadm -R format, with diffs', () => {
      const changes = ipvsadm.plan(args(chapter2), facts());
      expect(changes).to.have.length(2);
      const [live, file] = changes;
      expect(live!.summary).to.equal('IPVS table: 3 edits (-A -t 192.168.56.10:80 -s rr; -a -t 192.168.56.10:80 -r 192.168.200.11:80 -m -w 1; -a -t 192.168.56.10:80 -r 192.168.200.12:80 -m -w 1)');
      expect(live!.steps).to.have.length(1);
      const step = live!.steps[0]!;
      expect(step.kind).to.equal('run');
      if (step.kind !== 'run') return;
      expect(step.stdin).to.equal('-A -t 192.168.56.10:80 -s rr\n-a -t 192.168.56.10:80 -r 192.168.200.11:80 -m -w 1\n-a -t 192.168.56.10:80 -r 192.168.200.12:80 -m -w 1\n');
      expect(JSON.stringify(step.command)).to.include('ipvsadm -R').and.not.match(/-C\b|--clear/);
      expect(live!.diff).to.deep.equal({ path: 'IPVS table (ipvsadm -Sn)', before: '', after: step.stdin });
      expect(file!.summary).to.equal('/etc/ipvsadm.rules: rules updated');
      expect(file!.diff).to.deep.equal({ path: '/etc/ipvsadm.rules', before: '# emtpy rules file for ipvsadm\n', after: CHAPTER2_RULES });
      expect(file!.steps).to.deep.equal([{ kind: 'put', path: '/etc/ipvsadm.rules', content: CHAPTER2_RULES, mode: 0o644 }]);
    });

    it('the rules file it writes is what ipvsadm -Sn prints for the same table, plus the header comment', () => {
      const four = { services: [{ address: '10.99.0.1', port: 80, scheduler: 'wrr', realServers: [11, 12, 13].map((n, i) => ({ address: `192.168.200.${n}`, forwarding: 'masq', weight: i ? 1 : 3 })) }, { address: '10.99.0.2', port: 443, scheduler: 'rr', persistent: 300, realServers: [{ address: '192.168.200.11', forwarding: 'masq' }] }] };
      const file = ipvsadm.plan(args({ ...four, live: false }), facts()).find((c) => c.diff?.path === '/etc/ipvsadm.rules')!;
      expect(file.diff!.after).to.equal(`${RULES_HEADER}\n${fixture('chapter4.txt')}`);
    });

    it('converged: live table and file match → no change', () => {
      const table = parseRules(CHAPTER2_RULES).table;
      expect(ipvsadm.plan(args(chapter2), facts({ live: table, liveText: 'x', rulesFile: { ...facts().rulesFile, content: CHAPTER2_RULES } as never }))).to.deep.equal([]);
    });

    it('check mode before apt installed ipvsadm: says so, plans the whole table instead of failing', () => {
      const [live] = ipvsadm.plan(args(chapter2), facts({ live: 'not-installed', rulesFile: { exists: false, path: '/etc/ipvsadm.rules' } }));
      expect(live!.summary).to.match(/^ipvsadm not installed yet: IPVS table: 3 edits/);
    });

    it('live: false writes the files only (Heartbeat loads the table on the active balancer)', () => {
      const changes = ipvsadm.plan(args({ ...chapter2, live: false }), facts({ live: 'not-read', rulesFile: { exists: false, path: '/etc/ipvsadm.rules' } }));
      expect(changes.map((c) => c.summary)).to.deep.equal(['/etc/ipvsadm.rules: created']);
    });

    it('without purge the file keeps services it does not declare; with purge it holds only the declared ones', () => {
      const other = `# by hand\nipvsadm -A -t 10.1.1.1:25 -s rr\n`;
      const f = facts({ live: 'not-read', rulesFile: { ...facts().rulesFile, content: other } as never });
      const kept = ipvsadm.plan(args({ ...chapter2, live: false }), f)[0]!.diff!.after;
      expect(kept).to.equal(`${RULES_HEADER}\n-A -t 10.1.1.1:25 -s rr\n${CHAPTER2_RULES.split('\n').slice(1).join('\n')}`);
      const purged = ipvsadm.plan(args({ ...chapter2, live: false, purge: true }), f)[0]!.diff!.after;
      expect(purged).to.equal(CHAPTER2_RULES);
    });

    it('defaults: edits /etc/default/ipvsadm in place with a diff; already set → no change', () => {
      const d = { exists: true as const, path: '/etc/default/ipvsadm', mode: 0o644, owner: 'root', group: 'root', content: fixture('debian-default-ipvsadm') };
      const a = args({ services: [], persist: false, live: false, defaults: { auto: true, daemon: 'none', iface: 'enp0s3' } });
      const [c] = ipvsadm.plan(a, facts({ defaultsFile: d }));
      expect(c!.summary).to.equal('/etc/default/ipvsadm: settings updated');
      expect(c!.diff!.after).to.include('AUTO="true"').and.include('IFACE="enp0s3"').and.include('# SYNCID="0"');
      expect(ipvsadm.plan(a, facts({ defaultsFile: { ...d, content: c!.diff!.after } }))).to.deep.equal([]);
    });

    it('defaults with live: the running sync daemons follow DAEMON/IFACE/SYNCID now (start the missing, stop the others); live false leaves them', () => {
      const d = { exists: true as const, path: '/etc/default/ipvsadm', mode: 0o644, owner: 'root', group: 'root', content: 'AUTO="true"\nDAEMON="both"\nIFACE="enp0s3"\n' };
      const both = args({ services: [], persist: false, defaults: { auto: true, daemon: 'both', iface: 'enp0s3' } });
      const none = facts({ defaultsFile: d });
      const [c] = ipvsadm.plan(both, none);
      expect(c!.summary).to.equal('sync daemons: start the master sync daemon (enp0s3, syncid 0); start the backup sync daemon (enp0s3, syncid 0)');
      expect(c!.steps.map((st) => st.kind === 'run' && 'shell' in st.command ? st.command.shell : '')).to.deep.equal([
        'PATH="$PATH:/usr/sbin:/sbin" ipvsadm --start-daemon master --mcast-interface enp0s3 --syncid 0',
        'PATH="$PATH:/usr/sbin:/sbin" ipvsadm --start-daemon backup --mcast-interface enp0s3 --syncid 0',
      ]);
      const running = facts({ defaultsFile: d, daemons: [{ role: 'master', iface: 'enp0s3', syncid: 0 }, { role: 'backup', iface: 'enp0s3', syncid: 0 }] });
      expect(ipvsadm.plan(both, running), 'both running as wanted').to.deep.equal([]);
      const master = args({ services: [], persist: false, defaults: { daemon: 'master' } });
      const [m] = ipvsadm.plan(master, running).filter((x) => x.summary.startsWith('sync daemons'));
      expect(m!.summary).to.equal('sync daemons: stop the backup sync daemon (enp0s3, syncid 0)');
      const onOtherIface = facts({ defaultsFile: d, daemons: [{ role: 'master', iface: 'eth0', syncid: 0 }] });
      const [o] = ipvsadm.plan(master, onOtherIface).filter((x) => x.summary.startsWith('sync daemons'));
      expect(o!.summary, 'IFACE from the file when the task gives none').to.equal('sync daemons: stop the master sync daemon (eth0, syncid 0); start the master sync daemon (enp0s3, syncid 0)');
      expect(ipvsadm.plan(args({ services: [], persist: false, live: false, defaults: { auto: true, daemon: 'both', iface: 'enp0s3' } }), none)).to.deep.equal([]);
    });
  });

  describe('reading the host (local transport, real files, no ipvsadm needed with live false)', () => {
    let dir: string;
    before(() => { dir = mkdtempSync(join(tmpdir(), 'tsible-ipvsadm-')); });
    after(() => rmSync(dir, { recursive: true, force: true }));
    it('reads both files in one command, absent ones as absent', async () => {
      const rules = join(dir, 'ipvsadm.rules');
      writeFileSync(rules, CHAPTER2_RULES, { mode: 0o600 });
      const t = new LocalTransport('control', { commandTimeoutMs: 10_000 });
      const missing = join(dir, 'no such default');
      const r = await t.run(readStateCommand(false, [rules, missing]));
      const state = parseState(r, false, rules, missing);
      expect(state.live).to.equal('not-read');
      expect(state.rulesFile).to.include({ exists: true, content: CHAPTER2_RULES, mode: 0o600 });
      expect(state.defaultsFile).to.deep.equal({ exists: false, path: missing });
      await t.close();
    });
  });
});
