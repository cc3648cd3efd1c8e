// Test helpers for the CLI: run `tsible …` in-process with captured output, and sshd targets (lab/sshd.ts) for a suite.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { needsRoot } from './needs.ts';
import { SshdLab, type SshdServer, writeSshdInventory } from '../../lab/sshd.ts';

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
