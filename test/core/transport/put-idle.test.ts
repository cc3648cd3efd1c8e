// The put script's idle watchdog, run by a local sh: a transfer that stalls with its input still open is abandoned (temp file removed, target kept); a slow one that keeps moving completes.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { putInput, putScript, TEMP_INFIX } from '../../../core/transport/put-script.ts';

/** Runs the put script for `path` under sh; `feed` writes its input. Resolves with the exit code and the ms it took. */
async function runScript(path: string, feed: (stdin: NodeJS.WritableStream) => Promise<void>): Promise<{ code: number | null; ms: number }> {
  const script = putScript(path, 0o644, undefined, undefined, { checkS: 1, checks: 2 });
  const shell = 'shell' in script ? script.shell : undefined;
  if (typeof shell !== 'string') throw new Error('the put script is a plain shell script');
  const started = Date.now();
  const child = spawn('sh', ['-c', shell], { stdio: ['pipe', 'ignore', 'ignore'] });
  const exited = new Promise<number | null>((ok) => child.once('exit', ok));
  await feed(child.stdin);
  const code = await exited;
  child.stdin.destroy();
  return { code, ms: Date.now() - started };
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describe('put script idle watchdog (local sh)', function () {
  this.timeout(30_000);
  let dir = '';
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'tsible-put-idle-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('abandons a transfer whose input stalls while still open: exit 1, no temp file, the old content kept', async () => {
    const target = join(dir, 'f');
    writeFileSync(target, 'old\n');
    const input = putInput(Buffer.alloc(100_000, 'n'));
    const r = await runScript(target, async (stdin) => {
      stdin.write(input.subarray(0, 50_000)); // half, then silence: the cable is cut, the pipe stays open
    });
    expect(r.code).to.equal(1);
    // Two idle checks one second apart after the one that saw the last growth: about 3 s, well before any TCP timeout.
    expect(r.ms).to.be.within(1500, 10_000);
    expect(readFileSync(target, 'utf8')).to.equal('old\n');
    expect(readdirSync(dir).filter((n) => n.includes(TEMP_INFIX))).to.deep.equal([]);
  });

  it('completes a slow transfer that keeps moving (a pause shorter than the limit each time)', async () => {
    const target = join(dir, 'f');
    const content = Buffer.alloc(40_000, 's');
    const input = putInput(content);
    const r = await runScript(target, async (stdin) => {
      for (let i = 0; i < input.length; i += 10_000) {
        stdin.write(input.subarray(i, i + 10_000));
        await sleep(1200);
      }
      stdin.end();
    });
    expect(r.code).to.equal(0);
    expect(readFileSync(target).equals(content)).to.equal(true);
    expect(readdirSync(dir)).to.deep.equal(['f']);
  });
});
