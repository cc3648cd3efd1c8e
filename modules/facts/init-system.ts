// Fact parser: the init system (PID 1's name) and the service manager Ansible would name (systemd when it booted the host).

/** What runs as PID 1 and which service manager the host uses. */
export interface InitSystem {
  /** PID 1's command name (/proc/1/comm): 'systemd', 'init', 'tini'… ('' when unreadable). */
  pid1: string;
  /** 'systemd' when systemd booted the host (/run/systemd/system exists), 'openrc', 'sysvinit', else PID 1's name. */
  serviceManager: string;
}

/** Pure: InitSystem from /proc/1/comm and whether /run/systemd/system and /run/openrc exist. */
export function parseInitSystem(comm: string, systemdBooted: boolean, openrc = false): InitSystem {
  const pid1 = comm.trim();
  let serviceManager = pid1;
  if (systemdBooted || pid1 === 'systemd') serviceManager = 'systemd';
  else if (openrc || pid1 === 'openrc-init') serviceManager = 'openrc';
  else if (pid1 === 'init') serviceManager = 'sysvinit';
  return { pid1, serviceManager };
}
