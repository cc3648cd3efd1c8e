// Bench: lab up/down of container topologies (warm cache) and one container host's start-to-SSH time. Root; `npx tsx bench/lab.ts [--rounds N] [--topology chapter3]`.
import { labDown, labStart, labStop, labUp } from '../lab/index.ts';

const argv = process.argv.slice(2);
const rounds = Number(argv[argv.indexOf('--rounds') + 1]) || 3;
const topology = argv.includes('--topology') ? argv[argv.indexOf('--topology') + 1] : 'chapter3';
const stateDir = process.env.TSIBLE_LAB_BENCH_STATE ?? '/var/lib/tsible/lab-bench';
const secs = (ms: number) => (ms / 1000).toFixed(2);
const stats = (xs: number[]) => `min ${secs(Math.min(...xs))} s, median ${secs([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)])} s, max ${secs(Math.max(...xs))} s`;

if (process.getuid?.() !== 0) {
  console.log('lab bench skipped: needs root');
  process.exit(0);
}
await labDown({ stateDir });
const ups: number[] = [];
const downs: number[] = [];
const starts: number[] = [];
const sshAfterStart: number[] = [];
try {
  for (let i = 0; i < rounds; i++) {
    let t0 = Date.now();
    const info = await labUp(topology, { stateDir, kind: 'container', log: (l) => { if (/SSH answers/.test(l)) sshAfterStart.push(Number(/\((\d+\.\d+) s\)/.exec(l)?.[1]) * 1000); } });
    ups.push(Date.now() - t0);
    const host = info.plan.hosts[info.plan.hosts.length - 1].name;
    await labStop(host, { stateDir });
    t0 = Date.now();
    await labStart(host, { stateDir }); // boot + wait until an SSH login succeeds
    starts.push(Date.now() - t0);
    t0 = Date.now();
    await labDown({ stateDir });
    downs.push(Date.now() - t0);
  }
} finally {
  await labDown({ stateDir });
}
console.log(`${topology} (containers, warm cache), ${rounds} rounds`);
console.log(`  lab up (all hosts answer SSH):       ${stats(ups)}`);
console.log(`  a host's SSH wait during up:         ${stats(sshAfterStart)}`);
console.log(`  one host start → SSH login works:    ${stats(starts)}`);
console.log(`  lab down:                            ${stats(downs)}`);
