// Programs started on a bench host per run (strace -f of its sshd): tsible against the floor, first and converged run, per task set.
// Usage (root): node --import tsx bench/compare/forks.ts [--sets pyinfra,realistic] [--tools tsible,floor] [--log DIR]
// One host (127.0.7.250:2299, away from run.sh's hosts). Counts every successful execve under the host's sshd,
// by program name: the session's login shell, `sh -c`, and what the task's script runs.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BenchHosts } from './hosts.ts';

const repo = resolve(import.meta.dirname, '../..');
const argv = process.argv.slice(2);
const opt = (name: string, def: string): string => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : def);
const sets = opt('sets', 'pyinfra,realistic').split(',');
const tools = opt('tools', 'tsible,floor').split(',');
const logDir = opt('log', '/tmp/tsible-bench-forks/log');
const work = '/tmp/tsible-bench-forks';

if (process.getuid?.() !== 0) {
  console.error('bench/compare/forks.ts needs root (an sshd host in a mount namespace)');
  process.exit(1);
}
mkdirSync(logDir, { recursive: true });

/**
 * Processes seen in an strace -f log (forks without an exec too), and successful execve calls by program basename.
 * A call interrupted by another process's line is split in two: `execve("/usr/bin/sh", … <unfinished ...>`, then
 * later `<... execve resumed>) = 0` on the same PID; both forms count.
 */
function countExecs(file: string): { processes: number; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const pids = new Set<string>();
  /** PID → program of its execve still unfinished in the log. */
  const unfinished = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const pid = /^(\d+) /.exec(line)?.[1];
    if (pid) pids.add(pid);
    const call = /execve\("([^"]+)"/.exec(line);
    let program: string | undefined;
    if (call && line.endsWith('<unfinished ...>')) {
      if (pid) unfinished.set(pid, call[1]);
      continue;
    }
    if (call) program = / = 0$/.test(line) ? call[1] : undefined;
    else if (pid && line.includes('<... execve resumed>')) {
      program = / = 0$/.test(line) ? unfinished.get(pid) : undefined;
      unfinished.delete(pid);
    }
    if (!program) continue;
    const name = program.split('/').pop()!;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return { processes: pids.size, counts };
}

function run(cmd: string[]): Promise<number | null> {
  return new Promise((ok, fail) => {
    const p = spawn(cmd[0], cmd.slice(1), { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
    p.once('error', fail);
    p.once('exit', (code) => ok(code));
  });
}

const hosts = await BenchHosts.create(join(work, 'hosts'), 1, 2299);
// One host, away from run.sh's 127.0.7.1…N.
hosts.hosts[0].address = '127.0.7.250';
writeFileSync(join(hosts.hosts[0].dir, 'sshd_config'), readFileSync(join(hosts.hosts[0].dir, 'sshd_config'), 'utf8').replace(/^ListenAddress .*$/m, 'ListenAddress 127.0.7.250:2299'));
writeFileSync(hosts.knownHostsFile, readFileSync(hosts.knownHostsFile, 'utf8').replace('[127.0.7.1]:2299', '[127.0.7.250]:2299'));
writeFileSync(hosts.inventoryFile, readFileSync(hosts.inventoryFile, 'utf8').replace('ansible_host=127.0.7.1 ', 'ansible_host=127.0.7.250 '));
const floorHosts = join(hosts.dir, 'floor-hosts.json');
const h = hosts.hosts[0];
writeFileSync(floorHosts, JSON.stringify({ key: hosts.clientKeyFile, hosts: [{ name: h.name, address: h.address, port: h.port, hostKey: readFileSync(join(h.dir, 'host_ed25519.pub'), 'utf8').trim() }] }));

const rows: string[] = [];
let tracer: ChildProcess | undefined;
try {
  for (const set of sets) {
    for (const tool of tools) {
      await hosts.up();
      for (const kind of ['first', 'converged']) {
        const log = join(logDir, `${set}-${tool}-${kind}.strace`);
        tracer = spawn('strace', ['-f', '-qq', '-e', 'trace=execve,clone,clone3,fork,vfork,exit_group', '-e', 'signal=none', '-o', log, '-p', String(h.proc!.pid)], { stdio: 'ignore' });
        await new Promise((r) => setTimeout(r, 500));
        const cmd = tool === 'tsible'
          ? ['node', 'bin/tsible.js', 'play', `bench/compare/plays/${set}.ts`, '-i', hosts.inventoryFile]
          : ['node', 'bench/compare/floor.mjs', floorHosts, `bench/compare/plays/${set}.floor.mjs`];
        const code = await run(cmd);
        await new Promise((r) => setTimeout(r, 300));
        const exited = new Promise((r) => tracer!.once('exit', r));
        tracer.kill('SIGINT');
        await exited;
        tracer = undefined;
        const { processes, counts } = countExecs(log);
        const total = [...counts.values()].reduce((a, b) => a + b, 0);
        const by = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
        rows.push(`| ${set} | ${kind} | ${tool} | ${code} | ${processes} | ${total} | ${by} |`);
        console.log(rows[rows.length - 1]);
      }
      await hosts.down();
    }
  }
} finally {
  if (tracer?.pid) tracer.kill('SIGKILL');
  await hosts.destroy();
}
console.log(['', '| set | run | tool | exit | processes on the host | programs started (execve) | by program |', '|---|---|---|---:|---:|---:|---|', ...rows].join('\n'));
