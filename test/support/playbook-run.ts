// Test helpers for the chapter playbooks: run `tsible play` as a child process, snapshot hosts' state, count HTTP answers.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { LabFixture } from './lab.ts';

/** The repository root (the CLI and playbooks are found from here). */
export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Per-host counters of a run, from `--json`'s `stats` (the engine's own type). */
export type { HostStats } from '../../core/engine/results.ts';
import type { HostStats } from '../../core/engine/results.ts';

/** One task's result on one host, from `--json`. */
export interface JsonHostResult {
  status: string;
  changes?: string[];
  msg?: string;
  [key: string]: unknown;
}

/** The `--json` document. */
export interface PlayJson {
  plays: { name: string; check?: boolean; tasks: { name: string; module?: string; hosts: Record<string, JsonHostResult> }[] }[];
  stats: Record<string, HostStats>;
}

/** What one `tsible play` run gave. */
export interface PlayRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The parsed --json document (undefined if stdout was not JSON). */
  json?: PlayJson;
  /** Wall time in milliseconds. */
  ms: number;
}

/** A random Heartbeat key for one test process (the same key for every run of that process). */
export const TEST_AUTHKEY = randomBytes(24).toString('hex');

/**
 * Runs `node bin/tsible.js play PLAYBOOK -i INVENTORY --json ARGS…` from the repository root, with
 * TSIBLE_HEARTBEAT_AUTHKEY set to TEST_AUTHKEY. Never throws on a non-zero exit.
 */
export function runPlay(playbook: string, inventory: string, args: string[] = [], env: Record<string, string> = {}): Promise<PlayRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // A 30 s connect timeout: the lab's QEMU balancers (TCG) answer SSH slowly on a busy machine, and they are
    // the web servers' jump host (labs brought up since 0a3bf8c write ansible_timeout=30 themselves).
    const child = spawn(process.execPath, ['bin/tsible.js', 'play', playbook, '-i', inventory, '--json', '-e', '{"ansible_timeout":30}', ...args], {
      cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TSIBLE_HEARTBEAT_AUTHKEY: TEST_AUTHKEY, NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      let json: PlayJson | undefined;
      try {
        json = JSON.parse(stdout) as PlayJson;
      } catch {
        json = undefined;
      }
      resolve({ code: code ?? 255, stdout, stderr, json, ms: Date.now() - started });
    });
  });
}

/** A readable account of a failed run, for assertion messages: failed tasks per host, then stderr. */
export function explain(run: PlayRun): string {
  const lines = [`exit ${run.code}`];
  for (const p of run.json?.plays ?? []) {
    for (const t of p.tasks) {
      for (const [h, r] of Object.entries(t.hosts)) {
        if (r.status === 'failed' || r.status === 'unreachable') lines.push(`${h}: ${t.name}: ${r.status}: ${r.msg ?? ''}`);
      }
    }
  }
  if (!run.json) lines.push(`stdout: ${run.stdout.slice(-3000)}`);
  lines.push(`stderr: ${run.stderr.slice(-3000)}`);
  return lines.join('\n');
}

/** Hosts whose stats show changes, with the changed tasks' names (empty when the run changed nothing). */
export function changedTasks(run: PlayRun): string[] {
  const out: string[] = [];
  for (const p of run.json?.plays ?? []) {
    for (const t of p.tasks) {
      for (const [h, r] of Object.entries(t.hosts)) if (r.status === 'changed') out.push(`${h}: ${t.name}: ${(r.changes ?? []).join('; ')}`);
    }
  }
  return out;
}

/**
 * lab.exec, retried (up to 4 tries) when OpenSSH itself failed to connect (exit 255 with a connect error):
 * the QEMU balancers answer slowly on a busy machine and the lab's ssh_config allows 5 s to connect.
 */
export async function labExec(lab: LabFixture, host: string, argv: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  for (let attempt = 1; ; attempt++) {
    const r = await lab.exec(host, argv);
    const connectError = r.code === 255 && /timed out|banner exchange|Connection refused|Connection reset|closed by remote/i.test(r.stderr);
    if (!connectError || attempt === 4) return r;
    await new Promise((res) => setTimeout(res, 2000));
  }
}

