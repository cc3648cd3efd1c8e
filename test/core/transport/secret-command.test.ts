// Secrets stay off the host's command lines and environments: the command that holds one travels on stdin; checked by sampling every process on the sshd side during real runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { expect } from 'chai';
import { secret } from '../../../core/secret.ts';
import { buildCommandLine } from '../../../core/transport/command-line.ts';
import { runCli } from '../../support/cli.ts';
import { needsRoot } from '../../support/needs.ts';
import { SshdLab, type SshdServer } from '../../../lab/sshd.ts';

const root = join(import.meta.dirname, '../../..');
const USER = `tsible-t-sec${process.pid}`;

/** Samples every process's command line and environment (/proc/PID/cmdline and /proc/PID/environ) from another thread, counting those that hold `needle`. */
function sampleProcs(needle: string): { stop: () => Promise<{ samples: number; cmdline: string[]; environ: string[] }> } {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const fs = require('node:fs');
     const needle = Buffer.from(workerData.needle);
     const found = { samples: 0, cmdline: [], environ: [] };
     while (Atomics.load(workerData.flag, 0) === 0) {
       found.samples++;
       for (const d of fs.readdirSync('/proc')) {
         if (!/^[0-9]+$/.test(d) || d === String(process.pid)) continue;
         for (const what of ['cmdline', 'environ']) {
           try {
             const b = fs.readFileSync('/proc/' + d + '/' + what);
             if (b.includes(needle)) found[what].push(d + ': ' + b.toString().replace(/\\0/g, ' ').slice(0, 200));
           } catch {}
         }
       }
     }
     parentPort.postMessage(found);`,
    { eval: true, workerData: { needle, flag } },
  );
  const result = new Promise<{ samples: number; cmdline: string[]; environ: string[] }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { stop: async () => (Atomics.store(flag, 0, 1), result) };
}

describe('secrets off the command line', () => {
  it('a command with a secret word is sent as a fixed stub; the command itself goes on stdin', () => {
    const s = secret('hunter2-xyz');
    const cl = buildCommandLine(['printf', '%s', s], { env: { A: 'b' }, cwd: '/tmp', become: { user: 'root' } });
    expect(cl.line).not.to.include('hunter2');
    expect(cl.stdinPrefix!.toString()).to.include("printf %s hunter2-xyz");
    expect(cl.stdinPrefix!.toString()).to.match(/^cd -- \/tmp \|\| exit 1\nexport LC_ALL=C A=b\n/);
    const plain = buildCommandLine(['printf', '%s', 'x']);
    expect(plain.stdinPrefix).to.equal(undefined);
    const script = buildCommandLine({ shell: secret('echo hunter2-xyz') });
    expect(script.line).not.to.include('hunter2');
  });

  describe('during a real run over SSH with sudo (sshd on loopback)', function () {
    this.timeout(120_000);
    let lab: SshdLab;
    let servers: SshdServer[];
    let dir: string;
    const SECRET = `s3cr3t-${Math.random().toString(36).slice(2)}-value`;

    before(async function () {
      needsRoot(this);
      lab = SshdLab.create();
      servers = await lab.start(2);
      lab.addUser(USER, { sudo: 'nopasswd' });
      dir = join(lab.dir, 'out');
      mkdirSync(dir, { mode: 0o777 });
      mkdirSync(join(lab.dir, 'pb', 'templates'), { recursive: true });
      writeFileSync(join(lab.dir, 'pb', 'templates', 't.ejs'), 'key=<%= db_password %>\n');
      writeFileSync(join(lab.dir, 'pb', 'pb.ts'), [
        `import { playbook, secret } from ${JSON.stringify(join(root, 'core/index.ts'))};`,
        `import { command, copy, lineinfile, shell, template } from ${JSON.stringify(join(root, 'modules/index.ts'))};`,
        'const f = (v: Record<string, any>, n: string) => `${v.dir}/${v.inventory_hostname}.${n}`;',
        'export default playbook({',
        "  name: 'secrets', hosts: 'targets', gatherFacts: false,",
        '  tasks: [',
        "    copy((v) => ({ dest: f(v, 'copy'), content: v.db_password, mode: '0600' })),",
        "    template((v) => ({ dest: f(v, 'tpl'), src: 'templates/t.ejs', mode: '0600' })),",
        "    lineinfile((v) => ({ path: f(v, 'line'), line: v.db_password, create: true, mode: '0600' })),",
        "    command((v) => ({ argv: ['printf', '%s', v.db_password] }), { register: 'out' }),",
        "    shell((v) => ({ cmd: secret(`x='${v.db_password.reveal()}'; sleep 0.3; printf %s \"$x\" > ${f(v, 'shell')}`) })),",
        "    command((v) => ({ argv: ['sleep', '0.2'] })),",
        '  ],',
        '});',
        '',
      ].join('\n'));
      writeFileSync(join(lab.dir, 'inv.ini'), [
        '[targets]',
        ...servers.map((s) => `${s.name} ansible_host=${s.address} ansible_port=${s.port} ansible_user=${USER} ansible_ssh_private_key_file=${lab.clientKeyFile} tsible_known_hosts=${lab.knownHostsFile} db_password=${SECRET} ansible_become=true`),
        '',
      ].join('\n'));
    });
    after(() => lab?.stop());

    it('sampling every process during 3 runs: the secret is in no command line and no environment (SUDO_COMMAND included)', async () => {
      const sampler = sampleProcs(SECRET);
      const outputs: string[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await runCli(['play', join(lab.dir, 'pb', 'pb.ts'), '-i', join(lab.dir, 'inv.ini'), '-e', `dir=${dir}`, '-v']);
        outputs.push(r.stdout + r.stderr);
        expect(r.code, r.stdout + r.stderr).to.equal(0);
      }
      const found = await sampler.stop();
      console.log(`      ${found.samples} samples of every process: ${found.cmdline.length} command lines and ${found.environ.length} environments held the secret`);
      expect(found.samples).to.be.above(20);
      expect(found.cmdline).to.deep.equal([]);
      expect(found.environ).to.deep.equal([]);
      for (const o of outputs) expect(o).not.to.include(SECRET);
    });

    it('(control) the sampler does see a secret given to a program that is not a builtin', async () => {
      const sampler = sampleProcs(SECRET);
      const s = servers[0];
      const inv = join(lab.dir, 'inv.ini');
      const r = await runCli([s.name, '-i', inv, '-m', 'command', '-a', JSON.stringify({ argv: ['sh', '-c', 'sleep 1', SECRET] })]);
      const found = await sampler.stop();
      expect(r.code, r.stdout).to.equal(0); // sh runs `sleep 1` with the secret as its $0
      expect(found.cmdline.length).to.be.above(0);
    });
  });
});
