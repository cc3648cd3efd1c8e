// Test helpers for the CLI: run `tsible …` in-process with captured output, and write an INI inventory for sshd test servers.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../core/cli/main.ts';
import type { SshdLab, SshdServer } from './sshd.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI on `argv` in this process (colours off), capturing what it prints. */
export async function runCli(argv: string[], cwd = process.cwd()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (t) => { stdout += t; }, err: (t) => { stderr += t; }, cwd, color: false });
  return { code, stdout, stderr };
}

/** An INI inventory of `servers` (named after them) in group `group`, logging in as root with the lab's key and known_hosts. */
export function writeSshdInventory(lab: SshdLab, servers: SshdServer[], opts: { group?: string; file?: string; extra?: Record<string, string> } = {}): string {
  const file = opts.file ?? join(lab.dir, 'inventory.ini');
  const lines = [`[${opts.group ?? 'targets'}]`];
  for (const s of servers) {
    const extra = Object.entries(opts.extra?.[s.name] ? { x: opts.extra[s.name] } : {}).map(([, v]) => ` ${v}`).join('');
    lines.push(`${s.name} ansible_host=${s.address} ansible_port=${s.port} ansible_user=root ansible_ssh_private_key_file=${lab.clientKeyFile} ansible_ssh_common_args='-o UserKnownHostsFile=${lab.knownHostsFile}'${extra}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
