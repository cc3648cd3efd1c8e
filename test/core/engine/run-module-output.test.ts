// runModule and a module's output(): a module may fail the task from its steps' results, step timings reach output().
import { expect } from 'chai';
import { defineModule, type StepResult } from '../../../core/module.ts';
import { runModule } from '../../../core/engine/run-module.ts';
import { LocalTransport } from '../../../core/transport/local.ts';
import { secret } from '../../../core/secret.ts';

interface ExitArgs {
  code: number;
  word: string;
}

/** Runs `sh -c 'echo WORD >&2; exit CODE'` accepting any status; output() fails the task on a non-zero one. */
const exitWith = defineModule<ExitArgs, null>({
  name: 'exit_with',
  doc: { summary: 'test module', changed: 'always', checkMode: 'nothing runs' },
  args: {
    code: { type: 'int', description: 'exit status', required: true },
    word: { type: 'string', description: 'printed on stderr', default: 'oops' },
  },
  gather: async () => null,
  plan: (args) => [{
    summary: `exit ${args.code}`,
    steps: [{ kind: 'run', command: ['sh', '-c', 'echo "$1" >&2; exit "$2"', 'sh', args.word, String(args.code)], okCodes: [0, 1, 2, 3] }],
  }],
  output(_args, _facts, results: StepResult[], check) {
    if (check) return { msg: 'would exit' };
    const r = results[0];
    return r.code === 0 ? { rc: 0, ms: r.durationMs } : { rc: r.code, failed: true, msg: `exit ${r.code}: ${r.stderr.trim()}` };
  },
});

describe('runModule with a module that decides failure in output()', () => {
  const transport = new LocalTransport('localhost', { commandTimeoutMs: 30_000 });
  after(() => transport.close());

  it('a step result the module calls failed makes the run failed, with the module msg and an error naming the host', async () => {
    const run = await runModule({ module: exitWith, args: { code: 3 }, transport });
    expect(run.status).to.equal('failed');
    expect(run.msg).to.equal('exit 3: oops');
    expect(run.data).to.include({ rc: 3, failed: true, changed: true, msg: 'exit 3: oops' });
    expect(run.error?.message).to.equal('host localhost: exit 3: oops');
    expect(run.changes.map((c) => c.summary)).to.deep.equal(['exit 3']);
  });

  it('a successful step stays changed, and the engine timed it (durationMs)', async () => {
    const run = await runModule({ module: exitWith, args: { code: 0 }, transport });
    expect(run.status).to.equal('changed');
    expect(run.data.failed).to.equal(false);
    expect(run.data.ms).to.be.a('number').and.to.be.at.least(0);
    expect(run.error).to.equal(undefined);
  });

  it('a string msg from output() is the run message when message() gives none (check mode here)', async () => {
    const run = await runModule({ module: exitWith, args: { code: 3 }, transport, check: true });
    expect(run).to.include({ status: 'changed', msg: 'would exit' });
  });

  it('a secret in the failure message is masked in msg, data and error', async () => {
    const run = await runModule({ module: exitWith, args: { code: 2, word: secret('hunter2') }, transport });
    expect(run.status).to.equal('failed');
    expect(run.msg).to.equal('exit 2: ***');
    expect(run.data.msg).to.equal('exit 2: ***');
    expect(run.error?.message).to.not.include('hunter2');
  });

  it('an exit status outside okCodes still throws in apply and fails the run with a CommandError', async () => {
    const run = await runModule({ module: exitWith, args: { code: 7 }, transport });
    expect(run.status).to.equal('failed');
    expect(run.error?.name).to.equal('CommandError');
  });
});
