// Bench: tsible vs Ansible vs the raw-ssh2 floor on N sshd hosts — alternating runs, medians, memory, README table, PNG plot, tsible CPU profile.
// Usage (root): bash bench/compare/run.sh [--hosts 20,150] [--runs 3] [--ansible-runs N] [--ansible-sets pyinfra] [--ansible-max-hosts 50] [--merge] [--stop-at HH:MM] [--sets pyinfra,realistic] [--tools tsible,ansible,mitogen,floor] [--no-profile] [--profile-sets realistic] [--profile-hosts N] [--no-readme] [--report-only]
// Quick check of a change (20 hosts, tsible and the floor, pyinfra set, one round, nothing rewritten): npm run bench:quick
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BenchHosts, CONNECT_TIMEOUT_S } from './hosts.ts';
import { type Measured, killAll, measure, pidsWithCmdline } from './measure.ts';
import { profileMarkdown, summarizeProfile } from './profile.ts';
import { goalsTable, scalingPlot, scalingTable } from './scaling.ts';

type Tool = 'tsible' | 'ansible' | 'mitogen' | 'floor';
/** Ansible's two configurations: plain (pipelining + ControlPersist) and with Mitogen's mitogen_linear strategy. */
const ANSIBLES: Tool[] = ['ansible', 'mitogen'];
type Kind = 'first' | 'converged';

/** One measured run. */
interface Sample {
  hosts: number;
  set: string;
  tool: Tool;
  kind: Kind;
  round: number;
  wallMs: number;
  peakPssKb: number;
  peakRssSumKb: number;
  maxRssKb: number;
  cpuS: number;
  peakProcs: number;
  /** SSH command channels opened per host (sshd's log). */
  sessionsPerHost: number;
  /** CPU seconds used on the hosts' side (sshd and everything under it) during the run. */
  hostCpuS?: number;
  /** Why the run does not count (wrong recap, failure), if it does not. */
  invalid?: string;
}

const repo = resolve(import.meta.dirname, '../..');
const here = join(repo, 'bench/compare');
/** --quick: a developer's check, under two minutes (20 hosts, tsible and the floor, one set, one round; no profile, README or results rewritten). */
const QUICK = ['--hosts', '20', '--runs', '1', '--sets', 'pyinfra', '--tools', 'tsible,floor', '--no-profile', '--no-readme', '--out', '/tmp/tsible-bench-quick'];
const argv = process.argv.slice(2).flatMap((a) => (a === '--quick' ? QUICK : [a]));
const opt = (name: string, def: string): string => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : def);
/** --report-only: measure nothing; rewrite the results, plots and README block from results.json (e.g. after merged runs of different sets or tools). */
const reportOnly = argv.includes('--report-only');
const hostCounts = reportOnly ? [] : opt('hosts', '20,150').split(',').map(Number);
/** Ansible (both configurations) runs only up to this many hosts (its realistic set at 50 hosts takes over 10 minutes a run). */
const ansibleMaxHosts = Number(opt('ansible-max-hosts', '50'));
const runs = Number(opt('runs', '3'));
/** Ansible's runs can be fewer (one 50-host round of the realistic set costs it minutes of CPU); default: --runs. */
const ansibleRuns = Number(opt('ansible-runs', String(runs)));
const setsRun = opt('sets', 'pyinfra,realistic').split(',');
/** The sets Ansible runs (its realistic set at 50 hosts takes over 10 minutes a run); default: --sets. */
const ansibleSets = opt('ansible-sets', setsRun.join(',')).split(',');
const tools = opt('tools', 'tsible,ansible,mitogen,floor').split(',') as Tool[];
/** The table and plot list tools in this order, whatever order they ran in: this invocation's and those of the samples kept by --merge. */
const shownToolsOf = (kept: Sample[]): Tool[] => (['tsible', 'ansible', 'mitogen', 'floor'] as Tool[]).filter((t) => tools.includes(t) || kept.some((s) => s.tool === t));
const outDir = resolve(opt('out', join(here, 'results')));
const work = opt('work', '/tmp/tsible-bench-compare');
const profile = !argv.includes('--no-profile');
const profileSets = opt('profile-sets', setsRun.join(',')).split(',');
/** The host count profiled: the largest measured up to 150 (a profile of 1,000 hosts is mostly the hosts' own CPU). */
const profileHosts = Number(opt('profile-hosts', String(Math.max(...hostCounts.filter((n) => n <= 150), Math.min(...hostCounts)))));
/** --stop-at HH:MM[:SS] (UTC; more than 12 h ago today means tomorrow's: 00:50 given at 23:30): start no run after it, and kill a run still going then. */
const stopAtToday = argv.includes('--stop-at') ? Date.parse(`${new Date().toISOString().slice(0, 10)}T${opt('stop-at', '')}${opt('stop-at', '').split(':').length === 2 ? ':00' : ''}Z`) : undefined;
if (stopAtToday !== undefined && Number.isNaN(stopAtToday)) throw new Error(`--stop-at ${opt('stop-at', '')}: expected HH:MM or HH:MM:SS (UTC)`);
const stopAt = stopAtToday !== undefined && stopAtToday < Date.now() - 43_200_000 ? stopAtToday + 86_400_000 : stopAtToday;
const late = (): boolean => stopAt !== undefined && Date.now() >= stopAt;
const updateReadme = !argv.includes('--no-readme');

