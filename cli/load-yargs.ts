// yargs for the command line: from dist/vendor/yargs.js when tsible runs from dist/ (one file, help renderer loaded on demand: scripts/bundle-yargs.mjs), else the package.
import { existsSync } from 'node:fs';
import type yargsFactory from 'yargs';

/** The yargs factory. From the sources (no dist/vendor beside cli/), the package as npm installed it. */
export async function loadYargs(): Promise<typeof yargsFactory> {
  const bundled = new URL('../vendor/yargs.js', import.meta.url);
  if (existsSync(bundled)) return ((await import(bundled.href)) as { default: typeof yargsFactory }).default;
  return (await import('yargs')).default;
}
