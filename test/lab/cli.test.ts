// `tsible lab …` parsing: verbs, their arguments and errors, through yargs with the exported command module.
import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yargs from 'yargs';
import { labCommand } from '../../lab/cli.ts';

/** Runs the CLI with `args`; returns what it printed and the error message, if any. */
async function cli(args: string[]): Promise<{ out: string; error?: string }> {
  const lines: string[] = [];
  const log = console.log;
  const write = process.stdout.write.bind(process.stdout);
  console.log = (...a: unknown[]) => { lines.push(a.join(' ')); };
  process.stdout.write = ((s: string) => { lines.push(s); return true; }) as typeof process.stdout.write;
  try {
    await yargs(args).command(labCommand).strict().exitProcess(false).fail((msg, err) => { throw err ?? new Error(msg); }).parseAsync();
    return { out: lines.join('\n') };
  } catch (e) {
    return { out: lines.join('\n'), error: (e as Error).message };
  } finally {
    console.log = log;
    process.stdout.write = write;
  }
}

describe('lab/cli', () => {
  let dir: string;
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'tsible-labcli-')); });
  after(async () => { await rm(dir, { recursive: true, force: true }); });

  it('says when no lab is up', async () => {
    expect(await cli(['lab', 'status', '--state-dir', join(dir, 'none')])).to.deep.equal({ out: 'no lab is up' });
    expect((await cli(['lab', 'cut', 'web1', '--state-dir', join(dir, 'none')])).error).to.match(/^(no lab is up|`tsible lab cut` must run as root)/);
  });
  it('draws any topology without a running lab', async () => {
    const f = join(dir, 'c2.svg');
    expect((await cli(['lab', 'diagram', 'chapter2', '-o', f])).error).to.equal(undefined);
    expect(await readFile(f, 'utf8')).to.include('enp0s8 192.168.200.254');
  });
  it('rejects a missing verb, an unknown topology, and exec without a command', async () => {
    expect((await cli(['lab'])).error).to.match(/Not enough non-option arguments|name a verb/);
    expect((await cli(['lab', 'diagram', 'chapter7'])).error).to.match(/unknown topology "chapter7"/);
    expect((await cli(['lab', 'exec', 'web1', '--state-dir', join(dir, 'none')])).error).to.match(/name a command after the host/);
    expect((await cli(['lab', 'up', 'chapter1', '--kind', 'docker'])).error).to.match(/Invalid values/);
  });
});
