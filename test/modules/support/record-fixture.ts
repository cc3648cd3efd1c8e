// Records a fact command's real output as a fixture: NAME.txt (stdout) and NAME.cmd (the command, replayable with `sh -s`).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { toShell, type Command } from '../../../core/quote.ts';
import { openTransport } from '../../../core/transport/open.ts';
import type { Transport } from '../../../core/transport/transport.ts';
import { TEST_STATE_DIR } from '../../support/lab.ts';

const open = new Map<string, Transport>();

/** One connection per lab host for all recordings of a process (close them with closeRecorders()). */
function labTransport(host: string): Transport {
  let t = open.get(host);
  if (t) return t;
  const state = JSON.parse(readFileSync(`${TEST_STATE_DIR}/state.json`, 'utf8')) as { plan: { hosts: { name: string; sshAddress: string; jump?: string }[] } };
  const h = state.plan.hosts.find((x) => x.name === host);
  if (!h) throw new Error(`no host ${host} in the running test lab`);
  t = openTransport(host, {
    transport: 'ssh', address: h.sshAddress, port: 22, user: 'root', keyFiles: [`${TEST_STATE_DIR}/id_ed25519`],
    knownHostsFiles: [`${TEST_STATE_DIR}/known_hosts`], jump: h.jump ? [`root@${h.jump}:22`] : undefined, connectTimeoutMs: 60_000,
  }, { sshConfigFile: null, agentSocket: null });
  open.set(host, t);
  return t;
}

/** Closes the connections recordFixture opened. */
export async function closeRecorders(): Promise<void> {
  await Promise.all([...open.values()].map((t) => t.close()));
  open.clear();
}

/**
 * Runs `command` with LC_ALL=C on a host of the running test lab (through tsible's transport: one login through the
 * jump host, which OpenSSH's 5 s ConnectTimeout often misses on the TCG VM) or on 'local' (this Debian 12 machine),
 * and writes OUT.txt (stdout), OUT.stderr (`exit N` then stderr, when not 0 and empty) and OUT.cmd (how to replay it).
 */
export async function recordFixture(host: string, out: string, command: Command): Promise<void> {
  const script = Array.isArray(command) ? toShell(command) : (command as { shell: string }).shell;
  const name = basename(out);
  const sshConfig = `${TEST_STATE_DIR}/ssh_config`;
  let stdout: string;
  let stderr = '';
  let code: number | null = 0;
  if (host === 'local') {
    try {
      stdout = execFileSync('sh', ['-s'], { input: script, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      ({ stdout, stderr, status: code } = e as { stdout: string; stderr: string; status: number | null });
    }
  } else {
    ({ stdout, stderr, code } = await labTransport(host).run({ shell: script }));
  }
  writeFileSync(`${out}.txt`, stdout);
  // Exit status and stderr too, when they are part of what the parser reads (a refusal, an unknown name).
  if (code !== 0 || stderr !== '') writeFileSync(`${out}.stderr`, `exit ${code}\n${stderr}`);
  const how = host === 'local'
    ? `on the Debian 12 dev machine: LC_ALL=C sh -s < ${name}.cmd > ${name}.txt`
    : `on lab host ${host} (chapter4 lab, Debian 12): ssh -F ${sshConfig} ${host} 'LC_ALL=C sh -s' < ${name}.cmd > ${name}.txt`;
  writeFileSync(`${out}.cmd`, `# Recorded ${how}\n${script}\n`);
}
