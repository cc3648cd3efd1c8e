// debug: msg (rendered, secrets masked), var (a name keeps its type, an expression, an undefined one), bad arguments before any host, and the same values as ansible-core's debug.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.ts';
import { needs } from '../support/needs.ts';

const haveAnsible = spawnSync('ansible', ['--version'], { stdio: 'ignore' }).status === 0;

describe('module debug', function () {
  this.timeout(120_000);
  let dir: string;
  let inventory: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-debug-'));
    inventory = join(dir, 'hosts');
    writeFileSync(inventory, 'localhost ansible_connection=local answer=42 db_password=s3cr3t-debug flags="[1, 2]" label="v{{ answer }}"\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The JSON of an ad hoc run's one host (`tsible localhost -m debug -a ARGS`), keys as Ansible names them. */
  async function tsibleDebug(args: string[]): Promise<{ code: number; result: Record<string, unknown>; text: string }> {
    const r = await runCli(['localhost', '-i', inventory, '-m', 'debug', ...args, '--json'], dir);
    const text = r.stdout + r.stderr;
    if (r.code !== 0) return { code: r.code, result: {}, text };
    const host = JSON.parse(r.stdout).plays[0].tasks[0].hosts.localhost as Record<string, unknown>;
    return { code: r.code, result: host, text };
  }

  it('prints msg rendered with the host\'s variables, Hello world! without arguments, and masks a secret', async () => {
    expect((await tsibleDebug(['-a', 'msg="the answer is {{ answer }}"'])).result.msg).to.equal('the answer is 42');
    expect((await tsibleDebug([])).result.msg).to.equal('Hello world!');
    const secret = await tsibleDebug(['-a', 'msg="pw={{ db_password }}"']);
    expect(secret.result.msg).to.equal('pw=***');
    expect(secret.text).to.not.include('s3cr3t-debug');
  });

  it('var: a name keeps its type, an expression is evaluated, an undefined one says so, a secret is masked', async () => {
    expect((await tsibleDebug(['-a', 'var=answer'])).result.answer).to.equal(42);
    expect((await tsibleDebug(['-a', 'var=flags'])).result.flags).to.deep.equal([1, 2]);
    expect((await tsibleDebug(['-a', 'var=label'])).result.label).to.equal('v42');
    expect((await tsibleDebug(['-a', 'var=hostvars[inventory_hostname].answer'])).result['hostvars[inventory_hostname].answer']).to.equal('42');
    expect((await tsibleDebug(['-a', 'var=nope'])).result.nope).to.equal('VARIABLE IS NOT DEFINED!');
    const secret = await tsibleDebug(['-a', 'var=db_password']);
    expect(secret.text).to.not.include('s3cr3t-debug');
  });

  it('verbosity: skipped below that many -v, printed from there (ansible_verbosity is the run\'s -v count)', async () => {
    const quiet = await runCli(['localhost', '-i', inventory, '-m', 'debug', '-a', 'msg=x verbosity=1'], dir);
    expect(quiet.stdout).to.equal('localhost | SKIPPED\n');
    const shown = await runCli(['localhost', '-i', inventory, '-m', 'debug', '-a', 'msg=x verbosity=1', '-v'], dir);
    expect(shown.stdout).to.match(/^localhost \| SUCCESS => /).and.include('"msg": "x"');
    expect((await tsibleDebug(['-a', 'var=ansible_verbosity', '-vv'])).result.ansible_verbosity).to.equal(2);
  });

  it('msg and var together: exit 5 naming the field, before any host', async () => {
    const r = await runCli(['localhost', '-i', inventory, '-m', 'debug', '-a', 'msg=x var=answer'], dir);
    expect(r.code).to.equal(5);
    expect(r.stderr).to.match(/field "var": module debug takes msg or var, not both/);
  });

  it('in a playbook: the result line shows the message, nothing changes, check mode the same', async () => {
    const play = join(dir, 'play.ts');
    writeFileSync(play, [
      "import { playbook } from '../../core/index.ts';".replace('../../core/index.ts', join(import.meta.dirname, '../../core/index.ts')),
      "import { debug } from '../../modules/index.ts';".replace('../../modules/index.ts', join(import.meta.dirname, '../../modules/index.ts')),
      "export default playbook({ hosts: 'all', gatherFacts: false, tasks: [debug({ msg: 'VIP on {{ inventory_hostname }}' }), debug({ var: 'answer' })] });",
      '',
    ].join('\n'));
    for (const flags of [[], ['--check']]) {
      const r = await runCli(['play', play, '-i', inventory, ...flags], dir);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.stdout).to.include('ok: [localhost] => VIP on localhost');
      expect(r.stdout).to.include('ok: [localhost] => answer: 42');
      expect(r.stdout).to.match(/localhost\s+: ok=2\s+changed=0/);
    }
  });

  describe('compared with ansible-core\'s debug', () => {
    before(function () {
      needs(this, haveAnsible, 'needs ansible-core (scripts/install-deps.sh installs it)');
    });
    for (const a of ['var=answer', 'var=flags', 'var=label', 'var=nope', 'var=hostvars[inventory_hostname].answer', 'msg="the answer is {{ answer }}"', '']) {
      it(`-a '${a}': the same key and value`, async () => {
        const args = a ? ['-a', a] : [];
        const r = spawnSync('ansible', ['localhost', '-i', inventory, '-m', 'debug', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'false' } });
        expect(r.status, r.stdout + r.stderr).to.equal(0);
        const ansible = JSON.parse(r.stdout.replace(/^localhost \| SUCCESS => /, '')) as Record<string, unknown>;
        const ours = (await tsibleDebug(args)).result;
        for (const [k, v] of Object.entries(ansible)) if (k !== 'changed') expect(ours[k], k).to.deep.equal(v);
      });
    }
  });
});
