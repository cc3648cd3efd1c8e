// The compile cache of TypeScript playbooks (core/compile-cache.ts): a miss compiles, a hit does not, any change to an imported file of the user's invalidates, two runs at once agree, errors name file and line.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompileError, compileCacheDir, compileStats, compiledModuleUrl, type CompileOptions } from '../../core/compile-cache.ts';
import { importTypeScript } from '../../core/import-typescript.ts';

describe('compile cache', function () {
  this.timeout(30_000);
  let dir: string;
  let cache: string;
  let opts: CompileOptions;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-compile-'));
    cache = join(dir, 'cache');
    opts = { cacheDir: cache, tsibleUrl: () => undefined, compilerId: 'test', resolverUrl: pathToFileURL(join(import.meta.dirname, '../../core/import-typescript.ts')).href };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const stats = () => ({ ...compileStats });
  const delta = (before: { hits: number; compiles: number }) => ({ hits: compileStats.hits - before.hits, compiles: compileStats.compiles - before.compiles });

  it('compiles on a miss, not on a hit, and again when the playbook or a file it imports (TypeScript or JSON) changes', async () => {
    writeFileSync(join(dir, 'lib.ts'), 'export const n: number = 1;\n');
    writeFileSync(join(dir, 'play.ts'), "import { n } from './lib.ts';\nexport default { n, here: import.meta.dirname };\n");
    const play = join(dir, 'play.ts');
    let s = stats();
    const first = await compiledModuleUrl(play, opts);
    expect(delta(s)).to.deep.equal({ hits: 0, compiles: 1 });
    expect(((await import(first)) as { default: { n: number; here: string } }).default).to.deep.equal({ n: 1, here: dir });
    s = stats();
    expect(await compiledModuleUrl(play, opts)).to.equal(first);
    expect(delta(s)).to.deep.equal({ hits: 1, compiles: 0 });
    // The imported file changes: a miss, and the new value.
    writeFileSync(join(dir, 'lib.ts'), 'export const n: number = 2;\n');
    s = stats();
    const second = await compiledModuleUrl(play, opts);
    expect(delta(s)).to.deep.equal({ hits: 0, compiles: 1 });
    expect(second).to.not.equal(first);
    expect(((await import(second)) as { default: { n: number } }).default.n).to.equal(2);
    // A JSON file it imports is an input too.
    writeFileSync(join(dir, 'data.json'), '{ "port": 80 }\n');
    writeFileSync(join(dir, 'lib.ts'), "import data from './data.json';\nexport const n: number = data.port;\n");
    const third = await compiledModuleUrl(play, opts);
    expect(((await import(third)) as { default: { n: number } }).default.n).to.equal(80);
    writeFileSync(join(dir, 'data.json'), '{ "port": 8080 }\n');
    s = stats();
    const fourth = await compiledModuleUrl(play, opts);
    expect(delta(s)).to.deep.equal({ hits: 0, compiles: 1 });
    expect(((await import(fourth)) as { default: { n: number } }).default.n).to.equal(8080);
    // Another compiler (esbuild's version, another tsible) never takes this entry.
    s = stats();
    await compiledModuleUrl(play, { ...opts, compilerId: 'other' });
    expect(delta(s)).to.deep.equal({ hits: 0, compiles: 1 });
  });

  it('an edited playbook replaces its compiled file: the cache keeps one per playbook, not one per edit', async () => {
    const play = join(dir, 'play.ts');
    const o = { ...opts, replacedGraceMs: 0 };
    const outputs = () => readdirSync(cache).filter((f) => f.endsWith('.mjs'));
    for (let i = 1; i <= 3; i++) {
      writeFileSync(play, `export default ${i};\n`);
      expect(((await import(await compiledModuleUrl(play, o))) as { default: number }).default).to.equal(i);
      expect(outputs(), `after edit ${i}`).to.have.length(1);
    }
    // Within the grace period (a concurrent run may be about to import it) the replaced file stays.
    writeFileSync(play, 'export default 4;\n');
    await compiledModuleUrl(play, opts);
    expect(outputs()).to.have.length(2);
  });

  it('two processes compiling the same playbook at once both succeed and leave one complete entry', async () => {
    writeFileSync(join(dir, 'play.ts'), 'export default { answer: 42 as number };\n');
    const script = `import { compiledModuleUrl } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, '../../core/compile-cache.ts')).href)};
const url = await compiledModuleUrl(${JSON.stringify(join(dir, 'play.ts'))}, { ...${JSON.stringify(opts)}, tsibleUrl: () => undefined });
console.log((await import(url)).default.answer);`;
    writeFileSync(join(dir, 'run.mts'), script);
    const run = () => new Promise<string>((resolve) => {
      const c = spawn(process.execPath, ['--import', 'tsx', join(dir, 'run.mts')], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      c.stdout.on('data', (b: Buffer) => (out += b));
      c.on('close', () => resolve(out.trim()));
    });
    expect(await Promise.all([run(), run(), run()])).to.deep.equal(['42', '42', '42']);
    const files = readdirSync(cache);
    expect(files.filter((f) => f.endsWith('.mjs'))).to.have.length(1);
    expect(files.filter((f) => f.endsWith('.json'))).to.have.length(1);
    expect(files.filter((f) => f.includes('.tmp'))).to.deep.equal([]);
  });

  it('a syntax error names the file, line and column', async () => {
    writeFileSync(join(dir, 'bad.ts'), 'export default {\n  a: 1,\n  b: = 2,\n};\n');
    const e = await compiledModuleUrl(join(dir, 'bad.ts'), opts).then(() => undefined, (x: unknown) => x);
    expect(e).to.be.instanceOf(CompileError);
    expect((e as Error).message).to.match(new RegExp(`^${join(dir, 'bad.ts')}:3:\\d+: `));
  });

  it('a runtime error in a compiled playbook points at the user\'s file and line (source maps)', async () => {
    process.env.TSIBLE_CACHE_DIR = cache;
    try {
      writeFileSync(join(dir, 'throws.ts'), "const x: number = 1;\n\nif (x) throw new Error('boom');\nexport default {};\n");
      const e = (await importTypeScript(join(dir, 'throws.ts')).then(() => undefined, (x: unknown) => x)) as Error;
      expect(e.message).to.equal('boom');
      expect(e.stack).to.include(`${join(dir, 'throws.ts')}:3:`);
    } finally {
      delete process.env.TSIBLE_CACHE_DIR;
    }
  });

  it('lives under $XDG_CACHE_HOME/tsible (else ~/.cache/tsible), or $TSIBLE_CACHE_DIR', () => {
    expect(compileCacheDir({ XDG_CACHE_HOME: '/x' })).to.equal('/x/tsible/compiled');
    expect(compileCacheDir({ TSIBLE_CACHE_DIR: '/y/c', XDG_CACHE_HOME: '/x' })).to.equal('/y/c');
    expect(compileCacheDir({})).to.match(/\/\.cache\/tsible\/compiled$/);
  });
});
