// Entry point of the lab's detached helper processes: `proxy JSON` (apt proxy) or `relay JSON` (apt relay).
import { startAptProxy, type AptProxyOptions } from './apt-proxy.ts';
import { startAptRelay } from './apt-relay.ts';

const [what, json] = process.argv.slice(2);
const opts = JSON.parse(json ?? '{}') as Record<string, unknown>;
process.on('SIGTERM', () => process.exit(0));
if (what === 'proxy') await startAptProxy(opts as unknown as AptProxyOptions);
else if (what === 'relay') await startAptRelay(opts.listen as { host: string; port: number }[], opts.target as string);
else {
  console.error(`usage: daemon-main.ts proxy|relay JSON (got ${what})`);
  process.exit(2);
}
console.log(`tsible lab ${what} ready (pid ${process.pid})`);
