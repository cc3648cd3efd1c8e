// bin/tsible.js running tsible compiled to dist/ (scripts/build-dist.mjs): a playbook importing the sources gets the one dist copy, and the run matches a run from the sources; a stale dist/ is not used.
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
// @ts-expect-error: plain JavaScript without types, run by bin/tsible.js
import { freshDist } from '../../bin/dist-state.js';

const repo = join(import.meta.dirname, '../..');

/** The proof playbook: flushHandlers, a Secret written by copy, an ArgsError thrown by the playbook's own copy of the error class, a failing command. */
const PLAYBOOK = `// Proof playbook (written by test/bin/dist-redirect.test.ts).
import { writeFileSync } from 'node:fs';
import { flushHandlers, playbook, Secret } from '../core/index.ts';
import { command, copy } from '../modules/index.ts';
import { ArgsError } from 'tsible';

writeFileSync(process.env.PROOF_OUT!, [import.meta.resolve('../core/index.ts'), import.meta.resolve('../modules/index.ts'), import.meta.resolve('tsible'), import.meta.resolve('tsible/modules')].join('\\n'));

export default playbook({
  name: 'dist proof',
  hosts: 'targets',
  vars: { key: new Secret('s3cr3t-dist-proof') },
  tasks: [
    copy((v) => ({ dest: v.dir + '/secret', content: v.key, mode: '0600' }), { name: 'Secret file', notify: 'mark' }),
    flushHandlers,
    command((v) => ({ argv: ['test', '-e', v.dir + '/handler-ran'] }), { name: 'Handler ran before this task' }),
    command(() => { throw new ArgsError('proof: bad argument', { field: 'argv' }); }, { name: 'Playbook error', ignoreErrors: true }),
    command({ argv: ['false'] }, { name: 'Failing command' }),
  ],
  handlers: [command((v) => ({ argv: ['touch', v.dir + '/handler-ran'] }), { name: 'mark' })],
});
`;

