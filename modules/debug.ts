// The debug module: prints a message or a variable's value for each host (Ansible's debug); runs on the control machine, touches no host.
import { ArgsError } from '../core/errors.ts';
import { defineModule } from '../core/module.ts';
import { TemplateError } from '../core/template/render.ts';
import { templateValue } from '../core/template/template-value.ts';

/** Arguments of the debug module: `msg` or `var`, not both. */
export interface DebugArgs {
  /** What to print (default 'Hello world!'); `{{ }}` in it renders with the host's variables. */
  msg?: unknown;
  /** A variable's name, or a Jinja expression of the host's variables, whose value is printed. */
  var?: string;
  /** Print only with at least this many -v (default 0: always); otherwise the task is skipped, as in Ansible. */
  verbosity?: number;
}

/** What is printed: the message, or the variable's value. */
export interface DebugFacts {
  value: unknown;
  /** The run's -v count is below the task's verbosity: nothing printed, the task skipped. */
  quiet?: boolean;
}

/** Ansible's text for a variable that is not defined. */
export const NOT_DEFINED = 'VARIABLE IS NOT DEFINED!';

export const debug = defineModule<DebugArgs, DebugFacts>({
  name: 'debug',
  doc: {
    summary: 'Prints a message, or the value of a variable or expression, for each host; contacts no host.',
    changed: 'Never.',
    checkMode: 'Same as a normal run.',
    ansibleDifferences: [
      'The result line is tsible\'s own (`ok: [web1] => text`), not Ansible\'s JSON block; --json and register give Ansible\'s keys (msg, or the variable\'s name).',
    ],
    examples: [
      "debug({ msg: 'VIP {{ vip }} on {{ inventory_hostname }}' })",
      "debug({ var: 'hostvars[inventory_hostname].ansible_host' })",
      "debug((v) => ({ msg: `${v.inventory_hostname} is in ${v.group_names.join(', ')}` }))",
      "tsible web -i inventory -m debug -a 'var=ansible_host'",
    ],
  },
  args: {
    msg: { type: 'any', description: 'The message (any value; {{ }} renders).' },
    var: { type: 'string', description: 'A variable name or Jinja expression whose value is printed.' },
    verbosity: { type: 'int', default: 0, description: 'Print only with at least this many -v; skipped otherwise.' },
  },
  validate(args, where) {
    if (args.msg !== undefined && args.var !== undefined) throw new ArgsError('module debug takes msg or var, not both', { ...where, field: 'var' });
    if (args.var !== undefined && !args.var.trim()) throw new ArgsError('module debug: var must name a variable or expression', { ...where, field: 'var' });
  },
  async gather(ctx, args) {
    if ((args.verbosity ?? 0) > Number(ctx.vars.ansible_verbosity ?? 0)) return { value: undefined, quiet: true };
    if (args.var === undefined) return { value: args.msg ?? 'Hello world!' };
    // A plain name is the variable itself, with its type (Ansible prints `"answer": 42`, not "42").
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(args.var)) return { value: args.var in ctx.vars && ctx.vars[args.var] !== undefined ? ctx.vars[args.var] : NOT_DEFINED };
    const expr = args.var.includes('{{') ? args.var : `{{ ${args.var} }}`;
    try {
      return { value: templateValue(expr, ctx.vars, { label: 'debug var', where: { ...ctx.where, field: 'var' } }) };
    } catch (e) {
      if (e instanceof TemplateError && /is undefined/.test(e.message)) return { value: NOT_DEFINED };
      throw e;
    }
  },
  plan: () => [],
  output: (args, facts) => (facts.quiet ? { skipped: true, skipped_reason: 'Verbosity threshold not met.' } : args.var !== undefined ? { [args.var]: facts.value } : { msg: facts.value }),
  message: (args, facts) => {
    if (facts.quiet) return undefined;
    const text = typeof facts.value === 'string' ? facts.value : JSON.stringify(facts.value, null, 2);
    return args.var !== undefined ? `${args.var}: ${text}` : text;
  },
});
