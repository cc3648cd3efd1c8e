// The set_fact module: sets host variables for the rest of the run (Ansible's set_fact), from values rendered with the host's variables; contacts no host.
import { ArgsError } from '../core/errors.ts';
import { defineModule } from '../core/module.ts';

/** The variables to set: any names, any values (`{{ }}` in a literal value renders with the host's variables first). */
export type SetFactArgs = Record<string, unknown>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const setFact = defineModule<SetFactArgs, Record<string, never>>({
  name: 'set_fact',
  doc: {
    summary: 'Sets host variables for the rest of the run, above play and task vars (below -e), as Ansible\'s set_fact does; contacts no host.',
    changed: 'Never.',
    checkMode: 'Same as a normal run: the variables are set.',
    ansibleDifferences: ['`cacheable` is accepted and has no effect (tsible keeps no fact cache between runs).'],
    examples: [
      "setFact({ web_port: 8080, site_url: 'http://{{ ansible_host }}:8080' })",
      'setFact((v) => ({ peers: (v.groups.web as string[]).filter((h) => h !== v.inventory_hostname) }))',
      "tsible all -i inventory -m set_fact -a 'role=web'",
    ],
  },
  args: {
    '*': { type: 'any', description: 'A variable to set (any name that is a valid variable name).' },
  },
  validate(args, where) {
    const names = Object.keys(args).filter((k) => k !== 'cacheable');
    if (!names.length) throw new ArgsError('module set_fact needs at least one variable to set', where);
    for (const k of names) if (!NAME.test(k)) throw new ArgsError('not a valid variable name', { ...where, field: k });
  },
  gather: async () => ({}),
  plan: () => [],
  output: (args) => {
    const { cacheable: _ignored, ...facts } = args;
    return { ansible_facts: facts };
  },
});