describe('bin/tsible.js from dist/', function () {
  this.timeout(180_000);
  let pkg: string;

  before(() => {
    // A copy of the package (node_modules linked), so building its dist/ never touches the repository's.
    pkg = mkdtempSync('/tmp/tsible-dist-test-');
    for (const p of ['bin', 'core', 'modules', 'cli', 'output', 'scripts/build-dist.mjs', 'scripts/bundle-yargs.mjs', 'scripts/bundle-tsible.mjs', 'test/support/record-imports.mjs', 'test/support/record-imports-hook.mjs', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) cpSync(join(repo, p), join(pkg, p), { recursive: true });
    symlinkSync(join(repo, 'node_modules'), join(pkg, 'node_modules'));
    mkdirSync(join(pkg, 'playbooks'));
    writeFileSync(join(pkg, 'playbooks/dist-proof.ts'), PLAYBOOK);
    writeFileSync(join(pkg, 'inventory.ini'), '[targets]\nlocal1 ansible_connection=local\n');
    const built = spawnSync(process.execPath, ['scripts/build-dist.mjs'], { cwd: pkg, encoding: 'utf8' });
    expect(built.status, built.stdout + built.stderr).to.equal(0);
    expect(existsSync(join(pkg, 'dist/bundle/tsible.cjs'))).to.equal(true);
    expect(existsSync(join(pkg, 'dist/build.json'))).to.equal(true);
  });
  after(() => rmSync(pkg, { recursive: true, force: true }));

  function play(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; resolved: string[]; dir: string }> {
    const dir = mkdtempSync(join(pkg, 'run-'));
    const out = join(dir, 'resolved.txt');
    return new Promise((resolve, reject) => {
      const c = spawn(process.execPath, ['bin/tsible.js', 'play', 'playbooks/dist-proof.ts', '-i', 'inventory.ini', '-e', `dir=${dir}`, '--diff'], {
        cwd: pkg, env: { ...process.env, NO_COLOR: '1', PROOF_OUT: out, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      c.stdout.on('data', (b: Buffer) => { stdout += b; });
      c.stderr.on('data', (b: Buffer) => { stderr += b; });
      c.on('error', reject);
      c.on('close', (code) => resolve({ code, stdout, stderr, resolved: existsSync(out) ? readFileSync(out, 'utf8').split('\n') : [], dir }));
    });
  }
  /** The output without what differs from run to run (the temp dir). */
  const normal = (r: { stdout: string; dir: string }) => r.stdout.split(r.dir).join('DIR');

  it('one copy of tsible (the playbook\'s imports resolve to dist/), and the same run as from the sources', async () => {
    const fromDist = await play({});
    const fromSources = await play({ TSIBLE_NO_DIST: '1' });
    expect(fromDist.resolved).to.deep.equal([`file://${pkg}/dist/core/index.js`, `file://${pkg}/dist/modules/index.js`, `file://${pkg}/dist/core/index.js`, `file://${pkg}/dist/modules/index.js`]);
    expect(fromSources.resolved).to.deep.equal([`file://${pkg}/core/index.ts`, `file://${pkg}/modules/index.ts`, `file://${pkg}/core/index.ts`, `file://${pkg}/modules/index.ts`]);
    for (const r of [fromDist, fromSources]) {
      // The failing command fails the host: exit 2; the handler ran at flushHandlers (the next task found its file).
      expect(r.code, r.stdout + r.stderr).to.equal(2);
      expect(readFileSync(join(r.dir, 'secret'), 'utf8')).to.equal('s3cr3t-dist-proof');
      expect(r.stdout + r.stderr).to.not.contain('s3cr3t-dist-proof');
      expect(r.stdout).to.match(/RUNNING HANDLER \[mark\][^]*TASK \[Handler ran before this task\] \*+\n(changed|ok): \[local1\]/);
      expect(r.stdout).to.match(/threw: field \\"argv\\": proof: bad argument/);
      expect(r.stdout).to.match(/local1\s*: ok=\d+\s+changed=\d+\s+unreachable=0\s+failed=1/);
    }
    expect(normal(fromDist)).to.equal(normal(fromSources));
  });

  it('every core/ and modules/ file has a twin in dist/ exporting the names its source exports, all from the one bundled copy', () => {
    const files = ['core', 'modules'].flatMap((d) => (readdirSync(join(pkg, d), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => `${d}/${f}`));
    expect(files.length).to.be.above(100);
    const names = (urls: string[], loader: string[]) => {
      const script = `const out = {}; for (const u of ${JSON.stringify(urls)}) out[u] = Object.keys(await import(u)).sort(); process.stdout.write(JSON.stringify(Object.values(out)));`;
      const r = spawnSync(process.execPath, [...loader, '--input-type=module', '-e', script], { cwd: pkg, encoding: 'utf8', maxBuffer: 1 << 26 });
      expect(r.status, r.stderr).to.equal(0);
      return JSON.parse(r.stdout) as string[][];
    };
    const fromSources = names(files.map((f) => pathToFileURL(join(pkg, f)).href), ['--import', 'tsx']);
    const twins = names(files.map((f) => pathToFileURL(join(pkg, 'dist', f.replace(/\.ts$/, '.js'))).href), []);
    expect(Object.fromEntries(files.map((f, i) => [f, twins[i]]))).to.deep.equal(Object.fromEntries(files.map((f, i) => [f, fromSources[i]])));
    // One copy: a class reached through two twins is the same class.
    const same = spawnSync(process.execPath, ['--input-type=module', '-e',
      "const a = await import('./dist/core/index.js'); const b = await import('./dist/core/errors.js'); process.stdout.write(String(a.ArgsError === b.ArgsError && a.TsibleError === b.TsibleError));"], { cwd: pkg, encoding: 'utf8' });
    expect(same.stdout, same.stderr).to.equal('true');
  });

  it('yargs from its bundle (dist/vendor): the same help and errors as the package, in English and in French; its help renderer loads for help only (not for an ad hoc run or a play)', () => {
    const run = (args: string[], env: Record<string, string> = {}) => {
      const r = spawnSync(process.execPath, ['bin/tsible.js', ...args], { cwd: pkg, env: { ...process.env, NO_COLOR: '1', COLUMNS: '100', ...env }, encoding: 'utf8' });
      return `${r.status}\n${r.stdout}\n${r.stderr}`;
    };
    for (const lang of ['C', 'fr_FR.UTF-8']) {
      for (const args of [['--help'], ['play', '--help'], ['vault', '--help'], ['play'], ['all', '-i', 'inventory.ini', '--no-such-option']]) {
        const env = { LANG: lang, LC_ALL: lang };
        expect(run(args, env), `${lang} tsible ${args.join(' ')}`).to.equal(run(args, { ...env, TSIBLE_NO_DIST: '1' }));
      }
    }
    expect(run(['--help'], { LANG: 'fr_FR.UTF-8', LC_ALL: 'fr_FR.UTF-8' })).to.contain("Affiche l'aide"); // yargs' translations found from the bundle
    const loaded = (args: string[]) => {
      const out = join(pkg, `loaded-${args.length}.txt`);
      rmSync(out, { force: true });
      spawnSync(process.execPath, ['--import', './test/support/record-imports.mjs', 'bin/tsible.js', ...args], { cwd: pkg, env: { ...process.env, RECORD_IMPORTS_TO: out }, encoding: 'utf8' });
      return readFileSync(out, 'utf8');
    };
    const adhoc = loaded(['all', '-i', 'inventory.ini', '--list-hosts']);
    expect(adhoc).to.contain('/dist/vendor/yargs.js');
    expect(adhoc).to.not.match(/yargs-help\.cjs|node_modules\/(yargs|string-width|cliui)\//);
    // yargs renders a command's help each time it starts the command's handler, in case it is asked for later; tsible never asks.
    const play = loaded(['play', 'playbooks/dist-proof.ts', '-i', 'inventory.ini', '--list-hosts']);
    expect(play).to.contain('/dist/core/index.js');
    expect(play).to.not.contain('yargs-help.cjs');
    expect(loaded(['--help'])).to.contain('/dist/vendor/yargs-help.cjs');
  });

  it("V8's code cache beside the bundle: written by the first play that ran (not by a listing), then used as it is; a damaged one is rejected and replaced, the run unchanged", async () => {
    const cache = join(pkg, 'dist/bundle/tsible.cjs.play.v8-cache');
    rmSync(cache, { force: true });
    const listing = spawnSync(process.execPath, ['bin/tsible.js', 'play', 'playbooks/dist-proof.ts', '-i', 'inventory.ini', '--list-hosts'], { cwd: pkg, encoding: 'utf8', env: { ...process.env, PROOF_OUT: join(pkg, 'listing-resolved.txt') } });
    expect(listing.status, listing.stderr).to.equal(0);
    expect(existsSync(cache), 'a listing makes no play cache').to.equal(false);
    const first = await play({});
    expect(existsSync(cache)).to.equal(true);
    const made = statSync(cache);
    const second = await play({});
    expect(normal(second)).to.equal(normal(first));
    // Not rewritten: V8 accepted it (a rejected cache is replaced, below).
    expect(statSync(cache).mtimeMs).to.equal(made.mtimeMs);
    const damaged = Buffer.alloc(made.size, 7);
    writeFileSync(cache, damaged);
    const third = await play({});
    expect(normal(third)).to.equal(normal(first));
    expect(third.code).to.equal(2);
    expect(readFileSync(cache).equals(damaged), 'replaced').to.equal(false);
    expect(readdirSync(join(pkg, 'dist/bundle')).filter((f) => f.endsWith('.tmp'))).to.deep.equal([]);
  });

  it('a source changed since the build (newer, restored with an older time, added, deleted): dist/ is not used; a half-built one neither', async () => {
    const task = join(pkg, 'core/task.ts');
    const { atimeMs, mtimeMs } = statSync(task);
    const restore = () => utimesSync(task, atimeMs / 1000, mtimeMs / 1000); // seconds as numbers: sub-ms precision kept
    const sources = `file://${pkg}/core/index.ts`;
    const future = new Date(Date.now() + 60_000);
    utimesSync(task, future, future);
    const r = await play({});
    expect(r.resolved[0]).to.equal(sources);
    expect(r.code, r.stdout + r.stderr).to.equal(2);
    // An older time than the build's start (tar x, cp -p of another version) is a change too.
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(task, past, past);
    expect((await play({})).resolved[0]).to.equal(sources);
    // Back to exactly what was built: dist/ again. Then a new file, then a deleted one.
    restore();
    expect((await play({})).resolved[0]).to.equal(`file://${pkg}/dist/core/index.js`);
    writeFileSync(join(pkg, 'core/extra.ts'), 'export const extra = 1;\n');
    expect((await play({})).resolved[0]).to.equal(sources);
    rmSync(join(pkg, 'core/extra.ts'));
    const quote = readFileSync(join(pkg, 'core/quote.ts'));
    rmSync(join(pkg, 'core/quote.ts'));
    expect(freshDist(pathToFileURL(`${pkg}/`))).to.equal(undefined);
    writeFileSync(join(pkg, 'core/quote.ts'), quote);
    // A half-built dist/ (no build.json) is not used either.
    restore();
    rmSync(join(pkg, 'dist/build.json'));
    expect((await play({})).resolved[0]).to.equal(sources);
  });
});
