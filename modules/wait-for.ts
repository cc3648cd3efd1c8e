// wait_for: waits on the host until a TCP port opens or closes, or a file appears, disappears or matches a regex.
import { ArgsError, FactError, TimeoutError } from '../core/errors.ts';
import { defineModule } from '../core/module.ts';
import { waitCommand, type WaitSpec } from './wait-for/script.ts';

export interface WaitForArgs {
  /** Address or name to connect to, from the target host (default 127.0.0.1). */
  host?: string;
  /** TCP port to wait for. */
  port?: number;
  /** File to wait for (or to search in, with `search`). */
  path?: string;
  /** POSIX extended regex (grep -E) that the file's content must match (state present/started) or no longer match (absent/stopped). */
  search?: string;
  /** started/present (default): the port accepts connections / the file exists (matches); stopped/absent: the opposite. */
  state?: 'started' | 'stopped' | 'present' | 'absent';
  /** Seconds to wait at most (default 300). Neither port nor path: just sleeps this long. */
  timeout?: number;
  /** Seconds to wait before the first check (default 0). */
  delay?: number;
  /** Seconds between checks (default 1). */
  sleep?: number;
  /** Seconds allowed for each TCP connect (default 5). */
  connectTimeout?: number;
  /** Message of the failure when the timeout is reached. */
  msg?: string;
}

export interface WaitForFacts {
  /** Seconds spent waiting (after `delay`). */
  elapsed: number;
  /** The first line that matched `search`, if any. */
  match?: string;
}

const HOST = /^[A-Za-z0-9_.:-]+$/;

export const waitFor = defineModule<WaitForArgs, WaitForFacts>({
  name: 'wait_for',
  doc: {
    summary: 'Waits, on the target host, until a TCP port accepts connections (or stops), or a file exists (or matches a regex, or is gone); fails after `timeout` seconds.',
    changed: 'Never: waiting changes nothing.',
    checkMode: 'Waits as in a normal run (like Ansible, waiting is a read), so later checks in the play see the same timing.',
    examples: [
      "waitFor({ port: 80, host: '192.168.56.10', timeout: 30 }, { name: 'The VIP answers on port 80' })",
      "waitFor({ path: '/var/log/syslog', search: 'heartbeat.*acquired', timeout: 60 })",
      "tsible web -m wait_for -a 'port=22 state=started timeout=10'",
    ],
  },
  args: {
    host: { type: 'string', default: '127.0.0.1', description: 'Address to connect to from the host.' },
    port: { type: 'int', description: 'TCP port.' },
    path: { type: 'string', description: 'File to wait for.' },
    search: { type: 'string', description: 'Extended regex to find in the file.', aliases: ['regex', 'search_regex'] },
    state: { type: 'string', default: 'started', choices: ['started', 'stopped', 'present', 'absent'], description: 'What to wait for.' },
    timeout: { type: 'int', default: 300, description: 'Seconds to wait at most.' },
    delay: { type: 'int', default: 0, description: 'Seconds before the first check.' },
    sleep: { type: 'int', default: 1, description: 'Seconds between checks.' },
    connectTimeout: { type: 'int', default: 5, description: 'Seconds per TCP connect.', aliases: ['connect_timeout'] },
    msg: { type: 'string', description: 'Failure message on timeout.' },
  },
  validate(args, where) {
    if (args.port !== undefined && args.path !== undefined) throw new ArgsError('give port or path, not both', { ...where, field: 'path' });
    if (args.port !== undefined && (args.port < 1 || args.port > 65535)) throw new ArgsError('expects a port, 1 to 65535', { ...where, field: 'port' });
    if (args.search !== undefined && args.path === undefined) throw new ArgsError('search needs path', { ...where, field: 'search' });
    if (!HOST.test(args.host!)) throw new ArgsError(`not a host name or address: "${args.host}"`, { ...where, field: 'host' });
    for (const f of ['timeout', 'delay', 'sleep', 'connectTimeout'] as const) {
      if (args[f]! < 0 || (f !== 'delay' && f !== 'timeout' && args[f]! < 1)) throw new ArgsError('expects a positive number of seconds', { ...where, field: f });
    }
  },
  async gather(ctx, args) {
    const present = args.state === 'started' || args.state === 'present';
    const spec: WaitSpec = {
      mode: args.port !== undefined ? 'port' : args.path !== undefined ? 'path' : 'sleep',
      host: args.host!, port: args.port ?? 0, path: args.path ?? '', search: args.search ?? '',
      until: present ? 'success' : 'failure', timeout: args.timeout!, delay: args.delay!, sleep: args.sleep!, connectTimeout: args.connectTimeout!,
    };
    const budget = (args.delay! + args.timeout! + args.connectTimeout! + args.sleep! + 60) * 1000;
    const r = await ctx.run(waitCommand(spec), { timeoutMs: budget });
    const [word, elapsed, match64] = r.stdout.trim().split(' ');
    const what = spec.mode === 'port' ? `${args.host}:${args.port}` : spec.mode === 'path' ? `${args.path}${args.search ? ` to match /${args.search}/` : ''}` : '';
    if (word === 'timeout') {
      throw new TimeoutError(args.msg ?? `timeout after ${elapsed} s waiting for ${what} to be ${args.state === 'present' ? 'present' : args.state}`, ctx.where);
    }
    if (word === 'badregex') throw new ArgsError(`grep -E refuses the regex "${args.search}"`, { ...ctx.where, field: 'search' });
    if (word !== 'done' || r.code !== 0) {
      throw new FactError(`wait_for could not run on the host (exit ${r.code}): ${(r.stderr || r.stdout).trim() || 'no output'}`, ctx.where);
    }
    return { elapsed: Number(elapsed), ...(match64 ? { match: Buffer.from(match64, 'base64').toString().replace(/\n$/, '') } : {}) };
  },
  plan: () => [],
  output: (args, facts) => ({ elapsed: facts.elapsed, state: args.state, ...(args.port !== undefined ? { port: args.port } : {}), ...(args.path ? { path: args.path } : {}), ...(facts.match !== undefined ? { match: facts.match } : {}) }),
});
