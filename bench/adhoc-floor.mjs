// The floor for one ad hoc command: plain node + ssh2, one connection, the host key checked against known_hosts' line, one command, its output printed.
// Usage: node bench/adhoc-floor.mjs HOST PORT KEYFILE KNOWN_HOSTS_LINE COMMAND
import { readFileSync } from 'node:fs';
import ssh2 from 'ssh2';

const [host, port, keyFile, knownLine, command] = process.argv.slice(2);
const want = Buffer.from(knownLine.trim().split(/\s+/)[2], 'base64');
const c = new ssh2.Client();
c.on('ready', () =>
  c.exec(command, (err, ch) => {
    if (err) throw err;
    let out = '';
    ch.on('data', (d) => (out += d)).on('close', (code) => {
      process.stdout.write(`${host} | CHANGED | rc=${code} >>\n${out}`);
      c.end();
    });
    ch.stderr.resume();
  }),
)
  .on('error', (e) => {
    console.error(e.message);
    process.exitCode = 1;
  })
  .connect({ host, port: Number(port), username: 'root', privateKey: readFileSync(keyFile), hostVerifier: (key) => want.equals(key) });
