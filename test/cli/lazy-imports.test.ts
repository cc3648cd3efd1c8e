// Start-up: `tsible --help` and `--version` load the parser and the options only, no engine, transport, inventory, modules or vault code (cli/main.ts's lazy handlers).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');

/** The modules `tsible ARGS` loads (from the sources: TSIBLE_NO_DIST, so the test does not depend on dist/ being built). */
function loaded(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-lazy-'));
  try {
    const out = join(dir, 'loaded.txt');
    const r = spawnSync(process.execPath, ['--import', join(root, 'test/support/record-imports.mjs'), join(root, 'bin/tsible.js'), ...args], {
      env: { ...process.env, TSIBLE_NO_DIST: '1', RECORD_IMPORTS_TO: out }, encoding: 'utf8',
    });
    expect(r.status, r.stderr).to.equal(0);
    return readFileSync(out, 'utf8').split('\n').filter(Boolean).map((u) => (u.startsWith(`file://${root}/`) ? u.slice(`file://${root}/`.length) : u));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a run needs and --help must not load. */
const MACHINERY = [/^core\/engine\/run-/, /^core\/transport\//, /^core\/inventory\/load/, /^modules\//, /^core\/vault\//, /^core\/template\//, /node_modules\/ssh2\//, /node_modules\/yaml\//];

describe('tsible start-up loads only what the command uses', function () {
  this.timeout(60_000);

  for (const args of [['--help'], ['--version'], ['play', '--help']]) {
    it(`tsible ${args.join(' ')}: no engine, transport, inventory, modules, vault or templates`, () => {
      const files = loaded(args);
      expect(files).to.include('cli/main.ts'); // the recorder saw tsible's own files
      for (const re of MACHINERY) expect(files.filter((f) => re.test(f)), String(re)).to.deep.equal([]);
    });
  }

  it('tsible --version does not load yargs either', () => {
    expect(loaded(['--version']).filter((f) => f.includes('node_modules/yargs'))).to.deep.equal([]);
  });

  it('the recorder itself works: an ad hoc --list-hosts loads the inventory code', () => {
    const files = loaded(['all', '-i', 'localhost,', '--list-hosts']);
    expect(files.some((f) => /^core\/inventory\/load/.test(f))).to.equal(true);
  });

  it('the yaml library loads only where YAML is read: not for an INI inventory and a playbook, but for a YAML inventory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-lazy-yaml-'));
    try {
      writeFileSync(join(dir, 'hosts.ini'), '[bench]\nh1 ansible_host=127.0.0.1\n');
      writeFileSync(join(dir, 'hosts.yml'), 'bench:\n  hosts:\n    h1:\n      ansible_host: 127.0.0.1\n');
      const play = join(root, 'bench/compare/plays/pyinfra.ts');
      const yamlFiles = (files: string[]) => files.filter((f) => f.includes('node_modules/yaml/'));
      const ini = loaded(['play', play, '-i', join(dir, 'hosts.ini'), '--list-hosts']);
      expect(ini.some((f) => f.startsWith('core/inventory/load'))).to.equal(true);
      expect(yamlFiles(ini)).to.deep.equal([]);
      expect(yamlFiles(loaded(['play', play, '-i', join(dir, 'hosts.yml'), '--list-hosts']))).to.not.deep.equal([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
