// Fact: a service's init system, existence, running and enabled state, read in one round trip.
import { FactError } from '../../core/errors.ts';
import type { FactDefinition } from '../../core/facts.ts';
import { quoteWord } from '../../core/quote.ts';

/** How a service is managed on the host: systemd as PID 1 (/run/systemd/system), or SysV scripts and update-rc.d. */
export type InitSystem = 'systemd' | 'sysv';

/** A service as the host's init system sees it. */
export interface ServiceStatus {
  init: InitSystem;
  /** The unit (systemd: apache2.service) or init script name (SysV: apache2). */
  unit: string;
  /** The unit is known (systemd LoadState loaded or masked) / the init script exists. */
  exists: boolean;
  /** Running (systemd ActiveState active, reloading or activating; SysV `status` exit 0; false when SysV's status was not read). */
  active: boolean;
  /** Starts at boot (systemctl is-enabled exit 0; SysV: an S link in /etc/rc[2-5].d). */
  enabled: boolean;
  /** Raw states for messages: LoadState, ActiveState, SubState, UnitFileState, is-enabled (systemd); status code (SysV). */
  detail: Record<string, string>;
  /** systemd: the unit supports reload (CanReload=yes). SysV: unknown, assumed. */
  canReload: boolean;
}

const UNIT_SUFFIX = /\.(service|socket|timer|target|path|mount|automount|swap|slice|scope)$/;

/** The systemd unit for a service name: `apache2` → `apache2.service`; names with a unit suffix are kept. */
export function unitName(name: string): string {
  return UNIT_SUFFIX.test(name) ? name : `${name}.service`;
}

/**
 * The script run on the host: detects the init system and reads the service's state (read-only).
 * `running: false` (only the boot setting is wanted) skips SysV's `/etc/init.d/NAME status`, a script of its
 * own on the host; systemd answers both in one `systemctl show` anyway.
 */
export function serviceStatusScript(name: string, opts: { running?: boolean } = {}): string {
  const unit = quoteWord(unitName(name));
  const script = quoteWord(name.replace(/\.service$/, ''));
  return [
    'if [ -d /run/systemd/system ]; then',
    '  echo "@@init systemd"',
    `  systemctl show -p Id -p LoadState -p ActiveState -p SubState -p UnitFileState -p CanReload -- ${unit}`,
    `  e=$(systemctl is-enabled -- ${unit} 2>/dev/null); echo "@@is-enabled $? $e"`,
    'else',
    '  echo "@@init sysv"',
    opts.running === false
      ? `  if [ -x /etc/init.d/${script} ]; then echo "@@status unread"; else echo "@@status missing"; fi`
      : `  if [ -x /etc/init.d/${script} ]; then /etc/init.d/${script} status >/dev/null 2>&1; echo "@@status $?"; else echo "@@status missing"; fi`,
    `  for f in /etc/rc[2345].d/S[0-9][0-9]${script}; do [ -e "$f" ] && echo "@@start-link $f"; done`,
    'fi',
    'true',
  ].join('\n');
}

/** The fact for one service (cached per name and `running`). */
export function serviceStatusFact(name: string, opts: { running?: boolean } = {}): FactDefinition<ServiceStatus> {
  return {
    name: `service:${name}${opts.running === false ? ':boot-only' : ''}`,
    command: { shell: serviceStatusScript(name, opts) },
    parse: (result) => parseServiceStatus(name, result.stdout, result.stderr),
  };
}

/** Pure parser of the script's output. */
export function parseServiceStatus(name: string, stdout: string, stderr = ''): ServiceStatus {
  const init = /^@@init (systemd|sysv)$/m.exec(stdout)?.[1] as InitSystem | undefined;
  if (!init) throw new FactError(`cannot read the state of service ${name}${stderr.trim() ? `: ${stderr.trim()}` : ''}`);
  if (init === 'systemd') {
    const props: Record<string, string> = {};
    for (const line of stdout.split('\n')) {
      const m = /^([A-Za-z]+)=(.*)$/.exec(line);
      if (m) props[m[1]!] = m[2]!;
    }
    const e = /^@@is-enabled (\d+) ?(.*)$/m.exec(stdout);
    if (!props.LoadState || !e) throw new FactError(`cannot read the state of unit ${unitName(name)}: ${stderr.trim() || stdout.trim().slice(0, 200)}`);
    const active = ['active', 'reloading', 'activating'].includes(props.ActiveState ?? '');
    return {
      init,
      unit: unitName(name),
      exists: props.LoadState !== 'not-found',
      active,
      enabled: e[1] === '0',
      canReload: props.CanReload === 'yes',
      detail: {
        LoadState: props.LoadState, ActiveState: props.ActiveState ?? '', SubState: props.SubState ?? '',
        UnitFileState: props.UnitFileState ?? '', isEnabled: e[2]!.trim(),
      },
    };
  }
  const status = /^@@status (\S+)$/m.exec(stdout)?.[1];
  if (!status) throw new FactError(`cannot read the state of service ${name}: ${stderr.trim() || 'no status line'}`);
  const links = [...stdout.matchAll(/^@@start-link (.+)$/gm)].map((m) => m[1]!);
  const script = name.replace(/\.service$/, '');
  return {
    init,
    unit: script,
    exists: status !== 'missing',
    active: status === '0',
    enabled: links.length > 0,
    canReload: true,
    detail: { status, startLinks: links.join(' ') },
  };
}
