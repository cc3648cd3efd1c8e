// Compatibility suite support: one case = a module call on fresh files, run by Ansible and by tsible, twice.
import type { Fixture } from './fixture-tree.ts';

/** One module call, taken from Ansible's integration tests or docs. */
export interface CompatCase {
  /** Unique, also the case's folder name. */
  id: string;
  module: 'lineinfile' | 'file' | 'copy';
  /**
   * Arguments as Ansible takes them. In strings, `$D` is the case's folder (absolute), `$R` the same folder
   * relative to the working directory of the run, `$L` the case's folder of control-machine files.
   */
  args: Record<string, unknown>;
  /** Files of the host before the first run (in the case's folder). */
  files?: Fixture;
  /** Files of the control machine (copy src), in `$L`. */
  local?: Fixture;
  /** Run both times in check mode. */
  check?: boolean;
  /** Where the case comes from: ansible/ansible test/integration/targets/MODULE/tasks/FILE.yml (task name), or a doc page. */
  source: string;
  /** A deliberate difference: tsible's result differs from Ansible's, for this reason (documented in the module's doc). */
  differs?: string;
}
