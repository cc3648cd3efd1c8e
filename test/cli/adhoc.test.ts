// Ad hoc runs (`tsible PATTERN -m MODULE -a ARGS`) and `tsible modules` with plugin modules from --module-path.
import { expect } from 'chai';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, useSshdTargets } from '../support/cli.ts';

const modules = join(import.meta.dirname, '../fixtures/engine/modules');

describe('tsible ad hoc and modules', function () {
  this.timeout(60_000);
  const t = useSshdTargets(3, 'adhoc');

  it('runs a plugin module on every host with k=v arguments (quoted values keep their spaces)', async () => {
    const r = await runCli(['targets', '-i', t.inventory, '-M', modules, '-m', 'marker', '-a', `path=${t.dir}/f content="two words"`]);
    expect(r.code, r.stderr).to.equal(0);
    // The servers share this machine's filesystem: whoever writes first changes the file, the others may find it done.
    for (const s of t.servers) expect(r.stdout).to.match(new RegExp(`^${s.name} \\| (CHANGED|SUCCESS) => \\{`, 'm'));
    expect(r.stdout).to.include('| CHANGED => {');
    expect(readFileSync(join(t.dir, 'f'), 'utf8')).to.equal('two words');
    const again = await runCli(['targets', '-i', t.inventory, '-M', modules, '-m', 'marker', '-a', `{"path":"${t.dir}/f","content":"two words"}`]);
    for (const s of t.servers) expect(again.stdout).to.include(`${s.name} | SUCCESS => {`);
  });

  it('--check changes nothing; a failure is reported per host with exit 2', async () => {
    const r = await runCli([t.servers[0].name, '-i', t.inventory, '-M', modules, '-m', 'marker', '-a', `path=${t.dir}/g`, '--check']);
    expect(r.code).to.equal(0);
    expect(existsSync(join(t.dir, 'g'))).to.equal(false);
    const f = await runCli(['targets', '-i', t.inventory, '-M', modules, '-m', 'marker', '-a', `path=${t.dir}/g failWith=kaput`]);
    expect(f.code).to.equal(2);
    expect(f.stdout).to.match(/\| FAILED! => \{[\s\S]*kaput/);
  });

  it('tsible modules lists plugin modules with their source, and documents one', async () => {
    const list = await runCli(['modules', '-M', modules]);
    expect(list.stdout).to.match(/^marker +test module: a file with given content +\(.*marker\.ts\)$/m);
    const doc = await runCli(['modules', 'marker', '-M', modules]);
    expect(doc.stdout).to.include('MARKER — test module');
    expect(doc.stdout).to.match(/path \(required\): string/);
    expect(doc.stdout).to.match(/content: string\n\s+content\n\s+default: "x"/);
  });

  it('finds user modules in ./modules of the working folder and in npm packages named in tsible.config.json', async () => {
    const core = join(import.meta.dirname, '../../core/index.ts');
    const mod = (name: string) => `import { defineModule } from ${JSON.stringify(core)};\nexport const m = defineModule({ name: '${name}', doc: { summary: '${name} summary', changed: 'never', checkMode: 'same' }, args: {}, async gather() { return {}; }, plan() { return []; } });\n`;
    mkdirSync(join(t.dir, 'modules'));
    writeFileSync(join(t.dir, 'modules', 'local-one.ts'), mod('localone'));
    const pkg = join(t.dir, 'node_modules', 'tsible-plugin-demo');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'tsible-plugin-demo', type: 'module', main: 'index.mjs' }));
    writeFileSync(join(pkg, 'index.mjs'), mod('fromnpm'));
    writeFileSync(join(t.dir, 'tsible.config.json'), JSON.stringify({ modules: ['tsible-plugin-demo'] }));
    const list = await runCli(['modules'], t.dir);
    expect(list.code, list.stderr).to.equal(0);
    expect(list.stdout).to.match(/^localone +localone summary +\(.*modules\/local-one\.ts\)$/m);
    expect(list.stdout).to.match(/^fromnpm +fromnpm summary +\(tsible-plugin-demo\)$/m);
    writeFileSync(join(t.dir, 'tsible.config.json'), JSON.stringify({ modules: ['not-installed-plugin'] }));
    const missing = await runCli(['modules'], t.dir);
    expect(missing.code).to.equal(5);
    expect(missing.stderr).to.match(/tsible\.config\.json, field "modules": module package "not-installed-plugin" is not installed/);
  });
});
