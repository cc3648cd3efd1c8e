// Copying and layering variables: Secrets survive, layers replace whole keys, inputs are never shared.
import { expect } from 'chai';
import { cloneValue, combineVars } from '../../../core/inventory/clone-vars.ts';
import { Secret } from '../../../core/secret.ts';

describe('combineVars', () => {
  it('replaces a key wholesale, later layers winning', () => {
    expect(combineVars({ a: 1, o: { x: 1, y: 1 } }, { o: { x: 2 } }, { b: 3 })).to.deep.equal({ a: 1, o: { x: 2 }, b: 3 });
  });
  it('copies deeply but keeps Secret instances', () => {
    const s = new Secret('x');
    const src = { list: [{ s }], o: { n: 1 } };
    const out = combineVars(src);
    expect((out.list as { s: Secret }[])[0].s).to.equal(s);
    (out.o as { n: number }).n = 2;
    expect(src.o.n).to.equal(1);
    expect(cloneValue(s)).to.equal(s);
  });
});
