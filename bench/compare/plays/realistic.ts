// Bench task set (b): a realistic ~20-task play built from tsible's modules (directories, templates, files, lines, sysctl file entries, commands). Ansible twin: realistic.yml.
import { playbook } from '../../../core/index.ts';
import { apt, command, copy, file, lineinfile, service, shell, sysctl, template } from '../../../modules/index.ts';

/** Kernel settings persisted in a sysctl.d file. reload: false — the bench hosts share one kernel, so live values are left alone (see README, Performance). */
const SYSCTL_FILE = '/etc/sysctl.d/60-app.conf';

export default playbook({
  name: 'realistic app host',
  hosts: 'bench',
  gatherFacts: false,
  vars: { app_port: '8080', app_workers: '4' },
  tasks: [
    // Installed already on every host (they share this machine's dpkg database): a read of the package state.
    apt({ name: 'procps' }, { name: 'Tools present' }),
    file({ path: '/srv/app', state: 'directory', mode: '0755' }, { name: 'App root' }),
    file({ path: '/srv/app/data', state: 'directory', mode: '0750' }, { name: 'Data directory' }),
    file({ path: '/srv/app/log', state: 'directory', mode: '0755' }, { name: 'Log directory' }),
    file({ path: '/etc/app', state: 'directory', mode: '0755' }, { name: 'Config directory' }),
    template({ src: 'app.conf.ejs', dest: '/etc/app/app.conf', mode: '0644' }, { name: 'App config' }),
    template({ src: 'motd.ejs', dest: '/etc/motd', mode: '0644' }, { name: 'Message of the day' }),
    copy({ content: 'APP_ENV=bench\nAPP_PORT=8080\n', dest: '/etc/app/app.env', mode: '0600' }, { name: 'App environment' }),
    copy({ src: 'logrotate-app', dest: '/etc/logrotate.d/app', mode: '0644' }, { name: 'Log rotation' }),
    copy({ src: 'small.txt', dest: '/srv/app/README', mode: '0644' }, { name: 'README' }),
    lineinfile({ path: '/etc/environment', regexp: '^APP_HOME=', line: 'APP_HOME=/srv/app' }, { name: 'APP_HOME for logins' }),
    lineinfile({ path: '/etc/default/app', regexp: '^DAEMON_OPTS=', line: 'DAEMON_OPTS="--workers 4"', create: true }, { name: 'Daemon options' }),
    lineinfile({ path: '/etc/default/app', regexp: '^ENABLED=', line: 'ENABLED=yes' }, { name: 'Daemon enabled' }),
    sysctl({ name: 'net.core.somaxconn', value: '1024', sysctlFile: SYSCTL_FILE, reload: false }, { name: 'Listen backlog' }),
    sysctl({ name: 'vm.swappiness', value: '10', sysctlFile: SYSCTL_FILE, reload: false }, { name: 'Swappiness' }),
    sysctl({ name: 'fs.file-max', value: '200000', sysctlFile: SYSCTL_FILE, reload: false }, { name: 'Open files' }),
    file({ path: '/srv/app/current', state: 'link', src: '/srv/app/data' }, { name: 'Current release link' }),
    file({ path: '/srv/app/log/app.log', state: 'touch', mode: '0640', accessTime: 'preserve', modificationTime: 'preserve' }, { name: 'Log file' }), // times preserved, as the Ansible twin
    shell({ cmd: 'echo initialized > /srv/app/data/.init', creates: '/srv/app/data/.init' }, { name: 'Initialize data once' }),
    // The hosts share one init system (no systemd here: SysV scripts); ssh is enabled at boot already, so this only reads its state.
    service({ name: 'ssh', enabled: true }, { name: 'SSH starts at boot' }),
    command({ argv: ['id', '-u', 'root'] }, { name: 'Read a fact with a command', changedWhen: () => false }),
  ],
});
