// -t / --skip-tags selection, with Ansible's special tags always, never, tagged, untagged, all.
import { expect } from 'chai';
import { taskSelected } from '../../../core/engine/tag-filter.ts';

describe('taskSelected', () => {
  const t = (...tags: string[]) => ({ tags });
  it('no -t: everything but `never`', () => {
    expect(taskSelected(t(), undefined, undefined)).to.equal(true);
    expect(taskSelected(t('x'), undefined, undefined)).to.equal(true);
    expect(taskSelected(t('never'), undefined, undefined)).to.equal(false);
  });
  it('-t x: tasks tagged x and `always`', () => {
    expect(taskSelected(t('x'), ['x'], undefined)).to.equal(true);
    expect(taskSelected(t('y'), ['x'], undefined)).to.equal(false);
    expect(taskSelected(t(), ['x'], undefined)).to.equal(false);
    expect(taskSelected(t('always'), ['x'], undefined)).to.equal(true);
    expect(taskSelected(t('never', 'x'), ['x'], undefined)).to.equal(true);
  });
  it('tagged / untagged / all', () => {
    expect(taskSelected(t('y'), ['tagged'], undefined)).to.equal(true);
    expect(taskSelected(t(), ['tagged'], undefined)).to.equal(false);
    expect(taskSelected(t(), ['untagged'], undefined)).to.equal(true);
    expect(taskSelected(t('y'), ['all'], undefined)).to.equal(true);
  });
  it('--skip-tags wins, and skips `always` only by name', () => {
    expect(taskSelected(t('x'), ['x'], ['x'])).to.equal(false);
    expect(taskSelected(t('always'), undefined, ['all'])).to.equal(true);
    expect(taskSelected(t('always'), undefined, ['always'])).to.equal(false);
  });
});
