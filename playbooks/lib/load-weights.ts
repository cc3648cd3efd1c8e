// Load-aware weights (off by default, `lvs_load_weights=true`): a daemon on each balancer moves each real server's live IPVS weight with its Apache's busy workers.
import type { HostVars, Task } from '../../core/index.ts';
import { apt, command, copy, file, service, template } from '../../modules/index.ts';
import { daemonUnit } from './daemon-unit.ts';
import { rulesOf, type LvsOptions } from './lvs-tasks.ts';
import { internalIface, loadWeightsOn, pick, pickNumber } from './tutorial-vars.ts';

/** Where the daemon lives. */
export const LOAD_WEIGHTS_PATH = '/usr/local/sbin/lvs-load-weights';
const UNIT_PATH = '/etc/systemd/system/lvs-load-weights.service';
/** Apache's configuration letting the balancers read /server-status. */
const STATUS_CONF = 'lvs-load-status.conf';

const RESTART_DAEMON = 'restart lvs-load-weights';
const RELOAD_APACHE = 'reload apache2 (status access)';
const RELOAD_UNITS = 'reload systemd units (lvs-load-weights)';

/**
 * The weight a server gets for `scale` × its declared weight when idle, divided by 1 + its busy workers (the status
 * request itself not counted), at least 1: an idle server keeps the declared proportions (wrr 3/1/1 → 30/10/10).
 */
export const WEIGHT_SCALE = 10;

const UNIT = daemonUnit({
  name: 'lvs-load-weights', purpose: "each real server's IPVS weight follows its load",
  description: "LVS load-aware weights (real servers' weights from their Apache busy workers)", execStart: LOAD_WEIGHTS_PATH, after: 'ipvsadm.service', restartSec: 2,
});

/** Whether a registered task result reports a change. */
function changed(result: unknown): boolean {
  return (result as { changed?: boolean } | undefined)?.changed === true;
}

/** The daemon's list: `VIP:PORT RIP:PORT declared-weight` per real server, each word checked (the script is root's). */
function daemonServers(v: HostVars, o: LvsOptions): { service: string; server: string; weight: number }[] {
  const vs = rulesOf(v, o);
  const word = (w: string): string => {
    if (!/^[A-Za-z0-9][A-Za-z0-9.:-]*$/.test(w)) throw new Error(`lvs_load_weights: ${JSON.stringify(w)} is not an address:port`);
    return w;
  };
  return vs.realServers.map((r) => ({ service: word(`${vs.address}:${vs.port}`), server: word(`${r.address}:${r.port}`), weight: Math.trunc(Number(r.weight)) }));
}

/**
 * The balancer's side: curl, the daemon and its unit, running and enabled when `lvs_load_weights` is on; stopped and
 * removed when it is off (the ipvsadm task then sets the declared weights back). Every `lvs_load_interval` s (default
 * 2) the daemon reads each real server's `BusyWorkers` from Apache's mod_status (`/server-status?auto`) and sets its
 * live weight to WEIGHT_SCALE (10) × the declared weight ÷ (1 + busy workers), rounded, at least 1. A server the
 * checker (ldirectord) removed or quiesced (weight 0) is left to it: the daemon only edits live entries (ipvsadm -e),
 * and ldirectord sets a weight only when a server comes back. The ipvsadm task keeps the live weights (liveWeights:
 * kept), so a second run changes nothing.
 */
export function loadWeightsTasks(o: LvsOptions): Task[] {
  const on = loadWeightsOn;
  const off = (v: HostVars) => !loadWeightsOn(v);
  const wasOn = (v: HostVars) => off(v) && changed(v.lvs_load_weights_stopped);
  return [
    apt({ name: ['curl'], state: 'present', updateCache: true, cacheValidTime: 3600, installRecommends: false }, { name: 'curl is installed (load-aware weights)', when: on }),
    template((v) => ({
      src: 'lvs-load-weights.ejs', dest: LOAD_WEIGHTS_PATH, mode: '0755', owner: 'root', group: 'root',
      vars: {
        interval: pickNumber(v, 'lvs_load_interval', 2),
        scale: WEIGHT_SCALE,
        servers: daemonServers(v, o),
      },
    }), { name: 'Load-aware weights: the daemon that moves each real server\'s weight with its load', notify: RESTART_DAEMON, when: on }),
    copy({ content: UNIT, dest: UNIT_PATH, mode: '0644', owner: 'root', group: 'root' },
      { name: 'Load-aware weights: the unit', notify: [RELOAD_UNITS, RESTART_DAEMON], when: on }),
    service({ name: 'lvs-load-weights', state: 'started', enabled: true }, { name: 'Load-aware weights: the daemon runs and starts at boot', when: on }),
    // Off, the usual case: one question (is the unit there?) on every run; the files go only where it was.
    command({ argv: ['systemctl', 'disable', '--now', 'lvs-load-weights'], removes: UNIT_PATH }, { name: 'Load-aware weights off: the daemon stops', register: 'lvs_load_weights_stopped', when: off }),
    file({ path: UNIT_PATH, state: 'absent' }, { name: 'Load-aware weights off: no unit', notify: RELOAD_UNITS, when: wasOn }),
    file({ path: LOAD_WEIGHTS_PATH, state: 'absent' }, { name: 'Load-aware weights off: no daemon', when: wasOn }),
  ];
}

