// assert: fails the host with a message unless every condition (booleans, usually computed from the host's vars) holds.
import { ArgsError, TsibleError } from '../core/errors.ts';
import { defineModule } from '../core/module.ts';
import { conditionHolds } from '../core/template/template-value.ts';

export interface AssertArgs {
  /**
   * The conditions: a list of booleans, or an object of named booleans (the name is reported when it is false).
   * Compute them from the host's vars by giving the arguments as a function:
   * `assert((v) => ({ that: { 'VIP on lb1': v.vip_holder === 'lb1' }, failMsg: 'failover did not happen' }))`.
   * A string is a Jinja condition, as in Ansible: `assert({ that: ['st.stat.exists', "web.status == 200"] })`.
   */
  that: boolean | string | (boolean | string)[] | Record<string, boolean | string>;
  /** Message of the failure (default: which condition was false). */
  failMsg?: string;
  /** Message when all conditions hold (default 'All assertions passed'). */
  successMsg?: string;
  /** Do not print the success message. */
  quiet?: boolean;
}

export interface AssertFacts {
  /** Label of the first false condition (index for a list), or undefined when all hold. */
  failed?: string;
  count: number;
}

/** An assertion that did not hold. */
export class AssertionFailed extends TsibleError {
  override name = 'AssertionFailed';
}

/** The conditions as [label, value] pairs; throws ArgsError when one is not a boolean. */
function conditions(that: unknown, where = {}, vars?: Record<string, unknown>): [string, boolean][] {
  if (typeof that === 'string' && that.includes(',')) that = that.split(',').map((w) => w.trim()); // ad hoc: that=true,false
  const pairs: [string, unknown][] = typeof that === 'boolean' ? [['that', that]]
    : Array.isArray(that) ? that.map((v, i) => [`that[${i}]`, v])
    : that && typeof that === 'object' ? Object.entries(that as Record<string, unknown>)
    : [['that', that]];
  for (const [i, [label, v]] of pairs.entries()) {
    if (typeof v === 'boolean') continue;
    if (v === 'true' || v === 'false') continue;
    // Ansible's form: a Jinja expression of the host's variables ("st.stat.exists"), labelled by itself; judged when vars are given.
    if (typeof v === 'string' && v.trim() !== '') {
      pairs[i] = [label.startsWith('that') ? v : label, vars ? conditionHolds(v, vars, { label: 'that', where }) : true];
      continue;
    }
    throw new ArgsError(`each condition must be a boolean (write it as an expression of the vars, e.g. v.count > 2) or a Jinja condition string, ${label} is ${v === null ? 'null' : typeof v}`, { ...where, field: label.startsWith('that') ? label : `that.${label}` });
  }
  return pairs.map(([label, v]) => [label, v === true || v === 'true']);
}

export const assert = defineModule<AssertArgs, AssertFacts>({
  name: 'assert',
  doc: {
    summary: 'Checks conditions computed from the host\'s variables; the host fails with failMsg (or the name of the false condition) unless all are true.',
    changed: 'Never.',
    checkMode: 'Same as a normal run: the conditions are evaluated and a false one fails the host.',
    examples: [
      "assert((v) => ({ that: [v.web.status === 200, v.web.content.includes('Debian Web 1')], failMsg: 'the VIP is not served by web1' }))",
      "assert((v) => ({ that: { 'ip_forward is on': v.fwd.stdout.trim() === '1' } }))",
    ],
  },
  args: {
    that: { type: 'any', required: true, description: 'A boolean, a list of booleans, or an object of named booleans.' },
    failMsg: { type: 'string', description: 'Failure message.', aliases: ['fail_msg', 'msg'] },
    successMsg: { type: 'string', default: 'All assertions passed', description: 'Success message.', aliases: ['success_msg'] },
    quiet: { type: 'bool', default: false, description: 'No success message.' },
  },
  validate(args, where) {
    conditions(args.that, where);
  },
  async gather(ctx, args) {
    const list = conditions(args.that, ctx.where, ctx.vars);
    const bad = list.find(([, ok]) => !ok);
    if (bad) {
      throw new AssertionFailed(args.failMsg ?? `assertion failed: ${bad[0]}`, ctx.where);
    }
    return { count: list.length };
  },
  plan: () => [],
  output: (args, facts) => ({ evaluated: facts.count, ...(args.quiet ? {} : { msg: args.successMsg }) }),
});
