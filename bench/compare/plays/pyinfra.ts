// Bench task set (a), after pyinfra's performance test: create a user, a file with mode, copy a small file, run a shell command. Ansible twin: pyinfra.yml.
import { playbook } from '../../../core/index.ts';
import { copy, file, shell, user } from '../../../modules/index.ts';

export default playbook({
  name: 'pyinfra performance set',
  hosts: 'bench',
  gatherFacts: false,
  tasks: [
    user({ name: 'benchuser', shell: '/bin/sh', createHome: true }, { name: 'Create a user' }),
    // Times preserved (as the Ansible twin): a touch otherwise changes every run, and the converged run must change nothing.
    file({ path: '/srv/bench.flag', state: 'touch', mode: '0640', accessTime: 'preserve', modificationTime: 'preserve' }, { name: 'A file with mode' }),
    copy({ src: 'small.txt', dest: '/srv/small.txt', mode: '0644' }, { name: 'Copy a small file' }),
    shell({ cmd: 'wc -l < /srv/small.txt' }, { name: 'Run a shell command', changedWhen: () => false }),
  ],
});
