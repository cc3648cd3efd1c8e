// The setup module on the local transport: one command, facts that match what Node reads itself, filter, fact cache.
import { availableParallelism, hostname, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { Host } from '../../core/engine/host.ts';
import { runModule } from '../../core/engine/run-module.ts';
import type { Command } from '../../core/quote.ts';
import { LocalTransport } from '../../core/transport/local.ts';
import type { RunOptions, RunResult, Transport } from '../../core/transport/transport.ts';
import { hostFacts } from '../../modules/facts/host-facts.ts';
import { setup } from '../../modules/setup.ts';

/** The local transport, counting the commands it runs. */
function counting(t: Transport): Transport & { runs: number } {
  const c = Object.create(t) as Transport & { runs: number };
  c.runs = 0;
  c.run = (command: Command, options?: RunOptions): Promise<RunResult> => {
    c.runs++;
    return t.run(command, options);
  };
  return c;
}

describe('setup on the local transport', () => {
  const local = new LocalTransport('localhost', { commandTimeoutMs: 30_000 });
  after(() => local.close());

  it('gathers everything in ONE command; values match what Node reads on this machine', async () => {
    const t = counting(local);
    const r = await runModule({ module: setup, args: {}, transport: t });
    expect(r.status).to.equal('ok');
    expect(t.runs).to.equal(1);
    const d = r.data;
    expect(d.tsible_hostname).to.equal(hostname().split('.')[0]);
    expect(d.ansible_memtotal_mb).to.equal(Math.floor(totalmem() / 1024 / 1024));
    expect(d.tsible_processor_nproc).to.equal(availableParallelism());
    const osRelease = readFileSync('/etc/os-release', 'utf8');
    expect(d.tsible_os_family).to.equal(/^ID=debian$/m.test(osRelease) ? 'Debian' : d.tsible_os_family);
    expect(d.tsible_distribution_release).to.equal(/^VERSION_CODENAME=(.*)$/m.exec(osRelease)?.[1] ?? '');
    expect(d.tsible_architecture).to.equal({ x64: 'x86_64', arm64: 'aarch64' }[process.arch as string] ?? d.tsible_architecture);
    expect((d.ansible_interfaces as string[])).to.include('lo');
    expect(d.changed).to.equal(false);
  });

  it('filter keeps only the matching variables', async () => {
    const r = await runModule({ module: setup, args: { filter: 'ansible_hostname,tsible_os_*' }, transport: local });
    expect(Object.keys(r.data).sort()).to.deep.equal(['ansible_hostname', 'changed', 'failed', 'tsible_os_family', 'tsible_os_release']);
  });

  it('check mode reports the same facts (it only reads)', async () => {
    const r = await runModule({ module: setup, args: {}, transport: local, check: true });
    expect(r.status).to.equal('ok');
    expect(r.data.tsible_hostname).to.equal(hostname().split('.')[0]);
  });

  it('facts are read once per host: setup and a module asking ctx.facts.get(hostFacts) share one read', async () => {
    const t = counting(local);
    const host = Host.over(t, 'localhost');
    await runModule({ module: setup, args: {}, host });
    const again = await host.facts().get(hostFacts);
    expect(again.hostname).to.equal(hostname().split('.')[0]);
    expect(t.runs).to.equal(1);
  });
});
