// The Heartbeat (v1, haresources mode) tasks shared by chapters I and IV: package, the three files, the service, the VIP.
import type { HostVars, Task, TaskOptions } from '../../core/index.ts';
import { flushHandlers, type FlushHandlers } from '../../core/index.ts';
import { apt, command, file, service, template } from '../../modules/index.ts';
import { TUTORIAL, haIfaces, haNodes, haPrimary, heartbeatKey, holdsAddress, pickNumber, ranForReal } from './tutorial-vars.ts';

/** What differs between chapter I and chapter IV. */
export interface HeartbeatOptions {
  /** The inventory group of the Heartbeat nodes (when no `ha_nodes` is set). */
  group: string;
  /** haresources' resources after the preferred node, e.g. `IPaddr::192.168.56.10/24/enp0s3 apache2`. */
  resources: (v: HostVars) => string[];
  /** The floating addresses the preferred node must hold once Heartbeat runs. */
  floating: (v: HostVars) => string[];
  /** Programs Heartbeat runs and keeps running while it runs (ha.cf `respawn USER PROGRAM` lines). */
  respawn?: (v: HostVars) => string[];
}

/** Name of the handler that restarts Heartbeat after a configuration change. */
export const RESTART_HEARTBEAT = 'restart heartbeat';

/** Name of the handler that makes systemd read the changed unit files (before Heartbeat's restart). */
export const RELOAD_UNITS = 'reload systemd units';

/** `IPaddr::ADDRESS/PREFIX/IFACE`: the interface goes inside the IPaddr argument, never as a separate resource. */
export function ipaddrResource(address: string, prefix: number, iface: string): string {
  return `IPaddr::${address}/${prefix}/${iface}`;
}

/** Heartbeat installed and configured (ha.cf, authkeys, haresources); the files notify the restart handler. */
export function heartbeatConfigTasks(o: HeartbeatOptions): Task[] {
  const notify = RESTART_HEARTBEAT;
  return [
    // Without its recommends: they pull in Pacemaker and Corosync (a different cluster stack) and a Google
    // API client, none of which Heartbeat v1's haresources mode uses. But the IPaddr resource script the
    // document's haresources names runs `ifconfig`, which no dependency brings: without net-tools
    // Heartbeat logs "couldn't find command: ifconfig", gives the group up and no node ever holds the
    // floating address (seen on a fresh lab).
    apt({ name: ['heartbeat', 'net-tools'], state: 'present', updateCache: true, cacheValidTime: 3600, installRecommends: false }, { name: 'Heartbeat and the ifconfig its IPaddr script runs are installed' }),
    // Heartbeat resolves a healed split brain by giving up everything and re-exec'ing itself without -f, on both
    // nodes; under Debian's unit (Type=simple, `heartbeat -f`) systemd then takes the daemonized copy for a dead
    // service and stops it: a cable plugged back left no node holding the addresses, for good (seen on the lab).
    // heartbeat-run stays the unit's main process and follows Heartbeat through its restarts.
    template({ src: 'heartbeat-run.ejs', dest: '/usr/local/sbin/heartbeat-run', mode: '0755', owner: 'root', group: 'root' },
      { name: 'heartbeat-run: systemd follows Heartbeat through its own restarts', notify: [RELOAD_UNITS, notify] }),
    file({ path: '/etc/systemd/system/heartbeat.service.d', state: 'directory', mode: '0755', owner: 'root', group: 'root' }, { name: 'Heartbeat\'s drop-in folder' }),
    template({ src: 'heartbeat-run.conf.ejs', dest: '/etc/systemd/system/heartbeat.service.d/tsible-run.conf', mode: '0644', owner: 'root', group: 'root' },
      { name: 'Heartbeat\'s unit runs it (a drop-in)', notify: [RELOAD_UNITS, notify] }),
    template((v) => {
      const deadtime = pickNumber(v, 'heartbeat_deadtime', TUTORIAL.heartbeatDeadtime);
      return {
        src: 'ha.cf.ejs', dest: '/etc/ha.d/ha.cf', mode: '0644', owner: 'root', group: 'root',
        vars: {
          ifaces: haIfaces(v), deadtime, keepalive: pickNumber(v, 'heartbeat_keepalive', TUTORIAL.heartbeatKeepalive),
          initdead: pickNumber(v, 'heartbeat_initdead', Math.max(10, 2 * deadtime)),
          autoFailback: String(v.heartbeat_auto_failback ?? 'on') !== 'off',
          nodes: haNodes(v, o.group),
          respawn: o.respawn?.(v) ?? [],
        },
      };
    }, { name: '/etc/ha.d/ha.cf', notify }),
    // The document writes `auth1` (Heartbeat reads `auth 1`: the key index to use) and an md5 key;
    // sha1 is the strongest method Heartbeat 3 accepts. Heartbeat refuses to start unless the file is
    // 0600: the mode is set from the first byte. The key is a Secret: never in this file, never printed.
    template((v) => ({
      src: 'authkeys.ejs', dest: '/etc/ha.d/authkeys', mode: '0600', owner: 'root', group: 'root',
      vars: { key: heartbeatKey(v) },
    }), { name: '/etc/ha.d/authkeys (sha1, mode 0600)', notify }),
    template((v) => ({
      src: 'haresources.ejs', dest: '/etc/ha.d/haresources', mode: '0644', owner: 'root', group: 'root',
      vars: { primary: haPrimary(v, o.group), resources: o.resources(v) },
    }), { name: '/etc/ha.d/haresources (identical on every node)', notify }),
  ];
}

