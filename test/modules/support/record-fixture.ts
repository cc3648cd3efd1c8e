// Records a fact command's real output as a fixture: NAME.txt (stdout) and NAME.cmd (the command, replayable with `sh -s`).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { toShell, type Command } from '../../../core/quote.ts';
import { TEST_STATE_DIR } from '../../support/lab.ts';

/** Runs `command` on a lab host (or 'local': this machine) with LC_ALL=C, as the transport does, and writes OUT.txt and OUT.cmd. */
export function recordFixture(host: string, out: string, command: Command): void {
  const script = Array.isArray(command) ? toShell(command) : (command as { shell: string }).shell;
  const local = host === 'local';
  const name = basename(out);
  const sshConfig = `${TEST_STATE_DIR}/ssh_config`;
  let stdout: string;
  try {
    stdout = local
      ? execFileSync('sh', ['-s'], { input: script, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } })
      : execFileSync('ssh', ['-F', sshConfig, host, 'LC_ALL=C sh -s'], { input: script, encoding: 'utf8' });
  } catch (e) {
    const err = e as { status?: number; stdout?: string };
    if (err.status === 255 || err.stdout === undefined) throw e;
    stdout = err.stdout; // a non-zero exit is part of what the fact parses
  }
  writeFileSync(`${out}.txt`, stdout);
  const how = local
    ? `on the Debian 12 dev machine: LC_ALL=C sh -s < ${name}.cmd > ${name}.txt`
    : `on lab host ${host} (chapter4 lab, Debian 12): ssh -F ${sshConfig} ${host} 'LC_ALL=C sh -s' < ${name}.cmd > ${name}.txt`;
  writeFileSync(`${out}.cmd`, `# Recorded ${how}\n${script}\n`);
}
