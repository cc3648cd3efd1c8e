// assert: conditions from the host's vars (arguments as a function), messages, and errors naming the field.
import { expect } from 'chai';
import { ArgsError } from '../../core/errors.ts';
import { runModule } from '../../core/engine/run-module.ts';
import { secret } from '../../core/secret.ts';
import { LocalTransport } from '../../core/transport/local.ts';
import { assert, AssertionFailed } from '../../modules/assert.ts';

describe('modules/assert', () => {
  const transport = new LocalTransport('web1', { commandTimeoutMs: 10_000 });
  after(() => transport.close());
  const run = (args: unknown, vars: Record<string, unknown> = {}, check = false) =>
    runModule({ module: assert, args: args as never, transport, vars, check, where: { task: 'check the page' } });
  const vars = { page: { status: 200, content: '<h1>Debian Web 1</h1>' }, inventory_hostname: 'web1' };

  it('passes (ok, never changed) when every condition computed from the vars holds', async () => {
    const r = await run((v: typeof vars) => ({ that: [v.page.status === 200, v.page.content.includes('Debian Web 1')] }), vars);
    expect(r.status).to.equal('ok');
    expect(r.data).to.deep.include({ changed: false, failed: false, evaluated: 2, msg: 'All assertions passed' });
  });

  it('fails the host with failMsg, naming host and task, when one is false', async () => {
    const r = await run((v: typeof vars) => ({ that: [v.page.status === 200, v.page.content.includes('Debian Web 2')], failMsg: `${v.inventory_hostname} serves the wrong page` }), vars);
    expect(r.status).to.equal('failed');
    expect(r.error).to.be.instanceOf(AssertionFailed);
    expect(r.msg).to.equal('host web1, task "check the page": web1 serves the wrong page');
  });

  it('without failMsg names the false condition: its index, or its name in an object', async () => {
    expect((await run({ that: [true, false, false] })).msg).to.match(/assertion failed: that\[1\]$/);
    expect((await run({ that: { 'VIP on lb1': false } })).msg).to.match(/assertion failed: VIP on lb1$/);
    expect((await run({ that: false })).msg).to.match(/assertion failed: that$/);
  });

  it('successMsg and quiet', async () => {
    expect((await run({ that: true, successMsg: 'page ok' })).data.msg).to.equal('page ok');
    expect((await run({ that: true, quiet: true })).data).to.not.have.property('msg');
  });

  it('check mode evaluates too (a false condition still fails)', async () => {
    expect((await run({ that: [false] }, {}, true)).status).to.equal('failed');
    expect((await run({ that: [true] }, {}, true)).status).to.equal('ok');
  });

  it('a condition that is not a boolean is an ArgsError naming it (a forgotten comparison, an undefined var)', async () => {
    const r = await run((v: Record<string, any>) => ({ that: [true, v.missing] }), {});
    expect(r.error).to.be.instanceOf(ArgsError);
    expect(r.msg).to.match(/field "that\[1\]": each condition must be a boolean .* is undefined/);
    const n = await run({ that: { 'page size': 12 } });
    expect(n.msg).to.match(/field "that.page size".* is number/);
    expect((await run({})).msg).to.match(/field "that": module assert requires this argument/);
  });

  it('Jinja condition strings (Ansible\'s form) are judged with the host\'s vars; a false one is named by its text', async () => {
    expect((await run({ that: ['page.status == 200', "'Debian Web 1' in page.content"] }, vars)).status).to.equal('ok');
    const r = await run({ that: ['page.status == 200', 'page.status == 404'] }, vars);
    expect(r.status).to.equal('failed');
    expect(r.msg).to.match(/assertion failed: page\.status == 404$/);
    expect((await run({ that: ['nope > 1'] }, vars)).msg).to.include("'nope' is undefined");
  });

  it('ad hoc strings true/false are accepted', async () => {
    expect((await run({ that: 'true' })).status).to.equal('ok');
    expect((await run({ that: ['true', 'false'] })).status).to.equal('failed');
    expect((await run({ that: 'true,false' })).msg).to.match(/assertion failed: that\[1\]$/);
  });

  it('a secret in failMsg is masked', async () => {
    const pw = secret('hunter2');
    const r = await run((v: Record<string, any>) => ({ that: [false], failMsg: `bad key ${v.key.reveal()}` }), { key: pw });
    expect(r.msg).to.not.include('hunter2');
    expect(r.msg).to.include('***');
  });
});
