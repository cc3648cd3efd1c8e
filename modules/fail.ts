// The fail module: fails the host with a message (Ansible's fail), usually under a `when`; contacts no host.
import { defineModule } from '../core/module.ts';

/** Arguments of the fail module. */
export interface FailArgs {
  /** The reason shown (default 'Failed as requested from task', as Ansible). */
  msg?: string;
}

export const fail = defineModule<FailArgs, Record<string, never>>({
  name: 'fail',
  doc: {
    summary: 'Fails the host with a message, usually under a `when` (a check that stops the play on that host); contacts no host.',
    changed: 'Never.',
    checkMode: 'Same as a normal run: the host fails.',
    examples: [
      "fail({ msg: 'the VIP answered from the wrong node' }, { when: (v) => v.web.content !== 'Debian Web 1' })",
      "tsible web -i inventory -m fail -a 'msg=\"stop here\"'",
    ],
  },
  args: {
    msg: { type: 'string', default: 'Failed as requested from task', description: 'The failure message.' },
  },
  gather: async () => ({}),
  plan: () => [],
  output: (args) => ({ failed: true, msg: args.msg }),
});
