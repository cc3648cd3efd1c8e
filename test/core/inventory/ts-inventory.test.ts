// A TypeScript inventory outside a "type": "module" folder loads like a playbook (tsx), and its errors name file:line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ArgsError } from '../../../core/errors.ts';
import { loadInventory } from '../../../core/inventory/load.ts';

const root = join(import.meta.dirname, '../../..');

describe('TypeScript inventory in a folder without package.json', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tsible-tsinv-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, lines: string[]) => {
    writeFileSync(join(dir, name), lines.join('\n') + '\n');
    return join(dir, name);
  };
  const header = `import { defineInventory, secret } from ${JSON.stringify(join(root, 'core/inventory/define.ts'))};`;

  it('loads a valid one (imports, types, secrets)', async () => {
    const file = write('inv.ts', [
      header,
      'const n: number = 2;',
      'export default defineInventory({',
      '  groups: { web: { hosts: { [`web[1:${n}]`]: { tsible_port: 2222 } }, vars: { db_password: secret("x") } } },',
      '});',
    ]);
    const inv = await loadInventory([file], { cwd: dir });
    expect([...inv.hosts.keys()]).to.deep.equal(['web1', 'web2']);
  });

  it('a syntax error names file:line', async () => {
    const file = write('bad.ts', [header, '', 'export default defineInventory({', '  hosts: { a: { x: 1 } ', '});']);
    const e = await loadInventory([file], { cwd: dir }).catch((x: Error) => x);
    expect(e).to.be.instanceOf(ArgsError);
    expect((e as Error).message).to.match(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:[45]: cannot load this TypeScript inventory`));
  });

  it('an error thrown while it runs names the file and says what was thrown (tsx gives no line for it, as for playbooks)', async () => {
    const file = write('throws.ts', [header, 'const x = 1;', 'if (x) throw new Error("no hosts today");', 'export default defineInventory({});']);
    const e = await loadInventory([file], { cwd: dir }).catch((x: Error) => x);
    expect((e as Error).message).to.match(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+)?: cannot load this TypeScript inventory: no hosts today$`));
  });
});
