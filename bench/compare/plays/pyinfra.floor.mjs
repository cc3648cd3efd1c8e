// The floor's commands for task set (a) (pyinfra.ts / pyinfra.yml): per task a read-only check, and the change it needs.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const small = readFileSync(new URL('files/small.txt', import.meta.url), 'utf8');
const sha = createHash('sha256').update(small).digest('hex');

/** The tasks for host `name`: { name, check?, change, stdin?, always? }. */
export function tasks(name) {
  return [
    { name: 'Create a user', check: 'test -d /home/benchuser', change: 'useradd --create-home --shell /bin/sh benchuser' },
    { name: 'A file with mode', check: 'test "$(stat -c %a /srv/bench.flag 2>/dev/null)" = 640', change: 'touch /srv/bench.flag && chmod 0640 /srv/bench.flag' },
    {
      name: 'Copy a small file',
      check: `echo '${sha}  /srv/small.txt' | sha256sum -c --status 2>/dev/null && test "$(stat -c %a /srv/small.txt)" = 644`,
      change: 't=$(mktemp /srv/.small.txt.XXXXXX) && chmod 0644 "$t" && cat > "$t" && mv "$t" /srv/small.txt',
      stdin: small,
    },
    { name: 'Run a shell command', change: 'wc -l < /srv/small.txt', always: true },
  ];
}
