// The cache lock: one holder at a time, a dead holder's lock is taken over.
import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withFileLock } from '../../lab/file-lock.ts';

describe('lab/file-lock', () => {
  let dir: string;
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'tsible-lock-')); });
  after(async () => { await rm(dir, { recursive: true, force: true }); });

  it('runs holders one after the other and removes the lock', async () => {
    const lock = join(dir, 'a.lock');
    const order: string[] = [];
    const job = (n: string) => withFileLock(lock, async () => {
      order.push(`${n}+`);
      expect(await readFile(lock, 'utf8')).to.equal(`${process.pid}\n`);
      await new Promise((r) => setTimeout(r, 30));
      order.push(`${n}-`);
    });
    await Promise.all([job('a'), job('b')]);
    expect([order[0][0] === order[1][0], order[2][0] === order[3][0], order.map((x) => x[1]).join('')]).to.deep.equal([true, true, '+-+-']);
    expect(existsSync(lock)).to.equal(false);
  });
  it('takes over a lock whose owner is dead', async () => {
    const lock = join(dir, 'b.lock');
    await writeFile(lock, '2147483646\n');
    expect(await withFileLock(lock, async () => 'ran')).to.equal('ran');
  });
});
