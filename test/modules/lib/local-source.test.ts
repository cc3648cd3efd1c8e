// local-source: finding src beside the playbook or in files/ and templates/, and reading each version of a file once.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArgsError } from '../../../core/errors.ts';
import { findLocalFile, readLocalFile } from '../../../modules/lib/local-source.ts';

describe('local-source', () => {
  let base: string;
  before(() => {
    base = mkdtempSync(join(tmpdir(), 'tsible-local-source-'));
    mkdirSync(join(base, 'files'));
    mkdirSync(join(base, 'templates'));
    writeFileSync(join(base, 'files/a.txt'), 'in files/\n');
    writeFileSync(join(base, 'b.txt'), 'beside the playbook\n');
    writeFileSync(join(base, 'files/b.txt'), 'shadowed\n');
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('finds src beside the playbook first, then in the kind folder; absolute paths as they are', async () => {
    expect(await findLocalFile(base, 'b.txt', 'files', {})).to.equal(join(base, 'b.txt'));
    expect(await findLocalFile(base, 'a.txt', 'files', {})).to.equal(join(base, 'files/a.txt'));
    expect((await readLocalFile('/nowhere', join(base, 'files/a.txt'), 'files', {})).bytes.toString()).to.equal('in files/\n');
  });
  it('a missing file or a directory is an ArgsError on src listing what was tried', async () => {
    const missing = await readLocalFile(base, 'nope.txt', 'templates', { host: 'h1' }).catch((e: unknown) => e);
    expect(missing).to.be.instanceOf(ArgsError);
    expect((missing as ArgsError).message).to.contain(join(base, 'nope.txt')).and.contain(join(base, 'templates/nope.txt'));
    expect((missing as ArgsError).where).to.include({ field: 'src', host: 'h1' });
    const dir = await readLocalFile(base, 'files', 'files', {}).catch((e: unknown) => e);
    expect((dir as Error).message).to.match(/is a directory/);
  });
  it('reads a file once for many hosts: concurrent and later reads get the same bytes', async () => {
    const reads = await Promise.all(Array.from({ length: 20 }, () => readLocalFile(base, 'a.txt', 'files', {})));
    for (const r of reads) expect(r.bytes).to.equal(reads[0].bytes);
    expect((await readLocalFile(base, 'a.txt', 'files', {})).bytes).to.equal(reads[0].bytes);
  });
  it('a file changed since (same size, even with its old modification time back) is read again', async () => {
    const f = join(base, 'files/changing.txt');
    writeFileSync(f, 'version 1\n');
    utimesSync(f, 1_000_000, 1_000_000);
    expect((await readLocalFile(base, 'changing.txt', 'files', {})).bytes.toString()).to.equal('version 1\n');
    writeFileSync(f, 'version 2\n');
    expect((await readLocalFile(base, 'changing.txt', 'files', {})).bytes.toString()).to.equal('version 2\n');
    // Same size and mtime as version 1: the change time (ctime) still tells them apart.
    writeFileSync(f, 'version 3\n');
    utimesSync(f, 1_000_000, 1_000_000);
    expect((await readLocalFile(base, 'changing.txt', 'files', {})).bytes.toString()).to.equal('version 3\n');
  });
});
