// The floor's commands for task set (b) (realistic.ts / realistic.yml): per task a read-only check, and the change it needs.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const read = (f) => readFileSync(new URL(f, import.meta.url), 'utf8');
const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
const sha = (s) => createHash('sha256').update(s).digest('hex');
/** `<%= name %>` substitution: all the EJS the bench's templates use. */
const render = (src, vars) => src.replace(/<%=\s*(\w+)\s*%>/g, (_, k) => vars[k]);
const mode = (p, m) => `test "$(stat -c %a ${q(p)} 2>/dev/null)" = ${Number.parseInt(m, 8).toString(8)}`;

const dir = (name, p, m) => ({ name, check: `test -d ${q(p)} && ${mode(p, m)}`, change: `mkdir -p ${q(p)} && chmod ${m} ${q(p)}` });
const content = (name, p, text, m) => ({
  name,
  check: `echo ${q(`${sha(text)}  ${p}`)} | sha256sum -c --status 2>/dev/null && ${mode(p, m)}`,
  change: `t=$(mktemp ${q(p)}.XXXXXX) && chmod ${m} "$t" && cat > "$t" && mv "$t" ${q(p)}`,
  stdin: text,
});
/** lineinfile: the line is there, else lines matching `re` are dropped and the line appended (atomically, mode kept). */
const line = (name, p, re, l) => ({
  name,
  check: `grep -qxF -- ${q(l)} ${q(p)} 2>/dev/null`,
  change: `t=$(mktemp ${q(p)}.XXXXXX) && { grep -vE -- ${q(re)} ${q(p)} 2>/dev/null; echo ${q(l)}; } > "$t"; chmod "$(stat -c %a ${q(p)} 2>/dev/null || echo 644)" "$t" && mv "$t" ${q(p)}`,
});

/** The tasks for host `name`: { name, check?, change, stdin?, always? }. */
export function tasks(name) {
  const vars = { inventory_hostname: name, app_port: '8080', app_workers: '4' };
  const sysctlFile = '/etc/sysctl.d/60-app.conf';
  return [
    { name: 'Tools present', check: "dpkg-query -W -f='${Status}' procps 2>/dev/null | grep -q 'install ok installed'", change: 'DEBIAN_FRONTEND=noninteractive apt-get install -y procps' },
    dir('App root', '/srv/app', '0755'),
    dir('Data directory', '/srv/app/data', '0750'),
    dir('Log directory', '/srv/app/log', '0755'),
    dir('Config directory', '/etc/app', '0755'),
    content('App config', '/etc/app/app.conf', render(read('templates/app.conf.ejs'), vars), '0644'),
    content('Message of the day', '/etc/motd', render(read('templates/motd.ejs'), vars), '0644'),
    content('App environment', '/etc/app/app.env', 'APP_ENV=bench\nAPP_PORT=8080\n', '0600'),
    content('Log rotation', '/etc/logrotate.d/app', read('files/logrotate-app'), '0644'),
    content('README', '/srv/app/README', read('files/small.txt'), '0644'),
    line('APP_HOME for logins', '/etc/environment', '^APP_HOME=', 'APP_HOME=/srv/app'),
    line('Daemon options', '/etc/default/app', '^DAEMON_OPTS=', 'DAEMON_OPTS="--workers 4"'),
    line('Daemon enabled', '/etc/default/app', '^ENABLED=', 'ENABLED=yes'),
    line('Listen backlog', sysctlFile, '^\\s*net\\.core\\.somaxconn\\s*=', 'net.core.somaxconn = 1024'),
    line('Swappiness', sysctlFile, '^\\s*vm\\.swappiness\\s*=', 'vm.swappiness = 10'),
    line('Open files', sysctlFile, '^\\s*fs\\.file-max\\s*=', 'fs.file-max = 200000'),
    { name: 'Current release link', check: 'test "$(readlink /srv/app/current)" = /srv/app/data', change: 'ln -sfn /srv/app/data /srv/app/current' },
    { name: 'Log file', check: mode('/srv/app/log/app.log', '0640'), change: 'touch /srv/app/log/app.log && chmod 0640 /srv/app/log/app.log' },
    { name: 'Initialize data once', check: 'test -e /srv/app/data/.init', change: 'echo initialized > /srv/app/data/.init' },
    { name: 'SSH starts at boot', check: 'ls /etc/rc2.d/S??ssh >/dev/null 2>&1', change: 'update-rc.d ssh enable' },
    { name: 'Read a fact with a command', change: 'id -u root', always: true },
  ];
}
