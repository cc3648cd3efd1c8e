// Banners and PLAY RECAP lines match Ansible's widths byte for byte.
import { expect } from 'chai';
import { banner, recapLine } from '../../output/banner.ts';

describe('banner / recapLine', () => {
  it('pads banners with stars to 80 columns, at least 3', () => {
    expect(banner('PLAY RECAP')).to.equal(`PLAY RECAP ${'*'.repeat(69)}`);
    expect(banner('TASK [x]')).to.have.length(80);
    expect(banner(`TASK [${'y'.repeat(100)}]`).endsWith(' ***')).to.equal(true);
  });
  it('formats a recap line as Ansible does', () => {
    const line = recapLine('web1', { ok: 3, changed: 1, unreachable: 0, failed: 0, skipped: 2, rescued: 0, ignored: 0 });
    expect(line).to.equal('web1                       : ok=3    changed=1    unreachable=0    failed=0    skipped=2    rescued=0    ignored=0   ');
  });
});
