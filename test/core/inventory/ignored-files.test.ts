// Which files an inventory directory skips.
import { expect } from 'chai';
import { isIgnoredFile } from '../../../core/inventory/ignored-files.ts';

describe('isIgnoredFile', () => {
  for (const name of ['.hidden', 'hosts~', 'hosts.bak', 'hosts.orig', '.hosts.swp', 'site.retry', 'README', 'README.md', 'readme.txt', 'notes.txt', 'x.rst']) {
    it(`skips ${name}`, () => expect(isIgnoredFile(name)).to.equal(true));
  }
  for (const name of ['hosts', 'chapter2.ini', 'hosts.yml', 'prod.json', 'typed.ts', 'readme-hosts']) {
    it(`reads ${name}`, () => expect(isIgnoredFile(name)).to.equal(false));
  }
});
