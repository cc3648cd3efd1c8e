// ipvsadm: declarative LVS virtual services and real servers, live (one `ipvsadm -R` batch, never a flush) and persisted.
import { ArgsError, type ErrorLocation } from '../core/errors.ts';
import { defineModule, type Change, type Step } from '../core/module.ts';
import { declareServices, type DeclaredService, type IpvsServiceArgs } from './ipvsadm/declared.ts';
import { checkDefaults, setDefaults, type IpvsadmDefaults } from './ipvsadm/defaults-file.ts';
import { parseRules } from './ipvsadm/parse-rules.ts';
import { reconcile } from './ipvsadm/plan-edits.ts';
import { parseState, readStateCommand, type IpvsState } from './ipvsadm/read-state.ts';
import { renderLines, renderRulesFile } from './ipvsadm/render-rules.ts';
import { syncDaemonCommands, wantedSyncDaemons } from './ipvsadm/sync-daemons.ts';

export type { IpvsServiceArgs, IpvsRealServerArgs } from './ipvsadm/declared.ts';
export type { IpvsadmDefaults } from './ipvsadm/defaults-file.ts';

export interface IpvsadmArgs {
  /** The virtual services, each with its real servers: `[{ protocol: 'tcp', address: '192.168.56.10', port: 80, scheduler: 'rr', realServers: [{ address: '192.168.200.11', forwarding: 'masq' }] }]`. */
  services: IpvsServiceArgs[];
  /** Default state of every declared service: present (default) or absent. */
  state?: 'present' | 'absent';
  /** Remove the live services (and real servers of declared services) that are not declared; the rules file then holds only the declared ones. Default false. */
  purge?: boolean;
  /** Edit the live IPVS table (default true). false: persist the files only, e.g. on Heartbeat balancers where the resource script loads the rules on the active node. */
  live?: boolean;
  /**
   * Live weights of real servers already in the table: `declared` (default) sets them to the declared weights; `kept` leaves
   * them as they are (a load-weights daemon moves them), so a second run changes nothing. New real servers get the
   * declared weight, and the rules file always holds the declared weights.
   */
  liveWeights?: 'declared' | 'kept';
  /** Write the rules file (default true). */
  persist?: boolean;
  /** The rules file in `ipvsadm -R` format, as Debian's init script loads it (default /etc/ipvsadm.rules). */
  rulesFile?: string;
  /** Settings for Debian's /etc/default/ipvsadm: `{ auto: true, daemon: 'none', iface: 'enp0s3' }`; omitted = the file is left alone. */
  defaults?: IpvsadmDefaults;
  /** Where the defaults live (default /etc/default/ipvsadm). */
  defaultsFile?: string;
}

export type IpvsadmFacts = IpvsState;

/** Applies a batch on ipvsadm -R's standard input. ipvsadm -R exits 0 even when a line fails, so any message counts as failure. */
const APPLY_SCRIPT = [
  'PATH="$PATH:/usr/sbin:/sbin"',
  "command -v ipvsadm >/dev/null 2>&1 || { echo 'ipvsadm is not installed (install the ipvsadm package first)' >&2; exit 127; }",
  'err=$(ipvsadm -R 2>&1); rc=$?',
  'if [ "$rc" -ne 0 ] || [ -n "$err" ]; then printf \'ipvsadm -R: %s\\n\' "$err" >&2; [ "$rc" -ne 0 ] && exit "$rc"; exit 1; fi',
].join('\n');

const LIVE_LABEL = 'IPVS table (ipvsadm -Sn)';

function declared(args: IpvsadmArgs, where: ErrorLocation = {}): DeclaredService[] {
  return declareServices(args.services, args.state ?? 'present', where);
}

