// MarkerScanner: the end marker found wherever the chunks split it, the output before it kept byte for byte.
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { MarkerScanner } from '../../../core/transport/marker-scanner.ts';

const MARK = Buffer.from('tsible-end-0123456789abcdef-7 ');

/** Feeds `data` in chunks cut at `cuts`; returns what the scanner found and at which chunk. */
function feed(data: Buffer, cuts: number[]): { found?: ReturnType<MarkerScanner['push']>; body: Buffer; at: number } {
  const s = new MarkerScanner(MARK);
  const bounds = [0, ...cuts.filter((c) => c > 0 && c < data.length).sort((a, b) => a - b), data.length];
  let found: ReturnType<MarkerScanner['push']>;
  let at = -1;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const r = s.push(data.subarray(bounds[i], bounds[i + 1]));
    if (r && !found) {
      found = r;
      at = i;
    }
  }
  return { found, body: s.body(), at };
}

describe('MarkerScanner', () => {
  it('finds the marker and its line in one chunk, keeping the output before it', () => {
    const r = feed(Buffer.from(`hello\nworld${MARK}0\n`), []);
    expect(r.body.toString()).to.equal('hello\nworld');
    expect(r.found).to.deep.include({ trailer: '0' });
    expect(r.found!.rest.length).to.equal(0);
  });

  it('finds a marker split at every possible place, and waits for the end of its line', () => {
    const out = Buffer.concat([randomBytes(300), Buffer.from('x')]);
    const data = Buffer.concat([out, MARK, Buffer.from('137\n')]);
    for (let cut = 1; cut < data.length; cut++) {
      const r = feed(data, [cut]);
      expect(r.body.equals(out), `cut at ${cut}`).to.equal(true);
      expect(r.found?.trailer, `cut at ${cut}`).to.equal('137');
    }
    // The line's end not there yet: not found.
    expect(feed(Buffer.concat([out, MARK, Buffer.from('13')]), [305]).found).to.equal(undefined);
  });

  it('copes with one-byte chunks and binary output holding part of the marker', () => {
    const out = Buffer.concat([Buffer.from('tsible-end-0123'), Buffer.from([0, 255, 10]), MARK.subarray(0, MARK.length - 1), Buffer.from('\n')]);
    const data = Buffer.concat([out, MARK, Buffer.from('2\nlate')]);
    const r = feed(data, Array.from({ length: data.length }, (_, i) => i));
    expect(r.body.equals(out)).to.equal(true);
    expect(r.found?.trailer).to.equal('2');
    expect(r.found?.rest.toString()).to.equal('late');
  });

  it('with a marker that ends its own line (the stderr marker), the trailer is empty', () => {
    const s = new MarkerScanner(Buffer.from('tsible-end-ab-1\n'));
    expect(s.push(Buffer.from('warning: x\ntsible-end-a'))).to.equal(undefined);
    expect(s.push(Buffer.from('b-1\n'))).to.deep.include({ trailer: '' });
    expect(s.body().toString()).to.equal('warning: x\n');
  });
});
