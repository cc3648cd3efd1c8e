// Applies a plan's steps in order on the host; the first failing step stops the task.
import type { Change, ModuleContext, StepResult } from '../module.ts';

/** Runs every step of every change; returns each step's result in order (empty for writes). */
export async function applyChanges(ctx: ModuleContext, changes: Change[]): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const change of changes) {
    for (const step of change.steps) {
      const started = performance.now();
      let result: StepResult;
      if (step.kind === 'run') {
        result = await ctx.mustRun(step.command, { ...step.options, stdin: step.stdin ?? step.options?.stdin, okCodes: step.okCodes });
      } else if (step.kind === 'put') {
        await ctx.put(step.path, step.content, { mode: step.mode, owner: step.owner, group: step.group });
        result = { code: 0, stdout: '', stderr: '' };
      } else {
        result = (await step.call(ctx)) ?? { code: 0, stdout: '', stderr: '' };
      }
      results.push({ ...result, durationMs: performance.now() - started });
    }
  }
  return results;
}
