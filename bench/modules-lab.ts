// Usage (root, a lab up: `tsible lab up chapter4`): npx tsx bench/modules-lab.ts [state-dir=/var/lib/tsible/lab] [extra tsible options…]
// Issue 4's target: a converged run of a ~20-task play on 3 lab hosts (web1..3) in under 2 s of tsible's own time.
// Runs bench/compare/plays/realistic.ts (19 tasks: file, template, copy, lineinfile, sysctl, shell, command) three times
// in-process: the first converges, the next two must change nothing; prints wall time and this process's CPU time.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../cli/main.ts';

const stateDir = process.argv[2] ?? process.env.TSIBLE_LAB_STATE ?? '/var/lib/tsible/lab';
const root = join(import.meta.dirname, '..');
const groups = join('/tmp', `tsible-bench-groups-${process.pid}.ini`);
writeFileSync(groups, '[bench:children]\nwebservers\n');
let out = '';
const io = { out: (t: string) => { out += t; }, err: (t: string) => void process.stderr.write(t), cwd: root, color: false };

async function run(): Promise<{ wall: number; cpu: number; changed: number; hosts: number }> {
  out = '';
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const code = await main(['play', join(root, 'bench/compare/plays/realistic.ts'), '-i', join(stateDir, 'inventory.ini'), '-i', groups, '--json', ...process.argv.slice(3)], io);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(cpu0);
  if (code !== 0) throw new Error(`play exited ${code}:\n${out.slice(0, 2000)}`);
  const stats = Object.values(JSON.parse(out).stats as Record<string, { changed: number }>);
  return { wall, cpu: (c.user + c.system) / 1000, changed: stats.reduce((n, s) => n + s.changed, 0), hosts: stats.length };
}

const first = await run();
console.log(`first run:     ${first.wall.toFixed(0)} ms wall, ${first.cpu.toFixed(0)} ms tsible CPU, ${first.changed} changes on ${first.hosts} hosts`);
for (let i = 1; i <= 2; i++) {
  const r = await run();
  console.log(`converged #${i}:  ${r.wall.toFixed(0)} ms wall, ${r.cpu.toFixed(0)} ms tsible CPU, ${r.changed} changes (must be 0) — target < 2000 ms of tsible's own time`);
  if (r.changed !== 0) process.exitCode = 1;
}
