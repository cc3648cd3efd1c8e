// The setup module: gathers the host's facts in one round trip and returns them as tsible_* / ansible_* variables.
import { globToRegExp } from '../core/inventory/pattern.ts';
import { defineModule } from '../core/module.ts';
import { factVariables } from './facts/fact-vars.ts';
import { hostFacts, type HostFacts } from './facts/host-facts.ts';

/** Arguments of the setup module. */
export interface SetupArgs {
  /** Only return variables whose names match one of these shell-style patterns ('ansible_default_ipv4', 'tsible_os_*'). */
  filter?: string[];
}

export const setup = defineModule<SetupArgs, HostFacts>({
  name: 'setup',
  doc: {
    summary: 'Gathers facts about the host (OS family and release, host name, interfaces and addresses, default route, init system, memory, CPUs, kernel) in ONE command; they become host variables named tsible_* with ansible_* aliases.',
    changed: 'Never.',
    checkMode: 'Same as a normal run (it only reads).',
    examples: [
      "setup({})   // or play option gatherFacts: true",
      "setup({ filter: ['ansible_default_ipv4', 'tsible_os_*'] })",
      'tsible all -i inventory.ini -m setup -a filter=ansible_hostname,ansible_default_ipv4',
    ],
  },
  args: {
    filter: { type: 'list', elements: 'string', description: "Only return variables matching these patterns (e.g. 'ansible_default_ipv4', 'tsible_os_*')." },
  },
  gather: (ctx) => ctx.facts.get(hostFacts),
  plan: () => [],
  output(args, facts) {
    const vars = factVariables(facts);
    if (!args.filter?.length) return vars;
    const patterns = args.filter.map(globToRegExp);
    return Object.fromEntries(Object.entries(vars).filter(([k]) => patterns.some((p) => p.test(k))));
  },
});
