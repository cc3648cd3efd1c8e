// `lab ssh` / `lab exec`: the argv that reaches a lab host with the lab's ssh_config (jump host included).
import { quoteWord } from '../core/quote.ts';
import { currentLab, findHost } from './current.ts';
import type { LabOptions } from './up.ts';

/** ssh argv for an interactive login (no command) or for running `command` (an argv, quoted for the remote shell). */
export async function sshArgv(host: string, command: string[] = [], opts: LabOptions = {}): Promise<string[]> {
  const lab = await currentLab(opts);
  findHost(lab, host);
  const argv = ['ssh', '-F', lab.paths.sshConfig];
  if (command.length === 0) return [...argv, host];
  return [...argv, '-o', 'BatchMode=yes', host, '--', command.map(quoteWord).join(' ')];
}
