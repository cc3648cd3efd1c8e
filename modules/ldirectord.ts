// ldirectord: health checks of LVS real servers (the Heartbeat family's checker): writes ldirectord.cf and reloads a running daemon.
import { ArgsError, type ErrorLocation } from '../core/errors.ts';
import { defineModule, type Change } from '../core/module.ts';
import { declareServices, type IpvsServiceArgs } from './ipvsadm/declared.ts';
import { configArgs, parseState, readStateCommand, type LdirectordState } from './ldirectord/read-state.ts';
import { renderConfig, type CheckSettings } from './ldirectord/render-config.ts';

export interface LdirectordArgs {
  /** The virtual services and their real servers, as the ipvsadm module takes them (TCP/UDP/fwmark, scheduler, persistent, weights). */
  services: IpvsServiceArgs[];
  /** negotiate (default): HTTP GET `request`, the body must match `receive`; connect: a TCP connect. */
  checkType?: 'negotiate' | 'connect';
  /** Path a negotiate check requests (default /). */
  request?: string;
  /** Regular expression the answer must contain (default '': any 2xx answer). */
  receive?: string;
  /** Seconds between two rounds of checks (default 1). */
  checkInterval?: number;
  /** Seconds before a check counts as failed (default 1). */
  checkTimeout?: number;
  /** Failed checks in a row before a server is taken out (default 1). */
  failureCount?: number;
  /** Keep a dead server in the table with weight 0 instead of removing it (default false: with persistence, quiescent servers keep their clients). */
  quiescent?: boolean;
  /** The configuration file (default /etc/ha.d/ldirectord.cf: what `ldirectord` and Heartbeat's `ldirectord` resource read). */
  configFile?: string;
  /** After a change, reload the daemon if it runs (default true); it then edits the live table in place. */
  reload?: boolean;
}

export type LdirectordFacts = LdirectordState;

function settings(args: LdirectordArgs): CheckSettings {
  return {
    type: args.checkType!, request: args.request!, receive: args.receive!, interval: args.checkInterval!,
    timeout: args.checkTimeout!, failures: args.failureCount!, quiescent: args.quiescent!,
  };
}

function wantedText(args: LdirectordArgs, where: ErrorLocation = {}): string {
  const declared = declareServices(args.services, 'present', where);
  return renderConfig(declared.filter((d) => d.state === 'present').map((d) => d.service), settings(args));
}

export const ldirectord = defineModule<LdirectordArgs, LdirectordFacts>({
  name: 'ldirectord',
  doc: {
    summary: 'Declares the health checks ldirectord runs on LVS real servers (ldirectord.cf from the same service declaration as the ipvsadm module); reloads a running ldirectord, which then takes dead servers out of the live table and puts them back.',
    changed: 'The configuration file did not hold the wanted text (then a running daemon is reloaded).',
    checkMode: 'Reads the file and the daemon\'s pid file, reports the diff, changes nothing.',
    examples: [
      "ldirectord({ services: [{ address: '192.168.56.10', port: 80, scheduler: 'wrr', realServers: [{ address: '192.168.200.11', forwarding: 'masq', weight: 3 }] }], receive: '<h1>' })",
    ],
  },
  args: {
    services: { type: 'any', required: true, description: 'Virtual services, as the ipvsadm module\'s `services` (address, port, scheduler, persistent, realServers with forwarding and weight).' },
    checkType: { type: 'string', default: 'negotiate', choices: ['negotiate', 'connect'], description: 'negotiate: HTTP GET and match; connect: TCP connect.', aliases: ['check_type'] },
    request: { type: 'string', default: '/', description: 'Path a negotiate check requests.' },
    receive: { type: 'string', default: '', description: 'Regular expression the answer must contain (empty: any 2xx answer).' },
    checkInterval: { type: 'int', default: 1, description: 'Seconds between rounds of checks.', aliases: ['check_interval'] },
    checkTimeout: { type: 'int', default: 1, description: 'Seconds before a check fails.', aliases: ['check_timeout'] },
    failureCount: { type: 'int', default: 1, description: 'Failed checks in a row before a server is taken out.', aliases: ['failure_count'] },
    quiescent: { type: 'bool', default: false, description: 'Keep dead servers with weight 0 instead of removing them.' },
    configFile: { type: 'string', default: '/etc/ha.d/ldirectord.cf', description: 'The configuration file.', aliases: ['config_file'] },
    reload: { type: 'bool', default: true, description: 'Reload a running ldirectord after a change.' },
  },
  validate(args, where) {
    wantedText(args, where);
    if (!args.configFile!.startsWith('/') || !/^\/[\w./-]+$/.test(args.configFile!)) throw new ArgsError('expects an absolute path of letters, digits, ., _, -', { ...where, field: 'configFile' });
    for (const f of ['checkInterval', 'checkTimeout', 'failureCount'] as const) {
      if (!(args[f]! >= 1)) throw new ArgsError('expects a whole number of at least 1', { ...where, field: f });
    }
    if (!args.request!.startsWith('/') || /["\s]/.test(args.request!)) throw new ArgsError('expects a path starting with / (no spaces or quotes)', { ...where, field: 'request' });
    if (/["\n]/.test(args.receive!)) throw new ArgsError('must not contain a double quote or a newline', { ...where, field: 'receive' });
  },
  async gather(ctx, args) {
    return parseState(await ctx.run(readStateCommand(args.configFile!)), args.configFile!);
  },
  plan(args, facts) {
    const after = wantedText(args);
    const before = facts.config.exists ? facts.config.content : undefined;
    const changes: Change[] = [];
    if (before !== after || (facts.config.exists && facts.config.mode !== 0o644)) {
      changes.push({
        summary: `${args.configFile}: ${before === undefined ? 'created' : before === after ? 'mode set to 0644' : 'checks updated'}`,
        diff: { path: args.configFile!, before: before ?? '', after },
        steps: [{ kind: 'put', path: args.configFile!, content: after, mode: 0o644 }],
      });
      if (args.reload && facts.running && before !== after) {
        changes.push({
          summary: 'ldirectord reloaded (it edits the live table in place)',
          steps: [{ kind: 'run', command: ['/usr/sbin/ldirectord', ...configArgs(args.configFile!), 'reload'] }],
        });
      }
    }
    return changes;
  },
  output(args, facts) {
    return { configFile: args.configFile, installed: facts.installed, running: facts.running };
  },
});
