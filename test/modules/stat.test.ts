// stat: the same fields and values as ansible-core's stat on the same paths (file, link, dangling link, fifo, device, setuid, directory, missing, ~), options, a parse error, and register + when in a playbook.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStat } from '../../modules/stat.ts';
import { runCli, useSshdTargets } from '../support/cli.ts';
import { needs } from '../support/needs.ts';

const haveAnsible = spawnSync('ansible', ['--version'], { stdio: 'ignore' }).status === 0;
/** Fields tsible does not return (documented), and atime (reading a link or a file for its checksum moves it between the two runs). */
const NOT_COMPARED = new Set(['mimetype', 'charset', 'attributes', 'attr_flags', 'version', 'atime']);

describe('module stat', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-stat-'));
    writeFileSync(join(dir, 'file'), 'hello\n', { mode: 0o640 });
    symlinkSync(join(dir, 'file'), join(dir, 'link'));
    symlinkSync('/nonexistent-tsible', join(dir, 'dangling'));
    spawnSync('mkfifo', [join(dir, 'fifo')]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function tsibleStat(args: string): Promise<Record<string, unknown>> {
    const r = await runCli(['localhost', '-m', 'stat', '-a', args, '--json'], dir);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    return JSON.parse(r.stdout).plays[0].tasks[0].hosts.localhost.stat;
  }

  it('a missing path: exists false and nothing else; a file: type, mode, owner, size, sha1 checksum', async () => {
    expect(await tsibleStat(`path=${dir}/nope`)).to.deep.equal({ exists: false });
    const s = await tsibleStat(`path=${dir}/file`);
    expect(s).to.include({ exists: true, isreg: true, islnk: false, mode: '0640', size: 6, pw_name: 'root', checksum: 'f572d396fae9206628714fb2ce00f72e94f2258f', rusr: true, roth: false });
  });

  it('refuses an unknown checksum algorithm and get_mime, naming the field', async () => {
    const bad = await runCli(['localhost', '-m', 'stat', '-a', `path=${dir}/file checksum_algorithm=crc32`], dir);
    expect(bad.code).to.equal(5);
    expect(bad.stderr).to.match(/checksumAlgorithm|checksum_algorithm/);
    const mime = await runCli(['localhost', '-m', 'stat', '-a', `path=${dir}/file get_mime=false`], dir);
    expect(mime.code).to.equal(5);
    expect(mime.stderr).to.include('get_mime');
  });

  it('parseStat: garbled output is a FactError naming the path', () => {
    expect(() => parseStat('/x', { code: 0, stdout: 'stat=zz\0', stderr: '' })).to.throw(/cannot stat \/x: unexpected output/);
    expect(() => parseStat('/x', { code: 3, stdout: '', stderr: 'denied' })).to.throw(/cannot stat \/x: exit 3: denied/);
  });

  it('register + when in a playbook: the stat result decides a later task; changed=0', async () => {
    const play = join(dir, 'play.ts');
    writeFileSync(play, [
      `import { playbook } from ${JSON.stringify(join(import.meta.dirname, '../../core/index.ts'))};`,
      `import { debug, stat } from ${JSON.stringify(join(import.meta.dirname, '../../modules/index.ts'))};`,
      "export default playbook({ hosts: 'all', gatherFacts: false, tasks: [",
      `  stat({ path: ${JSON.stringify(join(dir, 'file'))} }, { register: 'f' }),`,
      "  debug({ msg: 'there' }, { name: 'exists', when: (v: any) => v.f.stat.exists && v.f.stat.mode === '0640' }),",
      `  stat({ path: ${JSON.stringify(join(dir, 'nope'))} }, { register: 'g' }),`,
      "  debug({ msg: 'missing' }, { name: 'missing', when: (v: any) => !v.g.stat.exists }),",
      '] });',
      '',
    ].join('\n'));
    const r = await runCli(['play', play, '-i', 'localhost,', '-c', 'local'], dir);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(r.stdout).to.include('ok: [localhost] => there').and.include('ok: [localhost] => missing');
    expect(r.stdout).to.match(/localhost\s+: ok=4\s+changed=0/);
  });

  describe('over SSH (a real OpenSSH sshd on this machine)', () => {
    const t = useSshdTargets(1, 'stat');
    it('the same result as on the local connection, relative paths from the login directory', async () => {
      const over = await runCli(['targets', '-i', t.inventory, '-m', 'stat', '-a', `path=${dir}/link`, '--json'], dir);
      expect(over.code, over.stdout + over.stderr).to.equal(0);
      const remote = Object.values(JSON.parse(over.stdout).plays[0].tasks[0].hosts as Record<string, { stat: Record<string, unknown> }>)[0].stat;
      const local = await tsibleStat(`path=${dir}/link`);
      delete remote.atime;
      delete local.atime;
      expect(remote).to.deep.equal(local);
      const home = await runCli(['targets', '-i', t.inventory, '-m', 'stat', '-a', 'path=.', '--json'], dir);
      const st = Object.values(JSON.parse(home.stdout).plays[0].tasks[0].hosts as Record<string, { stat: Record<string, unknown> }>)[0].stat;
      expect(st).to.include({ exists: true, isdir: true, path: '.' });
    });
  });

  describe('compared with ansible-core\'s stat', () => {
    before(function () {
      needs(this, haveAnsible, 'needs ansible-core (scripts/install-deps.sh installs it)');
    });
    const cases = (d: string) => [
      `path=${d}/file`, `path=${d}/link`, `path=${d}/link follow=true`, `path=${d}/dangling`, `path=${d}/dangling follow=true`,
      `path=${d}/fifo`, `path=${d}`, `path=${d}/nope`, 'path=/dev/null', 'path=/usr/bin/passwd', `path=${d}/file checksum_algorithm=sha256`,
      `path=${d}/file get_checksum=false`, 'path=~',
    ];
    for (const i of cases('DIR').keys()) {
      it(`case ${i + 1} (${cases('DIR')[i]}): the same fields and values`, async () => {
        const args = cases(dir)[i];
        const r = spawnSync('ansible', ['localhost', '-m', 'stat', '-a', args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'false' } });
        expect(r.status, r.stdout + r.stderr).to.equal(0);
        const theirs = JSON.parse(r.stdout.replace(/^localhost \| SUCCESS => /, '')).stat as Record<string, unknown>;
        const ours = await tsibleStat(args);
        const keys = new Set([...Object.keys(theirs), ...Object.keys(ours)].filter((k) => !NOT_COMPARED.has(k)));
        for (const k of keys) expect(ours[k], k).to.deep.equal(theirs[k]);
      });
    }
  });
});
