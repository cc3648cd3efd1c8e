// The checksum copy and template send to the file fact to skip reading the old content: never for content holding a secret.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { Secret } from '../../../core/secret.ts';
import { contentSkipChecksum, maskedContent, plainContent, secretContent } from '../../../modules/lib/file-content.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('modules/lib/file-content: contentSkipChecksum', () => {
  it('is the sha256 of plain content (and of a rendering whose secrets were not used)', () => {
    expect(contentSkipChecksum(plainContent('AUTO="true"\n'))).to.equal(sha('AUTO="true"\n'));
    expect(contentSkipChecksum(maskedContent('node lb1\n', 'node lb1\n', [new Secret('k3y')]))).to.equal(sha('node lb1\n'));
  });

  it('is undefined for a secret content and for a rendering holding a secret (the script is a command line the host\'s users can see)', () => {
    expect(contentSkipChecksum(secretContent(new Secret('auth 1\n1 sha1 k3y\n')))).to.equal(undefined);
    const key = new Secret('k3y');
    expect(contentSkipChecksum(maskedContent('auth 1\n1 sha1 k3y\n', 'auth 1\n1 sha1 ***\n', [key]))).to.equal(undefined);
  });
});
