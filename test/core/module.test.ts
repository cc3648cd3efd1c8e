// defineModule: the result is both the plugin (name, specs, gather/plan) and its typed task builder.
import { expect } from 'chai';
import { defineModule, isModule } from '../../core/module.ts';

describe('defineModule', () => {
  const echo = defineModule<{ text: string }, null>({
    name: 'echo_test',
    doc: { summary: 'test', changed: 'never', checkMode: 'same' },
    args: { text: { type: 'string', description: 'text', required: true } },
    gather: async () => null,
    plan: () => [],
  });

  it('keeps the module name (a function name is read-only) and its contract fields', () => {
    expect(echo.name).to.equal('echo_test');
    expect(echo.doc.summary).to.equal('test');
    expect(echo.args.text.required).to.equal(true);
    expect(isModule(echo)).to.equal(true);
    expect(isModule({ plan: () => [] })).to.equal(false);
  });

  it('builds a task: options, the module itself and the arguments', () => {
    const task = echo({ text: 'hi' }, { name: 'Say hi', register: 'r' });
    expect(task).to.deep.include({ name: 'Say hi', register: 'r', args: { text: 'hi' } });
    expect(task.module).to.equal(echo);
  });
});
