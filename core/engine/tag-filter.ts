// -t/--tags and --skip-tags: which tasks run (Ansible's rules: `always` runs unless skipped by name, `never` only when asked).
import type { TaskOptions } from '../task.ts';

export function taskSelected(task: TaskOptions, tags: string[] | undefined, skipTags: string[] | undefined): boolean {
  const own = task.tags ?? [];
  if (skipTags?.length && own.some((t) => skipTags.includes(t) || (t !== 'always' && skipTags.includes('all')))) return false;
  if (!tags?.length || tags.includes('all')) return !own.includes('never') || !!tags?.includes('never');
  if (own.includes('always')) return true;
  if (tags.includes('tagged') && own.length) return true;
  if (tags.includes('untagged') && !own.length) return true;
  return own.some((t) => tags.includes(t));
}