/** Handlers of loadWeightsTasks() (balancers). */
export function loadWeightsHandlers(): Task[] {
  return [
    command({ argv: ['systemctl', 'daemon-reload'] }, { name: RELOAD_UNITS }),
    service({ name: 'lvs-load-weights', state: 'restarted' }, { name: RESTART_DAEMON, when: loadWeightsOn }),
  ];
}

/**
 * Who may read /server-status: `lvs_status_allow`, else the network of the web server's internal interface, where
 * the balancers are (NAT), as its address and prefix (`Require ip 192.168.200.11/24` allows 192.168.200.0/24).
 */
function statusAllow(v: HostVars): string {
  const given = pick<unknown>(v, 'lvs_status_allow', '');
  if (given) {
    if (!/^[0-9A-Fa-f.:/ ]+$/.test(String(given))) throw new Error(`lvs_status_allow: ${JSON.stringify(given)} is not a list of addresses or networks (Apache's Require ip)`);
    return String(given);
  }
  const m = /\binet (\d+\.\d+\.\d+\.\d+\/\d+)/.exec(String((v.lvs_internal_address as { stdout?: string } | undefined)?.stdout ?? ''));
  if (!m) throw new Error(`lvs_load_weights: set lvs_status_allow (who may read /server-status) for ${String(v.inventory_hostname)}: its internal interface has no IPv4 address`);
  return m[1]!;
}

/** The web server's side: mod_status on, /server-status readable from the balancers' network, when `lvs_load_weights` is on; that access removed when off. */
export function loadStatusTasks(): Task[] {
  const on = loadWeightsOn;
  const off = (v: HostVars) => !loadWeightsOn(v);
  const available = `/etc/apache2/conf-available/${STATUS_CONF}`;
  const enabled = `/etc/apache2/conf-enabled/${STATUS_CONF}`;
  return [
    command((v) => ({ argv: ['ip', '-o', '-4', 'addr', 'show', 'dev', internalIface(v)] }), {
      name: 'Load-aware weights: read the internal address (who may read /server-status)', register: 'lvs_internal_address',
      checkMode: false, changedWhen: () => false, when: (v) => on(v) && !pick<unknown>(v, 'lvs_status_allow', ''),
    }),
    command({ argv: ['a2enmod', '-q', 'status'], creates: '/etc/apache2/mods-enabled/status.load' }, { name: 'Load-aware weights: mod_status is on', notify: RELOAD_APACHE, when: on }),
    copy((v) => ({
      dest: available, mode: '0644', owner: 'root', group: 'root',
      content: [
        '# Written by tsible: the balancers read this server\'s busy workers here (load-aware weights, lvs_load_weights).',
        '<Location "/server-status">',
        '    Require local',
        `    Require ip ${statusAllow(v)}`,
        '</Location>',
        '',
      ].join('\n'),
    }), { name: 'Load-aware weights: the balancers may read /server-status', notify: RELOAD_APACHE, when: on }),
    file({ path: enabled, src: `../conf-available/${STATUS_CONF}`, state: 'link' }, { name: 'Load-aware weights: that access is enabled', notify: RELOAD_APACHE, when: on }),
    file({ path: enabled, state: 'absent' }, { name: 'Load-aware weights off: no status access for the balancers', notify: RELOAD_APACHE, register: 'lvs_status_closed', when: off }),
    file({ path: available, state: 'absent' }, {
      name: 'Load-aware weights off: no status access file', when: (v) => off(v) && changed(v.lvs_status_closed),
    }),
  ];
}

/** Handlers of loadStatusTasks() (web servers). */
export function loadStatusHandlers(): Task[] {
  return [service({ name: 'apache2', state: 'reloaded' }, { name: RELOAD_APACHE })];
}
