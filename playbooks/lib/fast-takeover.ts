// Fast takeover: the floating addresses taken the moment Heartbeat decides so, not after its own resource scripts (4.6-7 s on the emulated balancers).
import type { HostVars, Task } from '../../core/index.ts';
import { quoteWord } from '../../core/index.ts';
import { template } from '../../modules/index.ts';
import { FLOATING_IP_PATH, type FloatingAddress } from './floating-ip.ts';
import { respawnedScriptHandler } from './heartbeat-tasks.ts';
import { pickOn } from './tutorial-vars.ts';

/** Where the follower lives. */
export const FAST_TAKEOVER_PATH = '/usr/local/sbin/ha-fast-takeover';

/** Name of the handler that replaces a running follower after its script changed. */
export const RESTART_FAST_TAKEOVER = 'restart ha-fast-takeover';

/** On unless `ha_fast_takeover` is false. */
function on(v: HostVars): boolean {
  return pickOn(v, 'ha_fast_takeover');
}

/** ha.cf's respawn line (as root: it adds addresses), none when it is off. */
export function fastTakeoverRespawn(v: HostVars): string[] {
  return on(v) ? [`root ${FAST_TAKEOVER_PATH}`] : [];
}

/**
 * The follower's script: on "node PEER: is dead", "Received shutdown notice from 'PEER'" and "standby: acquire [...]
 * resources from PEER" in Heartbeat's log, it runs `FloatingIP ADDRESSES start` (idempotent; Heartbeat's own start
 * follows). `peers(v)`: the other nodes. Install before Heartbeat's (re)start: ha.cf names the script.
 */
export function fastTakeoverTasks(peers: (v: HostVars) => string[], addresses: (v: HostVars) => FloatingAddress[]): Task[] {
  return [
    template((v) => ({
      src: 'ha-fast-takeover.ejs', dest: FAST_TAKEOVER_PATH, mode: '0755', owner: 'root', group: 'root',
      vars: {
        peers: peers(v).map((p) => {
          if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(p)) throw new Error(`Heartbeat node name ${JSON.stringify(p)} is not a host name`);
          return p;
        }),
        start: [FLOATING_IP_PATH, ...addresses(v).map((a) => `${a.address}/${a.prefix}/${a.iface}`), 'start'].map(quoteWord).join(' '),
      },
    }), { name: 'ha-fast-takeover: the addresses taken as soon as Heartbeat decides', notify: RESTART_FAST_TAKEOVER, when: on }),
  ];
}

/** The follower's handler: the running copy exits (its trap stops its journalctl) and Heartbeat starts the new script. */
export function fastTakeoverHandlers(): Task[] {
  return [respawnedScriptHandler(RESTART_FAST_TAKEOVER, FAST_TAKEOVER_PATH, '/bin/bash')];
}
