// Lab test helper for the file modules: runModule on a lab host with vars/baseDir, a counting transport, and a listing+checksum snapshot.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { quoteWord } from '../../../core/quote.ts';
import { runModule, type ModuleRun } from '../../../core/engine/run-module.ts';
import type { Module } from '../../../core/module.ts';
import { openTransport } from '../../../core/transport/open.ts';
import type { Transport } from '../../../core/transport/transport.ts';
import { runSsh, type LabFixture } from '../../support/lab.ts';

/** Root of every path these tests touch on the hosts. */
export const TEST_ROOT = '/tmp/tsible-test-files';

export interface FilesRunOptions {
  check?: boolean;
  vars?: Record<string, unknown>;
  baseDir?: string;
}

/** A transport that counts what goes to the host (to prove nothing ran). */
export interface CountingTransport extends Transport {
  calls: number;
}

/** Inside a describe: one tsible SSH transport per host (closed after the suite) and runModule on it. */
export function useFilesLab(lab: LabFixture, scratch: { host: string; dir: string }) {
  const open = new Map<string, CountingTransport>();
  const transport = (host: string): CountingTransport => {
    let t = open.get(host);
    if (!t) {
      // A long connect timeout: a busy machine (VMs emulated in software) can be slow to answer.
      const real = openTransport(host, { ...lab.connection(host), connectTimeoutMs: 120_000 }, { sshConfigFile: null, agentSocket: null });
      const counting: CountingTransport = {
        hostName: host,
        calls: 0,
        connect: () => real.connect(),
        run: (c, o) => { counting.calls++; return real.run(c, o); },
        put: (p, c, o) => { counting.calls++; return real.put(p, c, o); },
        close: () => real.close(),
      };
      t = counting;
      open.set(host, t);
    }
    return t;
  };
  /**
   * Like lab.exec (OpenSSH with the lab's ssh_config, independent of tsible), but with a generous connect
   * timeout (a busy machine can be slow to answer) and one multiplexed connection per host, closed after the suite.
   */
  const masters = new Set<string>();
  const control = (host: string): string => `/tmp/tsible-files-lab-${process.pid}-${host}`;
  const exec = (host: string, argv: string[]): Promise<{ stdout: string; stderr: string; code: number }> => {
    const opts = ['-F', lab.sshConfig, '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=120', '-o', 'ControlMaster=auto', '-o', `ControlPath=${control(host)}`, '-o', 'ControlPersist=120'];
    masters.add(host);
    return runSsh([...opts, host, '--', argv.map(quoteWord).join(' ')]);
  };
  before(async function () {
    this.timeout(300_000);
    const r = await exec(scratch.host, ['sh', '-c', `rm -rf ${quoteWord(scratch.dir)} && mkdir -p ${quoteWord(scratch.dir)}`]);
    expect(r.code, r.stderr).to.equal(0);
  });
  after(async function () {
    this.timeout(300_000);
    await exec(scratch.host, ['rm', '-rf', scratch.dir]);
    for (const host of masters) spawnSync('ssh', ['-o', `ControlPath=${control(host)}`, '-O', 'exit', host], { stdio: 'ignore' });
    masters.clear();
  });
  after(async () => {
    await Promise.all([...open.values()].map((t) => t.close()));
    open.clear();
  });
  return {
    transport,
    run<A>(host: string, module: Module<A>, args: unknown, opts: FilesRunOptions = {}): Promise<ModuleRun> {
      return runModule({ module, args: args as never, transport: transport(host), check: opts.check, diff: true, vars: opts.vars, baseDir: opts.baseDir, where: { task: `test ${module.name}` } });
    },
    /** Every entry below dir with type, mode, owner, group, link target, and each file's sha256; 'absent' if dir is missing. */
    async snapshot(host: string, dir: string): Promise<string> {
      const script = `if [ -e ${dir} ]; then find ${dir} -printf '%y %m %u %g %p -> %l\\n' | sort; find ${dir} -type f -exec sha256sum {} + | sort; else echo absent; fi`;
      const r = await exec(host, ['sh', '-c', script]);
      expect(r.code, r.stderr).to.equal(0);
      return r.stdout;
    },
    /** Runs a command with OpenSSH (independent of tsible) and returns stdout; fails the test on a non-zero exit. */
    async sh(host: string, script: string): Promise<string> {
      const r = await exec(host, ['sh', '-c', script]);
      expect(r.code, `${script}: ${r.stderr}`).to.equal(0);
      return r.stdout;
    },
  };
}

/** Throws with the run's message when it failed, so the test shows why. */
export function ok(run: ModuleRun): ModuleRun {
  if (run.status === 'failed') throw new Error(`module run failed: ${run.msg ?? run.error?.message}`, { cause: run.error });
  return run;
}
