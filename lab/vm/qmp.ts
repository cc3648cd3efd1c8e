// A minimal QMP client: connect to qemu's monitor socket and ask the guest to power down (ACPI button).
import { connect } from 'node:net';

/** Sends `system_powerdown`; resolves true once qemu acknowledged it, false on any failure or after `timeoutMs`. */
export function qmpPowerdown(socketPath: string, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(socketPath);
    let buf = '';
    let stage = 0; // 0: greeting, 1: capabilities sent, 2: powerdown sent
    const done = (ok: boolean) => {
      clearTimeout(timer);
      sock.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    sock.on('error', () => done(false));
    sock.on('close', () => done(false));
    sock.on('data', (chunk) => {
      buf += chunk.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!line) continue;
        let msg: Record<string, unknown>;
        try {
          msg = JSON.parse(line) as Record<string, unknown>;
        } catch {
          return done(false);
        }
        if ('error' in msg) return done(false);
        if (stage === 0 && 'QMP' in msg) {
          stage = 1;
          sock.write('{"execute":"qmp_capabilities"}\n');
        } else if (stage === 1 && 'return' in msg) {
          stage = 2;
          sock.write('{"execute":"system_powerdown"}\n');
        } else if (stage === 2 && 'return' in msg) {
          return done(true);
        }
      }
    });
  });
}
