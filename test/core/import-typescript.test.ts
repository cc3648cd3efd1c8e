// importTypeScript: a playbook written in a folder of its own (no tsible package there) imports `tsible` and `tsible/modules` from the running copy.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.ts';

describe('importTypeScript: bare tsible imports outside the checkout', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'tsible-own-folder-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves `tsible` and `tsible/modules` (imports and import.meta.resolve) to the copy running, and the play runs', async () => {
    writeFileSync(join(dir, 'inventory'), '[local]\nme ansible_connection=local\n');
    writeFileSync(join(dir, 'site.ts'), [
      "import { writeFileSync } from 'node:fs';",
      "import { playbook } from 'tsible';",
      "import { copy } from 'tsible/modules';",
      "writeFileSync(import.meta.dirname + '/resolved', [import.meta.resolve('tsible'), import.meta.resolve('tsible/modules')].join('\\n'));",
      "export default playbook({ hosts: 'local', gatherFacts: false, tasks: [copy({ content: 'hello\\n', dest: import.meta.dirname + '/out' })] });",
      '',
    ].join('\n'));
    const r = await runCli(['play', join(dir, 'site.ts'), '-i', join(dir, 'inventory')], dir);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(readFileSync(join(dir, 'out'), 'utf8')).to.equal('hello\n');
    const [core, modules] = readFileSync(join(dir, 'resolved'), 'utf8').split('\n');
    const root = new URL('../../', import.meta.url).href;
    expect(core).to.match(new RegExp(`^${root}(dist/core/index\\.js|core/index\\.ts)$`));
    expect(modules).to.match(new RegExp(`^${root}(dist/modules/index\\.js|modules/index\\.ts)$`));
  });

  it('a name tsible does not export (tsible/nope) is still an error naming the file and line', async () => {
    writeFileSync(join(dir, 'inventory'), 'me ansible_connection=local\n');
    writeFileSync(join(dir, 'site.ts'), "import { playbook } from 'tsible';\nimport { nope } from 'tsible/nope';\nexport default playbook({ hosts: 'all', tasks: [nope] });\n");
    const r = await runCli(['play', join(dir, 'site.ts'), '-i', join(dir, 'inventory')], dir);
    expect(r.code).to.equal(5);
    expect(r.stderr).to.match(/site\.ts:2: the playbook could not be loaded: .*Could not resolve "tsible\/nope"/);
  });
});
