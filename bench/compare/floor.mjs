// The floor: one raw ssh2 connection per host, the task set's shell commands (check, then change when the check says so), nothing else. Plain JS run by node itself, no loader.
// Usage: node bench/compare/floor.mjs HOSTS.json TASKS.mjs — HOSTS.json: { key, timeoutS, hosts: [{ name, address, port, hostKey }] } (timeoutS: connect timeout, default 30).
// Prints a recap line per host (`h01 : ok=4 changed=3 failed=0`) like tsible and Ansible, exit 2 when a host failed.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import ssh2 from 'ssh2';

const [hostsFile, tasksFile] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(hostsFile, 'utf8'));
const { tasks } = await import(pathToFileURL(resolve(tasksFile)).href);
const privateKey = readFileSync(spec.key);

/** Opens the host's connection, checking its key against the known one (as tsible and OpenSSH do). */
function connect(h) {
  const want = Buffer.from(h.hostKey.split(' ')[1], 'base64');
  return new Promise((ok, fail) => {
    const c = new ssh2.Client();
    c.on('ready', () => ok(c))
      .on('error', fail)
      .connect({ host: h.address, port: h.port, username: 'root', privateKey, hostVerifier: (key) => want.equals(key), readyTimeout: (spec.timeoutS ?? 30) * 1000 });
  });
}

/** Runs one command on its own channel; resolves with its exit code and stdout. */
function run(c, command, stdin) {
  return new Promise((ok, fail) =>
    c.exec(command, (err, ch) => {
      if (err) return fail(err);
      let code = -1;
      let out = '';
      ch.on('exit', (x) => (code = x ?? -1)).on('close', () => ok({ code, out }));
      ch.on('data', (d) => (out += d));
      ch.stderr.resume();
      ch.end(stdin ?? undefined);
    }),
  );
}

const stats = await Promise.all(
  spec.hosts.map(async (h) => {
    const s = { ok: 0, changed: 0, failed: 0 };
    let c;
    try {
      c = await connect(h);
      for (const t of tasks(h.name)) {
        // A task: `check` exits 0 when the host is already right; otherwise `change` runs (with `stdin`). `always`: run every time.
        if (t.check && (await run(c, t.check)).code === 0) {
          s.ok++;
          continue;
        }
        const r = await run(c, t.change, t.stdin);
        if (r.code !== 0) {
          s.failed++;
          console.error(`${h.name}: ${t.name}: exit ${r.code}`);
          break;
        }
        s.ok++;
        if (!t.always) s.changed++;
      }
    } catch (e) {
      s.failed++;
      console.error(`${h.name}: ${e.message}`);
    } finally {
      c?.end();
    }
    return [h.name, s];
  }),
);
console.log('PLAY RECAP');
for (const [name, s] of stats) console.log(`${name} : ok=${s.ok} changed=${s.changed} unreachable=0 failed=${s.failed}`);
process.exitCode = stats.some(([, s]) => s.failed) ? 2 : 0;
