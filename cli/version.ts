// `tsible --version`: the version, the config files read, and where tsible and Node run from (as ansible --version).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../core/config/load-config.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The package folder: one up from cli/, two up from dist/cli/. */
const ROOT = [join(HERE, '..'), join(HERE, '..', '..')].find((d) => existsSync(join(d, 'package.json'))) ?? join(HERE, '..', '..');

export function versionText(config: Config): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return [
    `tsible ${pkg.version}`,
    `  config file = ${config.files.ansible ?? 'None'}`,
    `  tsible config file = ${config.files.tsible ?? 'None'}`,
    `  tsible location = ${ROOT}`,
    `  executable location = ${process.argv[1] ?? 'None'}`,
    `  node version = ${process.version}`,
  ].join('\n') + '\n';
}
