// Tests the ldirectord module: argument errors, the rendered ldirectord.cf, and plan() over recorded facts.
import { expect } from 'chai';
import { ArgsError } from '../../core/errors.ts';
import { prepareArgs } from '../../core/engine/run-module.ts';
import { ldirectord, type LdirectordArgs, type LdirectordFacts } from '../../modules/ldirectord.ts';
import { parseState, pidFileOf, readStateCommand } from '../../modules/ldirectord/read-state.ts';
import { CONFIG_HEADER } from '../../modules/ldirectord/render-config.ts';

/** The tutorial's chapter IV service: wrr 3/1/1, NAT. */
const chapter4 = {
  services: [{
    address: '192.168.56.10', port: 80, scheduler: 'wrr',
    realServers: [
      { address: '192.168.200.11', forwarding: 'masq', weight: 3 },
      { address: '192.168.200.12', forwarding: 'masq', weight: 1 },
      { address: '192.168.200.13', forwarding: 'masq', weight: 1 },
    ],
  }],
};
const CHAPTER4_CF = `${CONFIG_HEADER}
# A real server that fails its check is removed from the IPVS table (quiescent=no) and added back once it answers.
checkinterval=1
checktimeout=1
negotiatetimeout=1
failurecount=1
quiescent=no
autoreload=no
logfile="daemon"

virtual=192.168.56.10:80
\treal=192.168.200.11:80 masq 3
\treal=192.168.200.12:80 masq 1
\treal=192.168.200.13:80 masq 1
\tscheduler=wrr
\tprotocol=tcp
\tservice=http
\tchecktype=negotiate
\trequest="/"
\treceive="<h1>"
`;
const args = (raw: Record<string, unknown>): LdirectordArgs => prepareArgs(ldirectord, raw, {}, { host: 'lb1', task: 't' });
const facts = (over: Partial<LdirectordFacts> = {}): LdirectordFacts => ({
  installed: true, running: true,
  config: { exists: true, path: '/etc/ha.d/ldirectord.cf', mode: 0o644, owner: 'root', group: 'root', content: CHAPTER4_CF },
  ...over,
});

