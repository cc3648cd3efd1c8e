// Start-up bench: bare node, `tsible --help`/`--version`, an ad hoc command on one loopback sshd host against the same over raw ssh2, and a playbook's start (compiled, then cached): median wall and CPU of N runs.
// Usage (root): nice -n 19 node --import tsx bench/startup.ts [runs=7] [TSIBLE_DIR] — prints a Markdown table (ratios against bare node and the floor); TSIBLE_DIR: another checkout's bin/tsible.js (before/after).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SshdLab, writeSshdInventory } from '../lab/sshd.ts';

const repo = resolve(import.meta.dirname, '..');
const runs = Number(process.argv[2] ?? 7);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median wall (ms) and CPU (user + system, ms) of `runs` runs of `argv` under GNU time; fails on a non-zero exit. */
function timed(argv: string[], env: NodeJS.ProcessEnv = process.env): { wallMs: number; cpuMs: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S', ...argv], { cwd: repo, env, encoding: 'utf8' });
    walls.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${argv.join(' ')}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
    const [u, s] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    cpus.push((u + s) * 1000);
  }
  return { wallMs: median(walls), cpuMs: median(cpus) };
}

const lab = SshdLab.create();
const cache = mkdtempSync(join(tmpdir(), 'tsible-startup-cache-'));
try {
  const [server] = await lab.start(1);
  const inventory = writeSshdInventory(lab, [server], { group: 'bench' });
  const env = { ...process.env, NO_COLOR: '1', TSIBLE_CACHE_DIR: cache };
  const tsible = ['node', join(resolve(process.argv[3] ?? repo), 'bin/tsible.js')];
  const rows: [string, { wallMs: number; cpuMs: number }][] = [];
  const row = (name: string, argv: string[], e = env) => {
    rows.push([name, timed(argv, e)]);
    console.error(`${name}: ${rows.at(-1)![1].wallMs.toFixed(0)} ms`);
  };
  row('node -e 0', ['node', '-e', '0']);
  row('tsible --help', [...tsible, '--help']);
  row('tsible --version', [...tsible, '--version']);
  row('floor: ad hoc `uptime` on 1 host (node + ssh2)', ['node', 'bench/adhoc-floor.mjs', server.address, String(server.port), lab.clientKeyFile, readFileSync(lab.knownHostsFile, 'utf8').split('\n')[0], 'uptime']);
  row('tsible: ad hoc `uptime` on 1 host', [...tsible, 'all', '-i', inventory, '-a', 'uptime']);
  const play = ['play', 'bench/compare/plays/realistic.ts', '-i', inventory, '--list-hosts'];
  rmSync(cache, { recursive: true, force: true });
  const first = spawnSync('/usr/bin/time', ['-f', '%e %U %S', ...tsible, ...play], { cwd: repo, env, encoding: 'utf8' });
  const [fw, fu, fs] = first.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  rows.push(['tsible play --list-hosts (realistic set), compile-cache miss (1 run)', { wallMs: fw * 1000, cpuMs: (fu + fs) * 1000 }]);
  row('tsible play --list-hosts (realistic set), compile-cache hit', [...tsible, ...play]);
  const node = rows[0][1];
  const floor = rows[3][1];
  console.log(`Start-up, median of ${runs} runs; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`);
  console.log('| command | wall (ms) | CPU (ms) | wall ÷ node -e 0 | wall ÷ floor ad hoc |\n|---|---:|---:|---:|---:|');
  for (const [name, m] of rows) console.log(`| ${name} | ${m.wallMs.toFixed(0)} | ${m.cpuMs.toFixed(0)} | ${(m.wallMs / node.wallMs).toFixed(2)} | ${(m.wallMs / floor.wallMs).toFixed(2)} |`);
} finally {
  await lab.stop();
  rmSync(cache, { recursive: true, force: true });
}