export const ipvsadm = defineModule<IpvsadmArgs, IpvsadmFacts>({
  name: 'ipvsadm',
  doc: {
    summary: 'Declares LVS virtual services and their real servers: edits the live IPVS table with the minimal -A/-E/-D/-a/-e/-d batch on `ipvsadm -R` (never a flush) and persists /etc/ipvsadm.rules (and optionally /etc/default/ipvsadm).',
    changed: 'The live table (read with ipvsadm -Sn) differed from the declaration, the running sync daemons (ipvsadm -L --daemon) from defaults\' DAEMON/IFACE/SYNCID (live only), or the rules file or the defaults file did not hold the wanted text.',
    checkMode: 'Reads the live table and both files, reports the edits and the files\' diffs, changes nothing. If ipvsadm is not installed yet (an earlier apt task would install it), reports the whole declaration as to be added instead of failing.',
    examples: [
      "ipvsadm({ services: [{ address: '192.168.56.10', port: 80, scheduler: 'rr', realServers: [{ address: '192.168.200.11', forwarding: 'masq' }, { address: '192.168.200.12', forwarding: 'masq' }] }], defaults: { auto: true, daemon: 'none', iface: 'enp0s3' } })",
      "ipvsadm({ live: false, services: [...] }, { name: 'Rules loaded by Heartbeat on the active balancer' })",
    ],
  },
  args: {
    services: { type: 'any', required: true, description: 'List of virtual services { protocol tcp|udp|fwmark, address, port, fwmark, scheduler (default wlc), persistent (seconds), netmask, schedFlags, pe, ops, state, realServers: [{ address, port, forwarding masq|route|tunnel (default route), weight (default 1), state }] }.' },
    state: { type: 'string', default: 'present', choices: ['present', 'absent'], description: 'Default state of the declared services.' },
    purge: { type: 'bool', default: false, description: 'Remove live services, and real servers of declared services, that are not declared.' },
    live: { type: 'bool', default: true, description: 'Edit the live table (false: files only).' },
    liveWeights: { type: 'string', choices: ['declared', 'kept'], default: 'declared', description: 'kept: real servers already in the live table keep their live weights (set by a load-weights daemon); the rules file holds the declared ones.' },
    persist: { type: 'bool', default: true, description: 'Write the rules file.' },
    rulesFile: { type: 'string', default: '/etc/ipvsadm.rules', description: 'Rules file in ipvsadm -R format.', aliases: ['rules_file'] },
    defaults: { type: 'dict', description: 'Settings of /etc/default/ipvsadm: { auto: boolean, daemon: none|master|backup|both, iface, syncid }.' },
    defaultsFile: { type: 'string', default: '/etc/default/ipvsadm', description: 'The defaults file.', aliases: ['defaults_file'] },
  },
  validate(args, where) {
    declared(args, where);
    if (args.defaults !== undefined) checkDefaults(args.defaults, where);
    for (const field of ['rulesFile', 'defaultsFile'] as const) {
      if (!args[field]!.startsWith('/')) throw new ArgsError('expects an absolute path', { ...where, field });
    }
    if (!args.live && !args.persist && args.defaults === undefined) {
      throw new ArgsError('live and persist are both false and no defaults are given: nothing to manage', { ...where, field: 'live' });
    }
  },
  async gather(ctx, args) {
    const paths = [args.rulesFile!, ...(args.defaults ? [args.defaultsFile!] : [])];
    const result = await ctx.run(readStateCommand(args.live!, paths, args.defaults?.daemon !== undefined));
    return parseState(result, args.live!, args.rulesFile!, args.defaults ? args.defaultsFile : undefined);
  },
  plan(args, facts) {
    const decl = declared(args);
    const changes: Change[] = [];
    if (args.live) {
      const installed = Array.isArray(facts.live);
      const { edits, table } = reconcile(Array.isArray(facts.live) ? facts.live : [], decl, { purge: args.purge!, keepWeights: args.liveWeights === 'kept' });
      if (edits.length) {
        const batch = edits.map((e) => e.words.join(' ')).join('\n') + '\n';
        const step: Step = { kind: 'run', command: { shell: APPLY_SCRIPT }, stdin: batch };
        const lines = edits.map((e) => e.words.join(' '));
        changes.push({
          summary: `${installed ? '' : 'ipvsadm not installed yet: '}IPVS table: ${lines.length} edit${lines.length > 1 ? 's' : ''} (${lines.join('; ')})`,
          diff: { path: LIVE_LABEL, before: facts.liveText, after: renderLines(table).map((l) => l + '\n').join('') },
          steps: [step],
        });
      }
    }
    if (args.persist) {
      const before = facts.rulesFile.exists ? facts.rulesFile.content : undefined;
      const current = before === undefined ? [] : parseRules(before).table;
      const after = renderRulesFile(reconcile(current, decl, { purge: args.purge! }).table);
      if (before !== after || (facts.rulesFile.exists && facts.rulesFile.mode !== 0o644)) {
        changes.push({
          summary: `${args.rulesFile}: ${before === undefined ? 'created' : before === after ? 'mode set to 0644' : 'rules updated'}`,
          diff: { path: args.rulesFile!, before: before ?? '', after },
          steps: [{ kind: 'put', path: args.rulesFile!, content: after, mode: 0o644 }],
        });
      }
    }
    if (args.defaults && facts.defaultsFile) {
      const f = facts.defaultsFile;
      const before = f.exists ? f.content : undefined;
      const after = setDefaults(before, checkDefaults(args.defaults, {}));
      if (before !== after) {
        changes.push({
          summary: `${args.defaultsFile}: ${before === undefined ? 'created' : 'settings updated'}`,
          diff: { path: args.defaultsFile!, before: before ?? '', after },
          steps: [{ kind: 'put', path: args.defaultsFile!, content: after, mode: f.exists ? f.mode : 0o644 }],
        });
      }
      // live: the running sync daemons match DAEMON, IFACE and SYNCID now, not only from the next boot.
      const wanted = args.live ? wantedSyncDaemons(checkDefaults(args.defaults, {}), after) : undefined;
      if (wanted) {
        const { summary, commands } = syncDaemonCommands(facts.daemons, wanted);
        if (commands.length) {
          changes.push({
            summary: `${facts.live === 'not-installed' ? 'ipvsadm not installed yet: ' : ''}sync daemons: ${summary.join('; ')}`,
            steps: commands.map((command) => ({ kind: 'run' as const, command })),
          });
        }
      }
    }
    return changes;
  },
  output(args, facts) {
    const decl = declared(args);
    const live = Array.isArray(facts.live) ? facts.live : [];
    const { edits } = reconcile(live, decl, { purge: args.purge!, keepWeights: args.liveWeights === 'kept' });
    return {
      edits: args.live ? edits.map((e) => e.words.join(' ')) : [],
      liveBefore: facts.liveText,
      ipvsadmInstalled: facts.live !== 'not-installed',
      rulesFile: args.rulesFile,
    };
  },
});
