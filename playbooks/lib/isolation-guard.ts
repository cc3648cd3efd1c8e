// The isolation guard: Heartbeat stops on a node that reaches none of its ping nodes and starts again when one answers, so a healed cable cut is no split brain.
import type { HostVars, Task } from '../../core/index.ts';
import { apt, copy, service, template } from '../../modules/index.ts';
import { RELOAD_UNITS } from './heartbeat-tasks.ts';
import { pickList, pickNumber, pickOn, TUTORIAL } from './tutorial-vars.ts';

/** Where the guard lives. */
export const GUARD_PATH = '/usr/local/sbin/ha-isolation-guard';

/** Name of the handler that restarts the guard after its script or unit changed. */
export const RESTART_GUARD = 'restart ha-isolation-guard';

const UNIT = `# ha-isolation-guard: stops Heartbeat while this node reaches none of its ping nodes. Written by tsible.
[Unit]
Description=Heartbeat isolation guard (stops Heartbeat on a node cut off from its network)
After=network-online.target heartbeat.service
Wants=network-online.target

[Service]
ExecStart=${GUARD_PATH}
Restart=always
RestartSec=1

[Install]
WantedBy=multi-user.target
`;

/**
 * The addresses whose answers prove this node is not cut off: `heartbeat_ping_nodes` (say, the router), else the
 * real servers' addresses `realServers(v)` gives (a balancer without them serves nothing). Never the peer alone: a node that
 * only pings its peer cannot tell a dead peer (it must take over) from its own cut cables (it must step back).
 */
export function pingNodes(v: HostVars, realServers: (v: HostVars) => string[]): string[] {
  const given = pickList(v, 'heartbeat_ping_nodes', []);
  const nodes = given.length ? given : realServers(v);
  for (const n of nodes) {
    if (!/^[A-Za-z0-9][A-Za-z0-9.:-]*$/.test(n)) throw new Error(`heartbeat_ping_nodes: ${JSON.stringify(n)} is not an address or host name`);
  }
  return nodes;
}

/** On unless `heartbeat_isolation_guard` is false, and only where there are ping nodes. */
function guarded(v: HostVars, realServers: (v: HostVars) => string[]): boolean {
  return pickOn(v, 'heartbeat_isolation_guard') && pingNodes(v, realServers).length > 0;
}

/**
 * ping, the guard's script and its unit, running and enabled. `realServers`: the addresses whose answers show the
 * node can still serve (chapter IV: the web servers'). The guard waits Heartbeat's deadtime before it steps back: a
 * shorter silence is no failover either.
 */
export function isolationGuardTasks(realServers: (v: HostVars) => string[]): Task[] {
  const when = (v: HostVars) => guarded(v, realServers);
  return [
    apt({ name: ['iputils-ping'], state: 'present', updateCache: true, cacheValidTime: 3600, installRecommends: false }, { name: 'ping is installed', when }),
    template((v) => ({
      src: 'ha-isolation-guard.ejs', dest: GUARD_PATH, mode: '0755', owner: 'root', group: 'root',
      vars: { targets: pingNodes(v, realServers), limit: pickNumber(v, 'heartbeat_deadtime', TUTORIAL.heartbeatDeadtime) },
    }), { name: 'The isolation guard: Heartbeat steps back on a node cut off from its ping nodes', notify: RESTART_GUARD, when }),
    copy({ content: UNIT, dest: '/etc/systemd/system/ha-isolation-guard.service', mode: '0644', owner: 'root', group: 'root' },
      { name: 'The isolation guard\'s unit', notify: [RELOAD_UNITS, RESTART_GUARD], when }),
    service({ name: 'ha-isolation-guard', state: 'started', enabled: true }, { name: 'The isolation guard runs and starts at boot', when }),
  ];
}

/** The guard's restart handler (after the units were reloaded). */
export function isolationGuardHandlers(): Task[] {
  return [service({ name: 'ha-isolation-guard', state: 'restarted' }, { name: RESTART_GUARD })];
}
