// The config a command runs with (tsible.cfg, ansible.cfg, environment), its warnings printed: light enough for --version and config dump.
import { loadConfig, type Config } from '../core/config/load-config.ts';
import type { CliIo } from './io.ts';

/** The config for a command run with `io` (its environment, folder and home); warnings go to io.err. */
export function loadRunConfig(io: CliIo): Config {
  const config = loadConfig({ env: io.env, cwd: io.cwd, home: io.home });
  for (const w of config.warnings) io.err(`[WARNING]: ${w}\n`);
  return config;
}
