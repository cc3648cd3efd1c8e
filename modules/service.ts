// service: a service running or stopped (or restarted/reloaded) and enabled at boot or not, with systemd or SysV init.
import { ArgsError, TsibleError } from '../core/errors.ts';
import { defineModule, type Change } from '../core/module.ts';
import type { Command } from '../core/quote.ts';
import { serviceStatusFact, type ServiceStatus } from './facts/service-status.ts';

export interface ServiceArgs {
  /** The service: `apache2` (the unit apache2.service under systemd), or a full unit name such as `ssh.socket`. */
  name: string;
  /** started / stopped: the wanted run state; restarted / reloaded: always acts and reports changed (as Ansible). */
  state?: 'started' | 'stopped' | 'restarted' | 'reloaded';
  /** Start at boot (true) or not (false); unset leaves it as is. */
  enabled?: boolean;
}

export type ServiceFacts = ServiceStatus & {
  /** Check mode only: the unit does not exist yet (an earlier task would install its package). */
  notInstalled?: boolean;
};

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.@:\\-]*$/;

export const service = defineModule<ServiceArgs, ServiceFacts>({
  name: 'service',
  doc: {
    summary: 'Starts, stops, restarts or reloads a service and enables or disables it at boot; detects systemd (PID 1) or SysV init (scripts and update-rc.d).',
    changed: 'The service was started or stopped, or its boot setting changed; restarted and reloaded always report changed.',
    checkMode: 'Reads the state (systemctl show / init script status) and reports what would change. A unit that does not exist yet '
      + '(its package is installed by an earlier task) is reported as "would be started (not installed yet)" instead of failing; outside check mode a missing unit is an error.',
    examples: [
      "service({ name: 'apache2', state: 'stopped', enabled: false }, { name: 'Heartbeat starts apache2, not the boot' })",
      "tsible lb -m service -a 'name=heartbeat state=started enabled=yes'",
    ],
  },
  args: {
    name: { type: 'string', required: true, description: 'Service or unit name.', aliases: ['service'] },
    state: { type: 'string', choices: ['started', 'stopped', 'restarted', 'reloaded'], description: 'started, stopped, restarted or reloaded.' },
    enabled: { type: 'bool', description: 'Start at boot.' },
  },
  validate(args, where) {
    if (!NAME.test(args.name)) throw new ArgsError(`not a service name: "${args.name}"`, { ...where, field: 'name' });
    if (args.state === undefined && args.enabled === undefined) throw new ArgsError('give state, enabled or both', { ...where, field: 'state' });
  },
  async gather(ctx, args) {
    // Only the boot setting asked (no state): SysV's status script is not run.
    const status = await ctx.facts.get(serviceStatusFact(args.name, { running: args.state !== undefined }));
    if (status.exists) return status;
    if (!ctx.check) {
      const what = status.init === 'systemd' ? `no unit ${status.unit} (systemd)` : `no init script /etc/init.d/${status.unit}`;
      throw new TsibleError(`service ${args.name}: ${what}; is its package installed?`, { ...ctx.where, field: 'name' });
    }
    return { ...status, notInstalled: true };
  },
  plan(args, facts) {
    const changes: Change[] = [];
    const missing = facts.notInstalled ? ' (not installed yet)' : '';
    const act = (verb: string, what: string): void => {
      changes.push({ summary: `${args.name}: ${what}${missing}`, steps: [{ kind: 'run', command: command(facts, verb) }] });
    };
    switch (args.state) {
      case 'started':
        if (!facts.active || facts.notInstalled) act('start', facts.notInstalled ? 'would be started' : 'started');
        break;
      case 'stopped':
        // A package's service usually starts on install (Debian's policy), so a unit still to be installed would have to be stopped.
        if (facts.active || facts.notInstalled) act('stop', facts.notInstalled ? 'would be stopped' : 'stopped');
        break;
      case 'restarted':
        act('restart', facts.active ? 'restarted' : 'started (was not running)');
        break;
      case 'reloaded':
        if (facts.active) act('reload', 'reloaded');
        else act('start', 'started (was not running, nothing to reload)');
        break;
    }
    if (args.enabled === false && facts.enabled && ['static', 'indirect', 'alias'].includes(facts.detail.isEnabled ?? '')) {
      throw new TsibleError(`unit ${facts.unit} is ${facts.detail.isEnabled}: systemctl cannot disable it (mask it, or disable the unit that pulls it in)`, { field: 'enabled' });
    }
    if (args.enabled !== undefined && (args.enabled !== facts.enabled || facts.notInstalled)) {
      const verb = args.enabled ? 'enable' : 'disable';
      const what = facts.notInstalled ? `would be ${verb}d at boot` : `${verb}d at boot`;
      changes.push({ summary: `${args.name}: ${what}${missing}`, steps: enableSteps(facts, args.enabled) });
    }
    return changes;
  },
  output(args, facts, _results, check) {
    return { name: args.name, init: facts.init, unit: facts.unit, status: facts.detail, ...(check && facts.notInstalled ? { notInstalled: true } : {}) };
  },
});

function command(facts: ServiceStatus, verb: string): Command {
  return facts.init === 'systemd' ? ['systemctl', verb, facts.unit] : ['service', facts.unit, verb];
}

function enableSteps(facts: ServiceStatus, on: boolean): ServiceChangeSteps {
  if (facts.init === 'systemd') return [{ kind: 'run', command: ['systemctl', on ? 'enable' : 'disable', facts.unit] }];
  // update-rc.d: `defaults` installs the links if the package never did, then enable/disable flips them S↔K.
  if (on) return [{ kind: 'run', command: ['update-rc.d', facts.unit, 'defaults'] }, { kind: 'run', command: ['update-rc.d', facts.unit, 'enable'] }];
  return [{ kind: 'run', command: ['update-rc.d', facts.unit, 'disable'] }];
}

type ServiceChangeSteps = Change['steps'];
