// The example plugin module motd: plan tables over facts, the fact parser, the plugin loader, and real runs (local, lab).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ArgsError, FactError } from '../../../core/errors.ts';
import { prepareArgs, runModule } from '../../../core/engine/run-module.ts';
import { isModule } from '../../../core/module.ts';
import { LocalTransport } from '../../../core/transport/local.ts';
import { motd, motdContent, parseMotd, type MotdArgs, type MotdFacts } from '../../../examples/modules/motd.ts';
import { useLab } from '../../support/lab.ts';
import { expectNotFailed, useLabRunner } from '../../modules/support/lab-run.ts';
import { labExec } from '../../modules/support/lab-exec-retry.ts';

const args = (raw: Record<string, unknown>): MotdArgs => prepareArgs(motd, raw, {}, {});

describe('motd (example plugin module)', () => {
  describe('plan', () => {
    const table: [string, Record<string, unknown>, MotdFacts, string[]][] = [
      ['absent file: created', { lines: ['Hi'] }, { exists: false, content: '', mode: '' }, ['/etc/motd: created']],
      ['same lines and mode: converged', { lines: ['Hi', 'there'] }, { exists: true, content: 'Hi\nthere\n', mode: '644' }, []],
      ['other content: rewritten', { lines: ['Hi'] }, { exists: true, content: 'Debian motd\n', mode: '644' }, ['/etc/motd: 1 lines']],
      ['missing final newline is a difference', { lines: ['Hi'] }, { exists: true, content: 'Hi', mode: '644' }, ['/etc/motd: 1 lines']],
      ['only the mode differs', { lines: ['Hi'], mode: '0600' }, { exists: true, content: 'Hi\n', mode: '644' }, ['/etc/motd: mode 644 → 600']],
      ['empty list empties the file', { lines: [] }, { exists: true, content: 'old\n', mode: '644' }, ['/etc/motd: 0 lines']],
      ['empty list, empty file: converged', { lines: [] }, { exists: true, content: '', mode: '644' }, []],
      ['another path', { lines: ['x'], path: '/etc/issue.net' }, { exists: false, content: '', mode: '' }, ['/etc/issue.net: created']],
    ];
    for (const [title, raw, facts, summaries] of table) {
      it(title, () => {
        const changes = motd.plan(args(raw), facts);
        expect(changes.map((c) => c.summary)).to.deep.equal(summaries);
      });
    }

    it('the change writes the whole file atomically with its mode, and shows a diff', () => {
      const [c] = motd.plan(args({ lines: ['a', 'b'], mode: '0640' }), { exists: true, content: 'old\n', mode: '644' });
      expect(c.diff).to.deep.equal({ path: '/etc/motd', before: 'old\n', after: 'a\nb\n' });
      expect(c.steps).to.deep.equal([{ kind: 'put', path: '/etc/motd', content: 'a\nb\n', mode: 0o640 }]);
      expect(motdContent([])).to.equal('');
    });

    const bad: [Record<string, unknown>, string][] = [
      [{}, 'lines'],
      [{ lines: ['a\nb'] }, 'lines'],
      [{ lines: ['a'], path: 'motd' }, 'path'],
      [{ lines: ['a'], mode: 'u=rw' }, 'mode'],
      [{ lines: ['a'], colour: 'red' }, 'colour'],
    ];
    for (const [raw, field] of bad) {
      it(`refuses ${JSON.stringify(raw)} naming field ${field}`, () => {
        expect(() => args(raw)).to.throw(ArgsError).with.property('where').that.include({ field });
      });
    }
  });

  describe('fact parser', () => {
    it('reads mode then exact content; absent; garbage is a FactError', () => {
      expect(parseMotd('644\nHello\n\n', 0)).to.deep.equal({ exists: true, content: 'Hello\n\n', mode: '644' });
      expect(parseMotd('absent\n', 0)).to.deep.equal({ exists: false, content: '', mode: '' });
      expect(() => parseMotd('stat: cannot stat\n', 0)).to.throw(FactError);
      expect(() => parseMotd('', 1)).to.throw(FactError);
    });
  });

  it('is found by the plugin loader rules: a module export of a .ts file', async () => {
    const exports = (await import('../../../examples/modules/motd.ts')) as Record<string, unknown>;
    expect(Object.values(exports).filter(isModule).map((m) => (m as { name: string }).name)).to.deep.equal(['motd']);
  });

  describe('on the local transport', () => {
    const transport = new LocalTransport('localhost', { commandTimeoutMs: 30_000 });
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'tsible-motd-'));
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await transport.close();
    });

    it('check mode writes nothing; a run converges; the second run is ok; a mode drift is repaired', async () => {
      const path = join(dir, 'motd');
      writeFileSync(path, 'Debian says hi\n');
      const a = { lines: ['Welcome', 'Managed by tsible'], path };
      const check = await runModule({ module: motd, args: a, transport, check: true, diff: true });
      expect(check.status).to.equal('changed');
      expect(check.changes[0].diff).to.deep.include({ before: 'Debian says hi\n', after: 'Welcome\nManaged by tsible\n' });
      expect(readFileSync(path, 'utf8')).to.equal('Debian says hi\n');
      expect((await runModule({ module: motd, args: a, transport })).status).to.equal('changed');
      expect(readFileSync(path, 'utf8')).to.equal('Welcome\nManaged by tsible\n');
      expect(statSync(path).mode & 0o777).to.equal(0o644);
      expect((await runModule({ module: motd, args: a, transport })).status).to.equal('ok');
      chmodSync(path, 0o600);
      const fix = await runModule({ module: motd, args: a, transport });
      expect(fix.changes.map((c) => c.summary)).to.deep.equal([`${path}: mode 600 → 644`]);
      expect(statSync(path).mode & 0o777).to.equal(0o644);
    });
  });

  describe('on a lab host @lab', function () {
    this.timeout(120_000);
    const lab = useLab('chapter4');
    const runner = useLabRunner(lab);
    const DIR = '/tmp/tsible-test-motd';
    const PATH = `${DIR}/motd`;
    const state = async (): Promise<string> => {
      const r = await labExec(lab, 'web3', ['sh', '-c', `stat -c '%n %Y' ${DIR} && ls -lA ${DIR} && { sha256sum ${PATH} 2>/dev/null || echo no file; }`]);
      expect(r.code, `listing ${DIR} on web3: ${r.stderr}`).to.equal(0);
      return r.stdout;
    };
    before(async () => {
      const r = await labExec(lab, 'web3', ['sh', '-c', `rm -rf ${DIR} && mkdir ${DIR}`]);
      expect(r.code, `preparing ${DIR} on web3: ${r.stderr}`).to.equal(0);
    });
    after(() => labExec(lab, 'web3', ['rm', '-rf', DIR]));

    it('check mode on a fresh host changes nothing; converge; second run ok @lab', async () => {
      const a = { lines: ['Welcome to web3', 'Managed by tsible'], path: PATH };
      const before = await state();
      const check = expectNotFailed(await runner.run('web3', motd, a, { check: true }));
      expect(check.changes.map((c) => c.summary)).to.deep.equal([`${PATH}: created`]);
      expect(await state()).to.equal(before);
      expect(expectNotFailed(await runner.run('web3', motd, a)).status).to.equal('changed');
      expect((await labExec(lab, 'web3', ['stat', '-c', '%a %U', PATH])).stdout).to.equal('644 root\n');
      expect((await labExec(lab, 'web3', ['cat', PATH])).stdout).to.equal('Welcome to web3\nManaged by tsible\n');
      const second = expectNotFailed(await runner.run('web3', motd, a));
      expect(second.status).to.equal('ok');
    });
  });
});
