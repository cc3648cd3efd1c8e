// The ping module: proves tsible can log in and run a command on the host (answers 'pong'); never changes anything.
import { FactError } from '../core/errors.ts';
import { defineModule } from '../core/module.ts';

/** Arguments of the ping module. */
export interface PingArgs {
  /** The word echoed back by the host and returned as `ping` (default 'pong'). */
  data?: string;
}

/** What the host echoed. */
export interface PingFacts {
  /** The host's answer. */
  answer: string;
}

export const ping = defineModule<PingArgs, PingFacts>({
  name: 'ping',
  doc: {
    summary: 'Checks that tsible can connect to the host and run a command there (with become if asked); returns ping: pong.',
    changed: 'Never.',
    checkMode: 'Same as a normal run (it only reads).',
    examples: ['ping({})', 'tsible all -i inventory.ini -m ping'],
  },
  args: {
    data: { type: 'string', description: 'The word the host echoes back, returned as `ping`.', default: 'pong' },
  },
  async gather(ctx, args) {
    const data = String(args.data ?? 'pong');
    const r = await ctx.run(['printf', '%s', data]);
    if (r.code !== 0 || r.stdout !== data) {
      throw new FactError(`ping: the host answered ${JSON.stringify(r.stdout.slice(0, 80))} (exit ${r.code}) instead of ${JSON.stringify(data)}${r.stderr.trim() ? `: ${r.stderr.trim()}` : ''}`, ctx.where);
    }
    return { answer: r.stdout };
  },
  plan: () => [],
  output: (_args, facts) => ({ ping: facts.answer }),
  message: (_args, facts) => facts.answer,
});