if (process.getuid?.() !== 0) {
  console.error('bench/compare needs root (sshd hosts in mount namespaces, useradd on them)');
  process.exit(1);
}
const controlDir = join(work, 'ansible-cp');
const env = {
  ...process.env,
  NO_COLOR: '1',
  ANSIBLE_NOCOLOR: '1',
  ANSIBLE_CONFIG: join(here, 'ansible.cfg'),
  ANSIBLE_SSH_CONTROL_PATH_DIR: controlDir,
  ANSIBLE_LOCAL_TEMP: join(work, 'ansible-tmp'),
};
/** Mitogen's strategy plugins as Debian's ansible-mitogen installs them (bench/compare/install-deps.sh). */
const MITOGEN_STRATEGIES = '/usr/lib/python3/dist-packages/ansible_mitogen/plugins/strategy';
/** The environment of a tool's run: Ansible + Mitogen is plain Ansible's configuration with the mitogen_linear strategy. */
const envFor = (tool: Tool): NodeJS.ProcessEnv => (tool === 'mitogen' ? { ...env, ANSIBLE_STRATEGY: 'mitogen_linear', ANSIBLE_STRATEGY_PLUGINS: MITOGEN_STRATEGIES } : env);
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo }).toString().trim();
  } catch {
    return 'unknown';
  }
})();
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/**
 * What starting a program costs on this machine (ms): a sh starting /bin/true 300 times, best of 3. Machines differ
 * in it, and the hosts' side of every run is mostly programs started: the figure tells which kind of machine ran.
 */
function processStartMs(): number {
  const times = [0, 1, 2].map(() => {
    const t0 = process.hrtime.bigint();
    spawnSync('sh', ['-c', 'i=0; while [ $i -lt 300 ]; do /bin/true; i=$((i+1)); done']);
    return Number(process.hrtime.bigint() - t0) / 1e6 / 300;
  });
  return Math.min(...times);
}

/**
 * tsible runs from dist/ (compiled ahead of time) only while no source is newer than the build: rebuilt here,
 * outside any timing, when someone changed a source since, so every tsible run measures the same start-up path.
 */
function ensureDist(): void {
  const fresh = spawnSync('node', ['--input-type=module', '-e', "import { freshDist } from './bin/dist-state.js'; process.exit(freshDist() ? 0 : 1)"], { cwd: repo });
  if (fresh.status === 0) return;
  execFileSync('node', ['scripts/build-dist.mjs'], { cwd: repo, stdio: 'ignore' });
  log('tsible: dist/ (re)built, a source was newer than the build');
}

function commandFor(tool: Tool, set: string, hosts: BenchHosts, floorHosts: string, extraNode: string[] = []): string[] {
  const n = String(hosts.hosts.length);
  if (tool === 'tsible') return ['node', ...extraNode, 'bin/tsible.js', 'play', `bench/compare/plays/${set}.ts`, '-i', hosts.inventoryFile, '-f', n];
  if (ANSIBLES.includes(tool)) return ['ansible-playbook', `bench/compare/plays/${set}.yml`, '-i', hosts.inventoryFile, '-f', n];
  return ['node', 'bench/compare/floor.mjs', floorHosts, `bench/compare/plays/${set}.floor.mjs`];
}

