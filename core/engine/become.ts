// Decides, per task, whether commands go through sudo and as whom (task over play over inventory/CLI).
import type { Connection } from '../inventory/types.ts';
import type { Play, TaskOptions } from '../task.ts';
import type { Become } from '../transport/transport.ts';

/** The Become for a task, or undefined to run as the login user (also when already logged in as the target user). */
export function becomeFor(task: TaskOptions | undefined, play: Pick<Play, 'become' | 'becomeUser'> | undefined, conn: Connection): Become | undefined {
  const enabled = task?.become ?? play?.become ?? conn.become ?? false;
  if (!enabled) return undefined;
  const user = task?.becomeUser ?? play?.becomeUser ?? conn.becomeUser ?? 'root';
  if (conn.transport === 'ssh' && conn.user === user) return undefined;
  return conn.becomeMethod === 'su' ? { user, method: 'su' } : { user };
}
