// Test helpers: an Inventory from INI text, and the fixtures folder.
import { fileURLToPath } from 'node:url';
import { buildInventory } from '../../../core/inventory/build.ts';
import { InventoryBuilder } from '../../../core/inventory/builder.ts';
import { parseIni } from '../../../core/inventory/ini.ts';
import type { Inventory } from '../../../core/inventory/types.ts';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/inventory/', import.meta.url));

/** The Inventory of INI `text`, as if read from file `file`. */
export function iniInventory(text: string, file = 'hosts'): Inventory {
  const b = new InventoryBuilder();
  parseIni(text, file, b);
  return buildInventory(b, file);
}
