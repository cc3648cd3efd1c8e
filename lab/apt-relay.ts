// The apt relay: listens on an internal network's relay address (in the switch netns) and pipes each connection to the proxy's Unix socket.
import net from 'node:net';

/** Starts one TCP listener per address, each forwarding to the Unix socket `target`. */
export async function startAptRelay(listen: { host: string; port: number }[], target: string): Promise<net.Server[]> {
  const servers: net.Server[] = [];
  for (const l of listen) {
    const s = net.createServer((c) => {
      const u = net.connect(target);
      c.pipe(u).pipe(c);
      c.on('error', () => u.destroy());
      u.on('error', () => c.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(l.port, l.host, resolve);
    });
    servers.push(s);
  }
  return servers;
}