/** Checks the PLAY RECAP: every host there, none failed or unreachable; first runs change every host, converged ones none. */
function checkRecap(m: Measured, kind: Kind, hosts: BenchHosts): string | undefined {
  if (m.code !== 0) return `exit ${m.code}`;
  const seen = new Map<string, { changed: number; bad: number }>();
  for (const l of m.stdout.split('\n')) {
    const r = /^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)/.exec(l.trim());
    if (r) seen.set(r[1], { changed: Number(r[3]), bad: Number(r[4]) + Number(r[5]) });
  }
  for (const h of hosts.hosts) {
    const s = seen.get(h.name);
    if (!s) return `no recap line for ${h.name}`;
    if (s.bad) return `${h.name} failed or unreachable`;
    if (kind === 'first' && s.changed === 0) return `${h.name}: first run changed nothing`;
    if (kind === 'converged' && s.changed !== 0) return `${h.name}: converged run changed ${s.changed}`;
  }
  return undefined;
}

/** Kills Ansible's ControlPersist masters left from a run (they outlive ansible-playbook by design), by PID. */
function dropMasters(): void {
  for (const p of pidsWithCmdline(controlDir)) killAll(p);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const samples: Sample[] = [];
const profiles: string[] = [];
/** Start-up alone (median of 3): tsible loading the realistic play without connecting, and node loading ssh2 (the floor's start). */
const startup: Record<string, { wallMs: number; cpuS: number }> = {};
mkdirSync(outDir, { recursive: true });
// --merge: keep an earlier invocation's samples for host counts this one does not measure (e.g. 10 hosts measured earlier).
const previous = (argv.includes('--merge') || reportOnly) && existsSync(join(outDir, 'results.json')) ? (JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as { conditions: string; conditionsByHosts?: Record<string, string>; samples: Sample[]; startup?: typeof startup }) : undefined;
if (reportOnly && !previous) throw new Error(`--report-only: no ${join(outDir, 'results.json')}`);
if (reportOnly && previous?.startup) Object.assign(startup, previous.startup);
for (const s of previous?.samples ?? []) if (!hostCounts.includes(s.hosts)) samples.push(s);
log(`bench/compare: hosts ${hostCounts.join(',')}, ${runs} runs, sets ${setsRun.join(',')}, tools ${tools.join(',')}; load ${loadavg()}`);
const started = Date.now();
const loads: string[] = [loadavg()];
const startMs = processStartMs();
let current: BenchHosts | undefined;
const cleanup = async () => {
  dropMasters();
  await current?.destroy();
};
// Killed (Ctrl-C, or kill PID): the hosts' sshd's and their overlays go too.
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
process.once('SIGTERM', () => void cleanup().then(() => process.exit(143)));
try {
  for (const n of hostCounts) {
    const hosts = await BenchHosts.create(join(work, `hosts-${n}`), n);
    current = hosts;
    const floorHosts = join(hosts.dir, 'floor-hosts.json');
    writeFileSync(
      floorHosts,
      JSON.stringify({
        key: hosts.clientKeyFile,
        timeoutS: CONNECT_TIMEOUT_S,
        hosts: hosts.hosts.map((h) => ({ name: h.name, address: h.address, port: h.port, hostKey: readFileSync(join(h.dir, 'host_ed25519.pub'), 'utf8').trim() })),
      }),
    );
    // The profile first (its runs are not timed samples): a late stop (--stop-at) then cuts rounds, not the profile.
    if (profile && n === profileHosts && tools.includes('tsible')) {
      const profDir = join(work, 'profiles');
      for (const set of profileSets) {
        dropMasters();
        await hosts.down();
        await hosts.up();
        for (const kind of ['first', 'converged'] as Kind[]) {
          rmSync(profDir, { recursive: true, force: true });
          ensureDist();
          const m = await measure(commandFor('tsible', set, hosts, floorHosts, ['--cpu-prof', `--cpu-prof-dir=${profDir}`]), { env, cwd: repo });
          const bad = checkRecap(m, kind, hosts);
          // One profile per thread: CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile — thread 0 is the main thread, the others are tsx's loader worker.
          const files = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')).sort((a, b) => Number(a.split('.')[4]) - Number(b.split('.')[4]));
          const title = `tsible, ${n} hosts, set ${set}, ${kind} run${bad ? ` (INVALID: ${bad})` : ''}, wall ${(m.wallMs / 1000).toFixed(2)} s, CPU ${m.cpuS.toFixed(2)} s (all processes)`;
          profiles.push(`### ${title}\n`);
          for (const f of files) {
            const thread = f.split('.')[4] === '0' ? 'main thread' : `thread ${f.split('.')[4]} (module loader worker)`;
            profiles.push(profileMarkdown(thread, summarizeProfile(join(profDir, f), repo)));
          }
          log(`profiled ${title}`);
        }
      }
    }
    if (!startup.tsible) {
      for (const [name, cmd] of [
        ['tsible play --list-hosts (start-up, no connection)', ['node', 'bin/tsible.js', 'play', 'bench/compare/plays/realistic.ts', '-i', hosts.inventoryFile, '--list-hosts']],
        ['node + ssh2 (the floor\'s start-up)', ['node', '--input-type=module', '-e', "import 'ssh2'"]],
      ] as [string, string[]][]) {
        const ms: Measured[] = [];
        if (name.startsWith('tsible')) ensureDist();
        for (let i = 0; i < 3; i++) ms.push(await measure(cmd, { env, cwd: repo }));
        startup[name.startsWith('tsible') ? 'tsible' : 'floor'] = { wallMs: median(ms.map((m) => m.wallMs)), cpuS: median(ms.map((m) => m.cpuS)) };
        log(`start-up ${name}: ${(median(ms.map((m) => m.wallMs)) / 1000).toFixed(2)} s wall, ${median(ms.map((m) => m.cpuS)).toFixed(2)} s CPU`);
      }
    }
    rounds: for (let round = 0; round < runs; round++) {
      // Alternate: each round starts with a different tool, so no tool always runs on a warmer (or busier) machine.
      const order = tools.map((_, i) => tools[(i + round) % tools.length]).filter((t) => !ANSIBLES.includes(t) || (round < ansibleRuns && n <= ansibleMaxHosts));
      for (const set of setsRun) {
        for (const tool of order) {
          if (ANSIBLES.includes(tool) && !ansibleSets.includes(set)) continue;
          if (late()) {
            log(`--stop-at ${opt('stop-at', '')} reached: no more runs`);
            break rounds;
          }
          dropMasters();
          await hosts.down();
          await hosts.up(); // clean hosts: fresh /etc, /home, /srv overlays
          for (const kind of ['first', 'converged'] as Kind[]) {
            if (tool === 'tsible') ensureDist();
            hosts.resetSessions();
            const hostCpu0 = hosts.cpuSeconds();
            const m = await measure(commandFor(tool, set, hosts, floorHosts), { env: envFor(tool), cwd: repo, alsoCmdline: ANSIBLES.includes(tool) ? controlDir : undefined, timeoutMs: stopAt ? Math.max(1000, stopAt - Date.now()) : 1_800_000 });
            // Ansible's ControlPersist connections outlive the run: their live sshd processes are read as they are.
            const hostCpuS = hosts.cpuSeconds() - hostCpu0;
            const invalid = late() && m.code === -1 ? 'killed at --stop-at' : checkRecap(m, kind, hosts);
            samples.push({ hosts: n, set, tool, kind, round, wallMs: m.wallMs, peakPssKb: m.peakPssKb, peakRssSumKb: m.peakRssSumKb, maxRssKb: m.maxRssKb, cpuS: m.cpuS, peakProcs: m.peakProcs, sessionsPerHost: hosts.sessions() / n, hostCpuS, invalid });
            log(`${n} hosts ${set} ${tool} ${kind} #${round + 1}: ${(m.wallMs / 1000).toFixed(2)} s, PSS ${(m.peakPssKb / 1024).toFixed(0)} MiB, CPU ${m.cpuS.toFixed(1)} s (hosts ${hostCpuS.toFixed(1)} s), ${(hosts.sessions() / n).toFixed(1)} sessions/host${invalid ? `  INVALID: ${invalid}` : ''}`);
            if (invalid) console.log(`--- stdout (tail)\n${m.stdout.slice(-3000)}\n--- stderr (tail)\n${m.stderr.slice(-3000)}`);
          }
          report(); // after every tool: a run cut short still leaves its results
        }
      }
      loads.push(loadavg());
    }
    await hosts.destroy();
    current = undefined;
  }
} finally {
  await cleanup();
  rmSync(work, { recursive: true, force: true });
}
report(true);

/** Writes results.json/.md, profile.md, the plot and (final or not) the README block from the samples so far. */
function report(final = false): void {
  // A merge can keep samples of sets and tools this invocation does not run: they stay in the tables.
  const sets = [...new Set([...setsRun, ...samples.map((x) => x.set)])];
  const shownTools = shownToolsOf(samples);
  // ---- report
  interface Row {
    hosts: number;
    set: string;
    kind: Kind;
    tool: Tool;
    wallMs: number;
    pssMb: number;
    rssSumMb: number;
    maxRssMb: number;
    cpuS: number;
    hostCpuS: number;
    sessions: number;
    valid: number;
    runs: number;
  }
  const rows: Row[] = [];
  const allHostCounts = [...new Set([...samples.map((s) => s.hosts), ...hostCounts])].sort((a, b) => a - b);
  for (const n of allHostCounts)
    for (const set of sets)
      for (const kind of ['first', 'converged'] as Kind[])
        for (const tool of shownTools) {
          const all = samples.filter((s) => s.hosts === n && s.set === set && s.kind === kind && s.tool === tool);
          const ok = all.filter((s) => !s.invalid);
          rows.push({
            hosts: n,
            set,
            kind,
            tool,
            wallMs: median(ok.map((s) => s.wallMs)),
            pssMb: Math.max(...ok.map((s) => s.peakPssKb), 0) / 1024,
            rssSumMb: Math.max(...ok.map((s) => s.peakRssSumKb), 0) / 1024,
            maxRssMb: Math.max(...ok.map((s) => s.maxRssKb), 0) / 1024,
            cpuS: median(ok.map((s) => s.cpuS)),
            hostCpuS: median(ok.map((s) => s.hostCpuS ?? NaN)),
            sessions: median(ok.map((s) => s.sessionsPerHost ?? NaN)),
            valid: ok.length,
            runs: all.length,
          });
        }
  const tsibleOf = (r: Row) => rows.find((x) => x.hosts === r.hosts && x.set === r.set && x.kind === r.kind && x.tool === 'tsible');
  const mb = (x: number, r: Row) => (r.valid ? x.toFixed(0) : '—');
  const fmtS = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '—');
  const table = [
    '| set | hosts | run | tool | median wall (s) | × tsible | peak RSS, largest process (MiB) | peak PSS, all processes (MiB) | peak RSS sum, all processes (MiB) | CPU of the tool (s) | CPU on the hosts (s) | SSH sessions per host | valid runs |',
    '|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const t = tsibleOf(r);
      const ratio = t && Number.isFinite(t.wallMs) && Number.isFinite(r.wallMs) ? (r.wallMs / t.wallMs).toFixed(2) : '—';
      return `| ${r.set} | ${r.hosts} | ${r.kind} | ${r.tool} | ${fmtS(r.wallMs)} | ${ratio} | ${mb(r.maxRssMb, r)} | ${mb(r.pssMb, r)} | ${mb(r.rssSumMb, r)} | ${Number.isFinite(r.cpuS) ? r.cpuS.toFixed(1) : '—'} | ${Number.isFinite(r.hostCpuS) ? r.hostCpuS.toFixed(1) : '—'} | ${Number.isFinite(r.sessions) ? r.sessions.toFixed(0) : '—'} | ${r.valid}/${r.runs} |`;
    }),
  ].join('\n');
  const targets = goalsTable(rows, sets);
  const scaling = scalingTable(rows, sets);
  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  // Conditions per host count: a merge keeps the lines of the host counts it keeps, and only those.
  const kept = [...new Set(samples.map((s) => s.hosts))].filter((h) => !hostCounts.includes(h)).sort((a, b) => a - b);
  const earlier = kept.map((h) => previous?.conditionsByHosts?.[h] ?? `Earlier, for ${kept.join(', ')} hosts: ${previous?.conditions ?? ''}`);
  const current = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC at commit ${commit} on this machine (${readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'cpu'}, ${execFileSync('nproc').toString().trim()} cores, a program started in ${startMs.toFixed(2)} ms), ${runs} runs per cell${ansibleRuns !== runs ? ` (Ansible: ${ansibleRuns})` : ''} for ${hostCounts.join(', ')} hosts, ${minutes} min in all; load average before and after each round: ${loads.join(' → ')}.`;
  const conditionsByHosts: Record<string, string> = {};
  kept.forEach((h, i) => (conditionsByHosts[h] = earlier[i]));
  for (const h of hostCounts) conditionsByHosts[h] = current;
  const conditions = [...new Set([...earlier, ...(hostCounts.length ? [current] : [])])].join('\n\n');
  const startupLine = startup.tsible
    ? `Start-up alone (median of 3, same conditions): tsible loading the realistic play without connecting (\`play --list-hosts\`) ${(startup.tsible.wallMs / 1000).toFixed(2)} s wall, ${startup.tsible.cpuS.toFixed(2)} s CPU; node loading ssh2 (the floor's start) ${(startup.floor.wallMs / 1000).toFixed(2)} s wall, ${startup.floor.cpuS.toFixed(2)} s CPU.`
    : '';
  writeFileSync(join(outDir, 'results.json'), JSON.stringify({ conditions, conditionsByHosts, startup, samples, rows }, null, 2) + '\n');
  writeFileSync(join(outDir, 'results.md'), `${conditions}\n\n${table}\n\n${startupLine}\n\n${targets}\n${scaling ? `\n${scaling}\n` : ''}`);
  if (profiles.length) writeFileSync(join(outDir, 'profile.md'), profiles.join('\n'));
  if (final) log(`\n${conditions}\n\n${table}\n\n${targets}\n${scaling ? `\n${scaling}\n` : ''}`);

  // ---- plot: median wall time against hosts, one panel per set × run kind, one line per tool.
  // Each series is a named datablock in the script itself ($d0, $d1…), so an empty series is just left out.
  const blocks: string[] = [];
  const panels: string[] = [];
  for (const set of sets)
    for (const kind of ['first', 'converged'] as Kind[]) {
      const plots: string[] = [];
      for (const tool of shownTools) {
        const points = rows.filter((r) => r.set === set && r.kind === kind && r.tool === tool && Number.isFinite(r.wallMs));
        if (!points.length) continue;
        const name = `$d${blocks.length}`;
        blocks.push(`${name} << EOD\n${points.map((r) => `${r.hosts} ${(r.wallMs / 1000).toFixed(3)}`).join('\n')}\nEOD`);
        plots.push(`${name} using 1:2 with linespoints lw 2 pt 7 title '${tool}'`);
      }
      panels.push(plots.length ? `set title '${set}, ${kind} run'\nplot ${plots.join(', ')}` : `set title '${set}, ${kind} run (no data yet)'\nplot [0:1] [1:10] NaN notitle`);
    }
  const png = join(outDir, 'wall-time.png');
  const gp = [
    `set terminal pngcairo size 1200,${450 * Math.ceil(panels.length / 2)} font 'sans,10'`,
    `set output '${png}'`,
    ...blocks,
    `set multiplot layout ${Math.ceil(panels.length / 2)},2 title 'Median wall time against hosts (loopback sshd hosts)'`,
    "set xlabel 'hosts'",
    "set ylabel 'wall time (s)'",
    'set logscale y',
    'set grid',
    'set key top left',
    `set xtics (${allHostCounts.join(', ')})`,
    `set xrange [0:${Math.max(...allHostCounts) * 1.1}]`,
    ...panels,
    'unset multiplot',
  ].join('\n');
  writeFileSync(join(outDir, 'plot.gp'), gp + '\n');
  try {
    execFileSync('gnuplot', [join(outDir, 'plot.gp')], { stdio: final ? 'inherit' : 'ignore' });
    if (allHostCounts.length > 1) {
      writeFileSync(join(outDir, 'scaling.gp'), scalingPlot(rows, sets[0], join(outDir, 'scaling.png'), shownTools));
      execFileSync('gnuplot', [join(outDir, 'scaling.gp')], { stdio: final ? 'inherit' : 'ignore' });
    }
    if (final) log(`plot: ${png}`);
  } catch (e) {
    console.error(`gnuplot failed: ${(e as Error).message}`);
  }

  // ---- README: the generated part of "## Performance" sits between two markers.
  if (updateReadme) {
    const readme = join(repo, 'README.md');
    const start = '<!-- bench:compare:start (generated by bench/compare; do not edit) -->';
    const end = '<!-- bench:compare:end -->';
    const growth = scaling ? `\n\n${scaling}\n\n![wall time, CPU and memory against hosts](bench/compare/results/scaling.png)` : '';
    const block = `${start}\n${conditions}\n\n${table}\n\n${startupLine}\n\n${targets}${growth}\n\n![median wall time against hosts](bench/compare/results/wall-time.png)\n${end}`;
    let text = readFileSync(readme, 'utf8');
    if (text.includes(start) && text.includes(end)) text = text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length);
    else text = `${text.trimEnd()}\n\n## Performance\n\n${block}\n`;
    if (resolve(outDir) === join(here, 'results')) {
      writeFileSync(readme, text);
      if (final) log('README.md: Performance table updated');
    }
  }
  if (final && existsSync(join(outDir, 'profile.md'))) log(`profile summary: ${join(outDir, 'profile.md')}`);
}
