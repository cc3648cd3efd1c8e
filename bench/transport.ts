// Usage (root): npx tsx bench/transport.ts [hosts=10] [commands=50] — same as bench/ssh-floor.ts but through tsible's SSH Transport, to show its overhead.
import { openTransport } from '../core/transport/open.ts';
import { SshdLab } from '../lab/sshd.ts';

const hosts = Number(process.argv[2] ?? 10);
const commands = Number(process.argv[3] ?? 50);
const lab = SshdLab.create();
try {
  const servers = await lab.start(hosts);
  const transports = servers.map((s) => openTransport(s.name, lab.connection(s), { sshConfigFile: null, agentSocket: null }));
  const t0 = performance.now();
  await Promise.all(transports.map((t) => t.connect()));
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    transports.map(async (t) => {
      for (let i = 0; i < commands; i++) if ((await t.run(['true'])).code !== 0) throw new Error('true failed');
    }),
  );
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  await Promise.all(transports.map((t) => t.close()));
  const run = t2 - t1;
  console.log(`tsible Transport: ${hosts} hosts x ${commands} x \`true\` (sequential per host, hosts in parallel)`);
  console.log(`  connect all: ${(t1 - t0).toFixed(0)} ms (known_hosts checked)`);
  console.log(`  run all:     ${run.toFixed(0)} ms wall, ${(run / commands).toFixed(2)} ms per command per host, ${((hosts * commands) / (run / 1000)).toFixed(0)} commands/s`);
  console.log(`  client CPU:  ${((cpu.user + cpu.system) / 1000 / (hosts * commands)).toFixed(2)} ms per command (this process, user+system)`);
} finally {
  await lab.stop();
}
