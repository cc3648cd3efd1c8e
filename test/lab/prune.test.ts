// `lab prune` (root) removes the lab's cache entries (rootfs, VM images, apt) and nothing else; refuses while a lab is up.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labPrune } from '../../lab/index.ts';
import { isRoot, needs } from '../support/needs.ts';

describe('lab prune', () => {
  let dir: string;
  before(async function () {
    needs(this, isRoot, 'lab verbs need root');
    dir = await mkdtemp(join(tmpdir(), 'tsible-prune-'));
  });
  after(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

  it('removes rootfs-*, vm-images-* and apt/, keeps other files', async () => {
    const cacheDir = join(dir, 'cache');
    for (const d of ['rootfs-abc/etc', 'vm-images-123', 'apt', 'unrelated']) await mkdir(join(cacheDir, d), { recursive: true });
    const removed = await labPrune({ cacheDir, stateDir: join(dir, 'state') });
    expect(removed.map((r) => r.slice(cacheDir.length + 1)).sort()).to.deep.equal(['apt', 'rootfs-abc', 'vm-images-123']);
    expect(await readdir(cacheDir)).to.deep.equal(['unrelated']);
    expect(await labPrune({ cacheDir: join(dir, 'none'), stateDir: join(dir, 'state') })).to.deep.equal([]);
  });
  it('refuses while a lab is up', async () => {
    await mkdir(join(dir, 'state2'), { recursive: true });
    await writeFile(join(dir, 'state2', 'state.json'), JSON.stringify({ plan: { topology: { name: 'x' } } }));
    const e = await labPrune({ cacheDir: join(dir, 'cache'), stateDir: join(dir, 'state2') }).catch((x: Error) => x.message);
    expect(e).to.match(/a lab is up/);
    expect(existsSync(join(dir, 'cache', 'unrelated'))).to.equal(true);
  });
});
