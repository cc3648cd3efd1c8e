// Runs commands on inventory hosts over tsible's own transport (SSH as the inventory says), one connection per host, for drills.
import type { Inventory } from '../core/inventory/types.ts';
import { connectionFor } from '../core/transport/connection.ts';
import { Host } from '../core/engine/host.ts';
import { openTransport } from '../core/transport/open.ts';
import { ArgsError } from '../core/errors.ts';
import type { Command } from '../core/quote.ts';

/** Commands on inventory hosts; close() when done. */
export class Remote {
  private readonly open = new Map<string, Host>();

  constructor(readonly inventory: Inventory) {}

  /** The hosts of `group` (empty when there is no such group). */
  group(name: string): string[] {
    const out: string[] = [];
    for (const h of this.inventory.hosts.values()) if (h.groups.includes(name)) out.push(h.name);
    return out;
  }

  /** A host's variable. */
  hostVar(host: string, name: string): unknown {
    return this.inventory.hosts.get(host)?.vars[name];
  }

  /** Runs `command` (an argv, or { shell }) on `host`; resolves its exit code and output (a connection failure rejects). */
  async run(host: string, command: Command, timeoutMs = 30_000): Promise<{ rc: number; stdout: string; stderr: string }> {
    const h = this.inventory.hosts.get(host);
    if (!h) throw new ArgsError(`host ${host} is not in the inventory (${this.inventory.source})`, { host });
    let t = this.open.get(host);
    if (!t) {
      const conn = connectionFor(h, {});
      this.open.set(host, (t = new Host(host, h, conn, () => openTransport(host, conn))));
    }
    const r = await t.open().run(command, { become: t.becomeFor(), timeoutMs });
    return { rc: r.code ?? -1, stdout: r.stdout, stderr: r.stderr };
  }

  /** Drops a host's connection (its cable was cut or it was powered off: the next run reconnects). */
  async forget(host: string): Promise<void> {
    const t = this.open.get(host);
    this.open.delete(host);
    await t?.open().close().catch(() => {});
  }

  async close(): Promise<void> {
    for (const h of [...this.open.keys()]) await this.forget(h);
  }
}
