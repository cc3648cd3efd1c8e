// Every error path that can carry a secret goes through the masking, and a value a host cannot receive is refused naming task, host and field (real sshd + local).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { runCli } from '../support/cli.ts';
import { needsRoot } from '../support/needs.ts';
import { SshdLab, type SshdServer } from '../../lab/sshd.ts';

const root = join(import.meta.dirname, '../..');

describe('secrets in error paths, and values a host cannot receive (real sshd + local)', function () {
  this.timeout(120_000);
  let lab: SshdLab;
  let s: SshdServer;
  let dir: string;
  const core = `K${Math.random().toString(36).slice(2, 10)}Z`;
  // Quote, double quote and newline: error messages escape them (JSON, shell quoting), which the masking must also catch.
  const SECRET = `p'w"${core}\nend`;

  const write = (name: string, tasks: string[]) => {
    writeFileSync(join(dir, name), [
      `import { playbook } from ${JSON.stringify(join(root, 'core/index.ts'))};`,
      `import { command, shell } from ${JSON.stringify(join(root, 'modules/index.ts'))};`,
      "export default playbook({ name: 'p', hosts: 'all', gatherFacts: false, tasks: [",
      ...tasks.map((t) => `  ${t},`),
      '] });',
      '',
    ].join('\n'));
    return join(dir, name);
  };

  before(async function () {
    needsRoot(this);
    lab = SshdLab.create();
    [s] = await lab.start(1);
    dir = join(lab.dir, 'pb');
    mkdirSync(dir);
    writeFileSync(join(dir, 'inv.yml'), JSON.stringify({
      all: {
        hosts: {
          remote: { ansible_host: s.address, ansible_port: s.port, ansible_user: 'root', ansible_ssh_private_key_file: lab.clientKeyFile, tsible_known_hosts: lab.knownHostsFile },
          here: { ansible_connection: 'local' },
        },
        vars: { db_password: SECRET, with_nul: 'a\u0000b', tsible_command_timeout: 2 },
      },
    }));
  });
  after(() => lab?.stop());

  const run = (pb: string, ...extra: string[]) => runCli(['play', pb, '-i', join(dir, 'inv.yml'), ...extra]);
  const leaks = (text: string): boolean => text.includes(core);

  it('each secret-bearing error path, in text -vvv --diff and in --json: the secret never shows', async () => {
    const pb = write('paths.ts', [
      // stderr echoing the secret, non-zero exit
      "command((v) => ({ argv: ['sh', '-c', 'printf \"%s\" \"$1\" >&2; exit 3', 'x', v.db_password] }), { name: 'stderr echo', ignoreErrors: true })",
      // a secret script that fails, quoting the secret in its error
      "shell((v) => ({ cmd: v.db_password }), { name: 'secret script', ignoreErrors: true })",
      // the command timeout: its message shows the command
      "command((v) => ({ argv: ['sh', '-c', 'sleep 5', v.db_password] }), { name: 'timeout', ignoreErrors: true })",
      // a task function that throws with the secret in its message
      "command({ argv: ['true'] }, { name: 'when throws', when: (v) => { throw new Error(`bad ${v.db_password.reveal()}`); }, ignoreErrors: true })",
      // an arguments function that throws with it
      "command((v) => { throw new Error(`args ${v.db_password.reveal()}`); }, { name: 'args throw', ignoreErrors: true })",
      // changedWhen reading the secret
      "command({ argv: ['true'] }, { name: 'changedWhen throws', changedWhen: (_r, v) => { throw new Error(JSON.stringify(v.db_password.reveal())); }, ignoreErrors: true })",
      // a secret with a NUL byte
      "command((v) => ({ argv: ['echo', v.db_password.reveal() + '\\u0000'] }), { name: 'secret nul', ignoreErrors: true })",
    ]);
    const text = await run(pb, '-vvv', '--diff');
    const json = await run(pb, '--json');
    for (const r of [text, json]) {
      const all = r.stdout + r.stderr;
      expect(leaks(all), all).to.equal(false);
      expect(r.code, all).to.equal(0);
    }
    const out = text.stdout;
    // Each path did fail (so the test saw its message), on both hosts.
    for (const task of ['stderr echo', 'secret script', 'timeout', 'when throws', 'args throw', 'changedWhen throws', 'secret nul']) {
      expect(out, task).to.match(new RegExp(`TASK \\[${task}\\][^]*?fatal: \\[remote\\][^]*?TASK|TASK \\[${task}\\][^]*?fatal: \\[remote\\][^]*$`));
    }
    expect(out).to.include('***');
    expect(out).to.match(/timed out after 2000 ms/);
  });

  it('a NUL byte in a literal argument: exit 5 before any host is touched, naming file, task and field', async () => {
    const pb = write('nul-literal.ts', ["command({ argv: ['echo', 'a\\u0000b'] }, { name: 'literal nul' })"]);
    const r = await run(pb);
    expect(r.code).to.equal(5);
    expect(r.stderr).to.match(/nul-literal\.ts:\d+, task "literal nul", field "argv\[1\]": contains a NUL byte/);
    expect(r.stdout).not.to.include('PLAY [');
  });

  it('a NUL byte from a host variable: the task fails naming host, task and field; the host stays reachable and runs the next task', async () => {
    const pb = write('nul-var.ts', [
      "command((v) => ({ argv: ['echo', v.with_nul] }), { name: 'var nul', ignoreErrors: true })",
      "command({ argv: ['echo', 'still here'] }, { name: 'next' })",
    ]);
    const r = await run(pb);
    expect(r.code, r.stdout).to.equal(0);
    for (const h of ['remote', 'here']) {
      expect(r.stdout).to.include(`host ${h}, task \\"var nul\\", field \\"argv[1]\\": contains a NUL byte`);
      expect(r.stdout, r.stdout).to.match(new RegExp(`${h} +: ok=2 +changed=1 +unreachable=0 +failed=0 .* ignored=1`));
    }
  });
});
