// The image cache: a build counts only under the current recipe key; builds of other keys are stale and removed.
import { expect } from 'chai';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readyImages, removeStaleImages } from '../../../lab/vm/prepare.ts';
import { recipeKey } from '../../../lab/vm/recipe.ts';

describe('lab/vm image cache', () => {
  let cache = '';
  beforeEach(async () => {
    cache = await mkdtemp(join(tmpdir(), 'tsible-vm-cache-'));
  });
  afterEach(() => rm(cache, { recursive: true, force: true }));

  async function fakeBuild(dirKey: string, manifestKey: string, release?: string) {
    const d = join(cache, `vm-images-${dirKey}`);
    await mkdir(d);
    for (const f of ['base.raw', 'vmlinuz', 'initrd.gz']) await writeFile(join(d, f), 'x');
    await writeFile(join(d, 'manifest.json'), JSON.stringify({ key: manifestKey, kernelRelease: '6.1.0-0-amd64', builtAt: 'x', release }));
  }

  it('finds nothing in an empty cache', async () => {
    expect(await readyImages(cache)).to.equal(null);
  });
  it('uses a build of the current recipe key', async () => {
    await fakeBuild(recipeKey(), recipeKey());
    const ready = await readyImages(cache);
    expect(ready?.base).to.equal(join(cache, `vm-images-${recipeKey()}`, 'base.raw'));
    expect(ready?.manifest.kernelRelease).to.equal('6.1.0-0-amd64');
  });
  it('ignores a build made from another Debian release than the mirror\'s (kernel and packages), unless the release is unknown', async () => {
    await fakeBuild(recipeKey(), recipeKey(), '12.14 Sat, 10 May 2026 10:00:00 UTC');
    expect(await readyImages(cache, '12.15 Sat, 11 Jul 2026 10:16:37 UTC')).to.equal(null);
    expect(await readyImages(cache, '12.14 Sat, 10 May 2026 10:00:00 UTC')).not.to.equal(null);
    expect(await readyImages(cache)).not.to.equal(null); // offline: what is cached
  });
  it('ignores an incomplete build (an image file missing or empty)', async () => {
    await fakeBuild(recipeKey(), recipeKey());
    await writeFile(join(cache, `vm-images-${recipeKey()}`, 'initrd.gz'), '');
    expect(await readyImages(cache)).to.equal(null);
    await rm(join(cache, `vm-images-${recipeKey()}`, 'initrd.gz'));
    expect(await readyImages(cache)).to.equal(null);
  });
  it('ignores a build whose manifest names another key', async () => {
    await fakeBuild(recipeKey(), '0000000000000000');
    expect(await readyImages(cache)).to.equal(null);
  });
  it('removes builds and leftovers of other keys, keeping the current one and the lock', async () => {
    await fakeBuild(recipeKey(), recipeKey());
    await fakeBuild('0000000000000000', '0000000000000000');
    await mkdir(join(cache, 'vm-images-1111111111111111.scratch'));
    await writeFile(join(cache, 'vm-images-build.lock'), '1\n');
    await mkdir(join(cache, 'other-tool'));
    const removed = await removeStaleImages(cache, recipeKey());
    expect(removed.sort()).to.deep.equal(['vm-images-0000000000000000', 'vm-images-1111111111111111.scratch']);
    expect((await readdir(cache)).sort()).to.deep.equal(['other-tool', `vm-images-${recipeKey()}`, 'vm-images-build.lock']);
  });
  it('changes the key when a recipe input changes (the mirror)', () => {
    const before = recipeKey();
    const saved = process.env.TSIBLE_DEBIAN_MIRROR;
    process.env.TSIBLE_DEBIAN_MIRROR = 'http://mirror.example/debian';
    try {
      expect(recipeKey()).not.to.equal(before);
    } finally {
      if (saved === undefined) delete process.env.TSIBLE_DEBIAN_MIRROR;
      else process.env.TSIBLE_DEBIAN_MIRROR = saved;
    }
  });
});
