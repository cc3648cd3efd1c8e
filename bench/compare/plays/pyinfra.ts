// Bench task set (a), after pyinfra's performance test: create a user, a file with mode, copy a small file, run a shell command. Ansible twin: pyinfra.yml.
import { playbook } from '../../../core/index.ts';
import { command, copy, file, shell } from '../../../modules/index.ts';

export default playbook({
  name: 'pyinfra performance set',
  hosts: 'bench',
  gatherFacts: false,
  tasks: [
    // tsible has no user module (yet): useradd guarded by the home it creates, one round trip when converged.
    command({ argv: ['useradd', '--create-home', '--shell', '/bin/sh', 'benchuser'], creates: '/home/benchuser' }, { name: 'Create a user' }),
    // Times preserved (as the Ansible twin): a touch otherwise changes every run, and the converged run must change nothing.
    file({ path: '/srv/bench.flag', state: 'touch', mode: '0640', accessTime: 'preserve', modificationTime: 'preserve' }, { name: 'A file with mode' }),
    copy({ src: 'small.txt', dest: '/srv/small.txt', mode: '0644' }, { name: 'Copy a small file' }),
    shell({ cmd: 'wc -l < /srv/small.txt' }, { name: 'Run a shell command', changedWhen: () => false }),
  ],
});