/** Runs `argv` on a lab host and returns stdout; throws with stderr on a non-zero exit. */
export async function must(lab: LabFixture, host: string, argv: string[]): Promise<string> {
  const r = await labExec(lab, host, argv);
  if (r.code !== 0) throw new Error(`${host}: ${argv.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** The IPv4 addresses (address/prefix) on a lab host's interfaces, by interface. */
export async function addresses(lab: LabFixture, host: string): Promise<string[]> {
  const out = await must(lab, host, ['ip', '-o', '-4', 'addr', 'show']);
  return out.split('\n').filter(Boolean).map((l) => {
    const f = l.trim().split(/\s+/);
    return `${f[1]} ${f[3]}`;
  });
}

/** True when `host` has `address` on any interface. */
export async function holds(lab: LabFixture, host: string, address: string): Promise<boolean> {
  return (await addresses(lab, host)).some((a) => a.split(' ')[1]?.startsWith(`${address}/`));
}

/**
 * The state a chapter's playbook may touch, as one text per host: packages (name, version, status), every file under
 * /etc and /var/www (path, mode, owner, size, sha256), every service's boot setting and the
 * services running (those a timer starts excepted: apt-daily and the like come and go on their own), the net.ipv4
 * sysctls, hostname, routes, addresses and the IPVS table. Read with one shell script per host; used to prove that
 * --check changes nothing.
 */
export async function snapshot(lab: LabFixture, hosts: string[]): Promise<Record<string, string>> {
  const script = [
    "dpkg-query -W -f '${Package} ${Version} ${db:Status-Abbrev}\\n' | sort",
    "find /etc /var/www -xdev \\( -type f -o -type l -o -type d \\) -printf '%p %y %m %u:%g %s %l\\n' 2>/dev/null | sort",
    'find /etc /var/www -xdev -type f -print0 2>/dev/null | sort -z | xargs -0 sha256sum',
    'systemctl list-unit-files --type=service --no-legend --no-pager | awk \'{print $1, $2}\'',
    "timers=$(systemctl list-timers --all --no-legend --no-pager | awk '{print $NF}')",
    'systemctl list-units --type=service --state=running --no-legend --no-pager | awk \'{print $1}\' | grep -vxF "$timers"',
    'sysctl -a 2>/dev/null | grep "^net\\.ipv4\\." | sort',
    'hostname',
    'ip -4 route show',
    "ip -o -4 addr show | awk '{print $2, $4}'",
    'if command -v ipvsadm >/dev/null; then ipvsadm -Sn; else echo "no ipvsadm"; fi',
  ].join('\n');
  const out: Record<string, string> = {};
  await Promise.all(hosts.map(async (h) => {
    out[h] = await must(lab, h, ['sh', '-c', script]);
  }));
  return out;
}

/**
 * Runs `playbook` with --check between two snapshots of `hosts` and expects them equal line for line (the lines that
 * differ are shown). Returns the run: the caller checks what it reported.
 */
export async function checkModeChangesNothing(lab: LabFixture, playbook: string, hosts: string[], args: string[] = []): Promise<PlayRun> {
  const before = await snapshot(lab, hosts);
  const run = await runPlay(playbook, lab.inventory, ['--check', ...args]);
  expect(run.json, explain(run)).to.be.an('object');
  const after = await snapshot(lab, hosts);
  for (const h of hosts) {
    const was = new Set(before[h]!.split('\n'));
    const is = new Set(after[h]!.split('\n'));
    const gone = [...was].filter((l) => !is.has(l));
    const added = [...is].filter((l) => !was.has(l));
    expect({ gone, added }, `${h} changed under --check`).to.deep.equal({ gone: [], added: [] });
  }
  return run;
}

/** One HTTP GET on a fresh TCP connection (IPVS schedules connections, not requests); resolves the body. */
export function getOnce(url: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { Connection: 'close' }, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`${url}: HTTP ${res.statusCode}`))));
    });
    req.on('timeout', () => req.destroy(new Error(`${url}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** The host a page names (`<meta name="tsible-host" content="web1">`, written by playbooks/templates/index.html.ejs). */
export function pageHost(body: string): string {
  const m = /<meta name="tsible-host" content="([^"]*)"/.exec(body);
  if (!m) throw new Error(`the page names no host: ${body.slice(0, 200)}`);
  return m[1];
}

/** `n` requests in a row (one connection each); how many each host answered. */
export async function hits(url: string, n: number): Promise<Record<string, number>> {
  const count: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const host = pageHost(await getOnce(url));
    count[host] = (count[host] ?? 0) + 1;
  }
  return count;
}

/** Polls `check` every 250 ms until it is true; resolves the elapsed ms, or rejects after `timeoutMs`. */
export async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check().catch(() => false)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not true after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
