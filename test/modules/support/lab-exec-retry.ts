// Lab test helper: like lab.exec (OpenSSH, jump host included) with a longer connect timeout, retried when ssh itself could not connect.
import { quoteWord } from '../../../core/quote.ts';
import { runSsh, type LabFixture } from '../../support/lab.ts';

const CONNECT_FAILURE = /timed out|Connection closed|Connection reset|kex_exchange_identification|Connection refused/i;

/** One OpenSSH run with the lab's ssh_config, but a 30 s connect timeout (the shared lab's jump VM can be slow to answer). */
function sshOnce(lab: LabFixture, host: string, argv: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const cmd = argv.map(quoteWord).join(' ');
  const base = ['-F', lab.sshConfig, '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=30'];
  // ProxyJump would start the jump's ssh with the config's short timeout: an explicit ProxyCommand (given first, so it wins) keeps ours.
  const jump = lab.info.plan.hosts.find((h) => h.name === host)?.jump;
  const proxy = jump ? ['-o', `ProxyCommand=ssh ${base.map(quoteWord).join(' ')} -W %h:%p root@${jump}`] : [];
  return runSsh([...base, ...proxy, host, '--', cmd]);
}

/**
 * Runs `argv` on `host` with OpenSSH, independently of tsible, to check state. When ssh exits 255 with a connection
 * error, tries again (up to `attempts` times); a command's own failure is returned at once, never retried.
 */
export async function labExec(lab: LabFixture, host: string, argv: string[], attempts = 3): Promise<{ stdout: string; stderr: string; code: number }> {
  let r = await sshOnce(lab, host, argv);
  for (let i = 1; i < attempts && r.code === 255 && CONNECT_FAILURE.test(r.stderr); i++) {
    console.log(`      [lab] ssh ${host} could not connect (${r.stderr.trim().split('\n')[0]}); retry ${i}`);
    await new Promise((ok) => setTimeout(ok, 2000 * i));
    r = await sshOnce(lab, host, argv);
  }
  return r;
}