describe('modules/ldirectord', () => {
  describe('arguments', () => {
    const bad: [string, Record<string, unknown>, RegExp][] = [
      ['an unknown scheduler', { services: [{ address: '10.0.0.1', port: 80, scheduler: 'roundrobin' }] }, /field "services\[0\].scheduler"/],
      ['a check interval of 0', { ...chapter4, checkInterval: 0 }, /field "checkInterval": expects a whole number of at least 1/],
      ['a relative request', { ...chapter4, request: 'index.html' }, /field "request"/],
      ['a quote in receive (it would end the value)', { ...chapter4, receive: 'a"b' }, /field "receive"/],
      ['a relative config file', { ...chapter4, configFile: 'ldirectord.cf' }, /field "configFile"/],
      ['an unknown check type', { ...chapter4, checkType: 'ping' }, /field "checkType"/],
    ];
    for (const [what, raw, re] of bad) {
      it(`refuses ${what} with an ArgsError naming host, task and field`, () => {
        expect(() => args(raw)).to.throw(ArgsError, /host lb1, task "t"/);
        expect(() => args(raw)).to.throw(re);
      });
    }
  });

  describe('plan', () => {
    it('renders the tutorial\'s chapter IV table as ldirectord.cf (weights and scheduler as the rules file, an HTTP check of each server)', () => {
      const changes = ldirectord.plan(args({ ...chapter4, receive: '<h1>' }), facts({ running: false, config: { exists: false, path: '/etc/ha.d/ldirectord.cf' } }));
      expect(changes.map((c) => c.summary)).to.deep.equal(['/etc/ha.d/ldirectord.cf: created']);
      expect(changes[0]!.steps).to.deep.equal([{ kind: 'put', path: '/etc/ha.d/ldirectord.cf', content: CHAPTER4_CF, mode: 0o644 }]);
    });
    it('omits an empty receive string (ldirectord refuses one; without it any 2xx answer passes)', () => {
      const text = String(ldirectord.plan(args(chapter4), facts())[0]!.diff!.after);
      expect(text).to.include('\trequest="/"\n').and.not.include('receive=');
    });
    it('changes nothing when the file holds the wanted text (second run)', () => {
      expect(ldirectord.plan(args({ ...chapter4, receive: '<h1>' }), facts())).to.deep.equal([]);
    });
    it('a new real server: writes the file and reloads the running daemon (which adds it to the live table without a flush)', () => {
      const withWeb4 = { services: [{ ...chapter4.services[0], realServers: [...chapter4.services[0]!.realServers, { address: '192.168.200.14', forwarding: 'masq', weight: 1 }] }], receive: '<h1>' };
      const changes = ldirectord.plan(args(withWeb4), facts());
      expect(changes.map((c) => c.summary)).to.deep.equal(['/etc/ha.d/ldirectord.cf: checks updated', 'ldirectord reloaded (it edits the live table in place)']);
      expect(String(changes[0]!.diff!.after)).to.include('\treal=192.168.200.14:80 masq 1\n');
      expect(changes[1]!.steps).to.deep.equal([{ kind: 'run', command: ['/usr/sbin/ldirectord', 'reload'] }]); // the default file: as systemd and Heartbeat start it
    });
    it('does not reload a daemon that is not running (Heartbeat starts it on the active balancer)', () => {
      const changes = ldirectord.plan(args({ ...chapter4, receive: 'Web' }), facts({ running: false }));
      expect(changes.map((c) => c.summary)).to.deep.equal(['/etc/ha.d/ldirectord.cf: checks updated']);
    });
    it('persistence, a connect check and quiescent servers are rendered as ldirectord reads them', () => {
      const svc = { services: [{ ...chapter4.services[0], persistent: 300 }], checkType: 'connect', quiescent: true, checkInterval: 2, checkTimeout: 3, failureCount: 2 };
      const text = String(ldirectord.plan(args(svc), facts())[0]!.diff!.after);
      for (const line of ['checkinterval=2', 'checktimeout=3', 'failurecount=2', 'quiescent=yes', '\tpersistent=300', '\tchecktype=connect']) expect(text.split('\n')).to.include(line);
      expect(text).not.to.include('service=http');
    });
    it('direct routing and tunnels use ldirectord\'s words (gate, ipip)', () => {
      const svc = { services: [{ address: '10.0.0.1', port: 80, realServers: [{ address: '10.0.0.2', forwarding: 'route' }, { address: '10.0.0.3', forwarding: 'tunnel' }] }] };
      const text = String(ldirectord.plan(args(svc), facts())[0]!.diff!.after);
      expect(text).to.include('\treal=10.0.0.2:80 gate 1\n\treal=10.0.0.3:80 ipip 1\n\tscheduler=wlc\n');
    });
    it('a wrong mode alone is fixed without a reload', () => {
      const changes = ldirectord.plan(args({ ...chapter4, receive: '<h1>' }), facts({ config: { ...facts().config, mode: 0o600 } as LdirectordFacts['config'] }));
      expect(changes.map((c) => c.summary)).to.deep.equal(['/etc/ha.d/ldirectord.cf: mode set to 0644']);
    });
  });

  describe('state', () => {
    it('reads installed, running and the file from one script\'s output', () => {
      const cmd = readStateCommand('/etc/ha.d/ldirectord.cf') as { shell: string };
      expect(cmd.shell).to.include('/run/ldirectord.ldirectord.pid');
      const b64 = Buffer.from('checkinterval=1\n').toString('base64');
      const name = Buffer.from('/etc/ha.d/ldirectord.cf').toString('base64');
      const s = parseState({ stdout: `@@tsible-ldirectord yes no\n@@tsible-file ${name} 644:root:root ${b64}\n`, stderr: '', rc: 0 } as never, '/etc/ha.d/ldirectord.cf');
      expect(s).to.deep.include({ installed: true, running: false });
      expect(s.config).to.deep.include({ exists: true, content: 'checkinterval=1\n' });
    });
    it('names the pid file as ldirectord does: ldirectord.ldirectord.pid without a file argument (the default file), else by the file\'s base name', () => {
      expect(pidFileOf('/etc/ha.d/ldirectord.cf')).to.equal('/run/ldirectord.ldirectord.pid');
      expect(pidFileOf('/etc/ldirectord/web.cf')).to.equal('/run/ldirectord.web.cf.pid');
    });
    it('reloads a daemon on another file with that file as argument', () => {
      const changes = ldirectord.plan(args({ ...chapter4, configFile: '/etc/ldirectord/web.cf' }), facts({ config: { exists: false, path: '/etc/ldirectord/web.cf' } }));
      expect(changes[1]!.steps).to.deep.equal([{ kind: 'run', command: ['/usr/sbin/ldirectord', '/etc/ldirectord/web.cf', 'reload'] }]);
    });
  });
});
