// Usage (root): npx tsx bench/ssh-floor.ts [hosts=10] [commands=50] — raw ssh2: one connection per loopback sshd, `true` M times per host, hosts in parallel.
import { readFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import { SshdLab } from '../lab/sshd.ts';

const hosts = Number(process.argv[2] ?? 10);
const commands = Number(process.argv[3] ?? 50);
const lab = SshdLab.create();
try {
  const servers = await lab.start(hosts);
  const key = readFileSync(lab.clientKeyFile);
  const t0 = performance.now();
  const clients = await Promise.all(
    servers.map(
      (s) =>
        new Promise<InstanceType<typeof ssh2.Client>>((resolve, reject) => {
          const c = new ssh2.Client();
          c.on('ready', () => resolve(c))
            .on('error', reject)
            .connect({ host: s.address, port: s.port, username: 'root', privateKey: key });
        }),
    ),
  );
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const exec = (c: InstanceType<typeof ssh2.Client>): Promise<number> =>
    new Promise((resolve, reject) =>
      c.exec('true', (err, ch) => {
        if (err) return reject(err);
        let code = -1;
        ch.on('exit', (c: number) => (code = c)).on('close', () => resolve(code));
        ch.resume();
        ch.stderr.resume();
      }),
    );
  await Promise.all(
    clients.map(async (c) => {
      for (let i = 0; i < commands; i++) if ((await exec(c)) !== 0) throw new Error('true failed');
    }),
  );
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  clients.forEach((c) => c.end());
  const run = t2 - t1;
  console.log(`ssh2 floor: ${hosts} hosts x ${commands} x \`true\` (sequential per host, hosts in parallel)`);
  console.log(`  connect all: ${(t1 - t0).toFixed(0)} ms`);
  console.log(`  run all:     ${run.toFixed(0)} ms wall, ${(run / commands).toFixed(2)} ms per command per host, ${((hosts * commands) / (run / 1000)).toFixed(0)} commands/s`);
  console.log(`  client CPU:  ${((cpu.user + cpu.system) / 1000 / (hosts * commands)).toFixed(2)} ms per command (this process, user+system)`);
} finally {
  await lab.stop();
}
