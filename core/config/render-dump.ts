// `tsible config dump`: every setting (or only the changed ones) as `name(origin) = value`, like ansible-config dump.
import type { Config } from './load-config.ts';
import { SETTINGS } from './settings.ts';

/** One line per setting, after a CONFIG_FILE line per file read; `onlyChanged` leaves out the defaults. */
export function renderConfigDump(config: Config, options: { onlyChanged?: boolean } = {}): string {
  const lines = [
    `CONFIG_FILE(ansible.cfg) = ${config.files.ansible ?? 'None'}`,
    `CONFIG_FILE(tsible.cfg) = ${config.files.tsible ?? 'None'}`,
  ];
  for (const def of SETTINGS) {
    const origin = config.origins[def.name];
    if (options.onlyChanged && origin === 'default') continue;
    const value = config.values[def.name];
    const shown = value === undefined ? 'None' : Array.isArray(value) ? value.join(',') : String(value);
    lines.push(`${def.name}(${origin}) = ${shown}${def.noEffect && origin !== 'default' ? `   (no effect: ${def.noEffect})` : ''}`);
  }
  return lines.join('\n') + '\n';
}
