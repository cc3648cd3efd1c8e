// The name a task is shown and addressed by: its own name, else its module's.
import type { Task } from '../task.ts';

export function taskLabel(task: Task): string {
  return task.name ?? task.module?.name ?? '(unnamed task)';
}
