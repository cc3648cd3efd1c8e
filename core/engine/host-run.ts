// One host's state during a run: its connection (opened once, lazily), facts, registered variables, notified handlers and counters.
import type { FactCache } from '../facts.ts';
import { connectionFor, type CliConnectionOptions } from '../inventory/connection.ts';
import type { Connection, InventoryHost } from '../inventory/types.ts';
import { openTransport, type TransportOptions } from '../transport/open.ts';
import type { Transport } from '../transport/transport.ts';
import { becomeFor } from './become.ts';
import { createFactCache } from './fact-cache.ts';
import { emptyStats, type HostStats } from './results.ts';

export class HostRun {
  readonly name: string;
  readonly connection: Connection;
  readonly facts: FactCache;
  /** Variables set by `register` and by fact gathering; they outlive the play, as in Ansible. */
  readonly registered: Record<string, unknown> = {};
  /** Handler names notified and not yet run. */
  readonly notified = new Set<string>();
  readonly stats: HostStats = emptyStats();
  /** Failed in this play: no more tasks for this host in this play. */
  failed = false;
  /** Could not be reached: no more tasks for this host in this run. */
  unreachable = false;
  private transport?: Transport;

  constructor(readonly host: InventoryHost, extraVars: Record<string, unknown>, cli: CliConnectionOptions, private readonly transportOptions: TransportOptions) {
    this.name = host.name;
    this.connection = connectionFor({ ...host, vars: { ...host.vars, ...extraVars } }, cli);
    const become = becomeFor(undefined, undefined, this.connection);
    this.facts = createFactCache(this.name, (c, o) => this.open().run(c, { become, ...o }));
  }

  /** The host's one transport (created on first use; it connects on its first command). */
  open(): Transport {
    this.transport ??= openTransport(this.name, this.connection, this.transportOptions);
    return this.transport;
  }

  async close(): Promise<void> {
    await this.transport?.close().catch(() => {});
  }
}
