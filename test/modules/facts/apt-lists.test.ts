// apt-lists fact: cache age and configured sources without a list, from real output (this machine; an empty lists folder).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parseAptLists, sourceOf } from '../../../modules/facts/apt-lists.ts';

const recorded = (name: string) => ({ stdout: readFileSync(new URL(`../../fixtures/modules/apt/${name}.txt`, import.meta.url), 'utf8') });

describe('apt-lists fact', () => {
  it('refreshed lists (.lz4): an age, no source missing (binary-all lists apt never fetches do not count)', () => {
    expect(parseAptLists(recorded('lists-local-fresh'))).to.deep.equal({ age: 247, missing: [] });
  });
  it('a fresh image\'s empty, new lists folder: age 0 by its mtime, but every configured source is missing', () => {
    expect(parseAptLists(recorded('lists-empty-new'))).to.deep.equal({
      age: 0,
      missing: ['deb.debian.org_debian_dists_bookworm_main', 'deb.debian.org_debian_dists_bookworm-updates_main', 'deb.debian.org_debian-security_dists_bookworm-security_main'],
    });
  });
  it('one source fetched, another not: only that one is missing', () => {
    const out = '100\n90\n=configured\n/l/a_dists_x_main_binary-amd64_Packages\n/l/b_dists_y_main_binary-amd64_Packages\n=present\n/l/a_dists_x_main_binary-amd64_Packages.xz\n';
    expect(parseAptLists({ stdout: out })).to.deep.equal({ age: 10, missing: ['b_dists_y_main'] });
  });
  it('no source configured: nothing missing; no stamp and no folder: no age', () => {
    expect(parseAptLists({ stdout: '100\n=configured\n=present\n' })).to.deep.equal({ missing: [] });
  });
  it('sourceOf strips the architecture, the Packages suffix and its compression; flat repositories too', () => {
    expect(sourceOf('/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4')).to.equal('deb.debian.org_debian_dists_bookworm_main');
    expect(sourceOf('/var/lib/apt/lists/repo.example_flat_._Packages')).to.equal('repo.example_flat_.');
  });
});
