// Usage (root): npx tsx bench/engine.ts [hosts=20] — issue 2's engine benchmark on loopback sshd servers:
// ad hoc `command -a true` through the real CLI, and 10- vs 20-task plays in-process (per task per host overhead, flatness in hosts).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../cli/main.ts';
import { SshdLab, writeSshdInventory } from '../lab/sshd.ts';

const maxHosts = Number(process.argv[2] ?? 20);
const root = join(import.meta.dirname, '..');
const quiet = { out: () => {}, err: (t: string) => void process.stderr.write(t), cwd: root, color: false };
const lab = SshdLab.create();

async function playMs(inventory: string, tasks: number): Promise<{ wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const code = await main(['play', join(root, `bench/fixtures/true-${tasks}.ts`), '-i', inventory], quiet);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(cpu0);
  if (code !== 0) throw new Error(`play exited ${code}`);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

try {
  const servers = await lab.start(maxHosts);
  console.log(`tsible engine benchmark — ${maxHosts} OpenSSH servers on loopback, this machine: ${(await import('node:os')).cpus().length} CPUs, load ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
  const inventory = writeSshdInventory(lab, servers);
  const cli = (args: string[]) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(root, 'bin/tsible.js'), ...args], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tsible ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return performance.now() - t0;
  };
  const start = cli(['--help']);
  const adhoc = cli(['targets', '-i', inventory, '-m', 'command', '-a', 'true']);
  console.log(`\nad hoc \`tsible targets -m command -a true\` over ${maxHosts} hosts (real CLI, new process): ${adhoc.toFixed(0)} ms wall (of which ~${start.toFixed(0)} ms is node + tsx start-up, as \`tsible --help\`)`);
  console.log('\nplays of `command true` tasks, in-process (connections opened once per run):');
  console.log('hosts | 10 tasks wall | 20 tasks wall | per extra task (wall, all hosts) | CPU per task per host');
  for (const n of [1, 5, 10, maxHosts].filter((x, i, a) => x <= maxHosts && a.indexOf(x) === i)) {
    const inv = writeSshdInventory(lab, servers.slice(0, n), { file: join(lab.dir, `inv-${n}.ini`) });
    await playMs(inv, 10); // warm-up: module loading, JIT
    const ten = await playMs(inv, 10);
    const twenty = await playMs(inv, 20);
    const perTask = (twenty.wall - ten.wall) / 10;
    const cpuPerTaskHost = (twenty.cpu - ten.cpu) / (10 * n);
    console.log(`${String(n).padStart(5)} | ${ten.wall.toFixed(0).padStart(10)} ms | ${twenty.wall.toFixed(0).padStart(10)} ms | ${perTask.toFixed(1).padStart(12)} ms | ${cpuPerTaskHost.toFixed(2)} ms`);
  }
  console.log('\n"per extra task" is the wall time one more task adds for all hosts together (one SSH round trip each, in parallel);');
  console.log('"CPU per task per host" is tsible\'s own CPU (this process) per task per host — the overhead the issue targets (< 5 ms).');
} finally {
  await lab.stop();
}
