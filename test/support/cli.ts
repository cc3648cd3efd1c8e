// Test helpers for the CLI: run `tsible …` in-process with captured output, and write an INI inventory for sshd test servers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo } from '../../core/cli/io.ts';
import { main } from '../../core/cli/main.ts';
import { needsRoot } from './needs.ts';
import { SshdLab, type SshdServer } from './sshd.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI on `argv` in this process (colours off), capturing what it prints; `io` may set env, home and --step answers. */
export async function runCli(argv: string[], cwd = process.cwd(), io: Partial<Pick<CliIo, 'env' | 'home' | 'ask'>> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (t) => { stdout += t; }, err: (t) => { stderr += t; }, cwd, color: false, ...io });
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

/** What useSshdTargets gives a suite (valid inside its tests and hooks). */
export interface SshdTargets {
  readonly lab: SshdLab;
  readonly servers: SshdServer[];
  /** INI inventory of every server, group `targets`. */
  readonly inventory: string;
  /** A fresh empty folder per test (removed after it). */
  readonly dir: string;
}

/**
 * Inside a mocha `describe`: starts `count` sshd servers for the suite (root needed: skips with a printed
 * reason otherwise), writes their inventory, and gives each test a fresh folder under /tmp.
 */
export function useSshdTargets(count: number, name: string, setup?: (lab: SshdLab) => void): SshdTargets {
  const state: { lab?: SshdLab; servers?: SshdServer[]; inventory?: string; dir?: string } = {};
  before(async function () {
    needsRoot(this);
    state.lab = SshdLab.create();
    state.servers = await state.lab.start(count);
    state.inventory = writeSshdInventory(state.lab, state.servers);
    setup?.(state.lab);
  });
  after(() => state.lab?.stop());
  beforeEach(() => {
    state.dir = mkdtempSync(`/tmp/tsible-${name}-test-`);
  });
  afterEach(() => {
    if (state.dir) rmSync(state.dir, { recursive: true, force: true });
  });
  return {
    get lab() { return state.lab!; },
    get servers() { return state.servers!; },
    get inventory() { return state.inventory!; },
    get dir() { return state.dir!; },
  };
}
