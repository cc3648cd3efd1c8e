// The mirror's suite release (cached lab images are rebuilt when it changes): parsed from a real InRelease, and read from the mirror.
import { expect } from 'chai';
import { parseRelease, suiteRelease } from '../../lab/debian-release.ts';

const IN_RELEASE = `-----BEGIN PGP SIGNED MESSAGE-----
Hash: SHA256

Origin: Debian
Label: Debian
Suite: oldstable
Version: 12.15
Codename: bookworm
Changelogs: https://metadata.ftp-master.debian.org/changelogs/@CHANGEPATH@_changelog
Date: Sat, 11 Jul 2026 10:16:37 UTC
Acquire-By-Hash: yes
`; // head of http://deb.debian.org/debian/dists/bookworm/InRelease, 2026-12-01

describe('lab/debian-release', () => {
  it('parses Version and Date from an InRelease', () => {
    expect(parseRelease(IN_RELEASE)).to.equal('12.15 Sat, 11 Jul 2026 10:16:37 UTC');
    expect(parseRelease('Origin: x\n')).to.equal(undefined);
  });
  it('an unreachable mirror gives no release (the caller keeps its cache), quickly', async () => {
    const t0 = Date.now();
    expect(await suiteRelease('http://127.0.0.1:9/debian', 'bookworm', 2000)).to.equal(undefined);
    expect(Date.now() - t0).to.be.below(3000);
  });
  it('reads the real mirror\'s bookworm release (the Debian mirror is the one address the lab may reach) @lab', async function () {
    this.timeout(20_000);
    expect(await suiteRelease()).to.match(/^12\.\d+ \w{3}, \d{2} \w{3} \d{4} /);
  });
});