/**
 * Pending restarts first, then Heartbeat running and enabled; then the preferred node holds the floating
 * addresses (Heartbeat waits `initdead` at start-up, then takes the resources). The restart comes first so
 * that a first run starts Heartbeat once: a start followed seconds later by a restart, on both nodes, makes them trade the resources mid-takeover (seen on the lab).
 */
export function heartbeatRunTasks(o: HeartbeatOptions): (Task | FlushHandlers)[] {
  return [
    flushHandlers,
    service({ name: 'heartbeat', state: 'started', enabled: true }, { name: 'Heartbeat is running and starts at boot' }),
    waitOnPreferredNode(o, ['ip', '-o', '-4', 'addr', 'show'], { name: 'The preferred node holds the floating addresses', register: 'ha_addresses' },
      (out, v) => o.floating(v).every((a) => holdsAddress({ stdout: out }, a))),
  ];
}

/**
 * The handler that replaces a program Heartbeat runs (ha.cf `respawn`) after its script changed: the running copy
 * exits and Heartbeat starts the new script at once. Nothing to do (and no failure) where none runs.
 */
export function respawnedScriptHandler(name: string, path: string, interpreter = '/bin/sh'): Task {
  return command({ argv: ['pkill', '-f', `^${interpreter} ${path}$`] }, { name, failedWhen: (r) => Number(r.rc) > 1 });
}

/** The restart handler (listen: RESTART_HEARTBEAT). */
export function heartbeatHandlers(): Task[] {
  return [
    command({ argv: ['systemctl', 'daemon-reload'] }, { name: RELOAD_UNITS }),
    service({ name: 'heartbeat', state: 'restarted' }, { name: RESTART_HEARTBEAT }),
  ];
}

/**
 * On the preferred node, runs `argv` every second (up to a minute) until `done` says its output shows what
 * Heartbeat was to do. In check mode nothing started, so nothing is awaited.
 */
function waitOnPreferredNode(o: HeartbeatOptions, argv: string[], options: TaskOptions, done: (stdout: string, v: HostVars) => boolean): Task {
  return command({ argv }, {
    ...options,
    changedWhen: () => false,
    when: (v) => v.inventory_hostname === haPrimary(v, o.group),
    retries: 60,
    delay: 1,
    until: (r, v) => !ranForReal(r) || done(String(r.stdout ?? ''), v),
  });
}

/** Reads the host's addresses (also in check mode) into `register`, to know which node is active. */
export function readAddresses(register: string): Task {
  return command({ argv: ['ip', '-o', '-4', 'addr', 'show'] }, {
    name: 'Which node holds the floating addresses now', register, checkMode: false, changedWhen: () => false,
  });
}
