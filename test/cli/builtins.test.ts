// cli/builtins.ts: the table of built-in module files names every module modules/index.ts exports, each under its own name, and a run naming one module loads only that one.
import { expect } from 'chai';
import { isModule, type Module } from '../../core/module.ts';
import { BUILTIN_FILES, builtinModules, builtinModulesNamed } from '../../cli/builtins.ts';

describe('built-in module files', () => {
  it('the table and modules/index.ts list the same modules, each file exporting the module of its name', async () => {
    const all = Object.values((await builtinModules()).exports).filter(isModule) as Module[];
    expect(Object.keys(BUILTIN_FILES).sort()).to.deep.equal(all.map((m) => m.name).sort());
    for (const [name, load] of Object.entries(BUILTIN_FILES)) {
      const mine = Object.values(await load()).filter(isModule) as Module[];
      expect(mine.map((m) => m.name), name).to.include(name);
      expect(mine.find((m) => m.name === name), name).to.equal(all.find((m) => m.name === name)); // the same object: one copy
    }
  });

  it('naming built-ins loads those only; an unknown name gets them all (for the error listing them)', async () => {
    const one = await builtinModulesNamed(['command']);
    expect((Object.values(one.exports).filter(isModule) as Module[]).map((m) => m.name)).to.deep.equal(['command']);
    expect((await builtinModulesNamed(['setup'])).setup?.name).to.equal('setup');
    const unknown = await builtinModulesNamed(['no_such_module']);
    expect(Object.values(unknown.exports).filter(isModule).length).to.equal(Object.keys(BUILTIN_FILES).length);
  });
});
