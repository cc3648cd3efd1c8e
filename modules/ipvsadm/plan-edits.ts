// The minimal -A/-E/-D/-a/-e/-d edits that bring an IPVS table to the declared services (pure).
import type { DeclaredService } from './declared.ts';
import {
  cloneTable, sameServerSettings, sameServiceSettings, serverKey, serverLine, serviceId, serviceKey, serviceLine,
  type IpvsTable, type VirtualService,
} from './table.ts';

/** One edit: a line for `ipvsadm -R` (argv words, no leading `ipvsadm`). */
export interface Edit {
  words: string[];
}

export interface Reconciled {
  /** Edits in the order to apply them; [] when the table already matches. */
  edits: Edit[];
  /** The table after the edits (current order kept, new entries appended), for the rules file. */
  table: IpvsTable;
}

/** How reconcile() treats a real server's live weight. */
export interface ReconcileOptions {
  /** Delete what is not declared (see IpvsadmArgs.purge). */
  purge: boolean;
  /** A real server already in the table keeps its weight (a load-weights daemon sets it); new ones get the declared one. */
  keepWeights?: boolean;
}

/**
 * Compares `current` with the declarations. Declared services are added (-A), edited (-E, with all
 * their options: -E resets what it is not given) or deleted (-D, state absent); their real servers are
 * added (-a), edited (-e) or deleted (-d: declared absent, or not declared when `purge`). With `purge`,
 * services not declared at all are deleted. Nothing else is touched: adding a real server never
 * re-creates its service, so the other real servers keep their connections. With `keepWeights`, a real server's
 * weight alone is never edited, and an edit for another setting keeps it.
 */
export function reconcile(current: IpvsTable, declared: DeclaredService[], { purge, keepWeights = false }: ReconcileOptions): Reconciled {
  const table = cloneTable(current);
  const edits: Edit[] = [];
  const declaredKeys = new Set(declared.map((d) => serviceKey(d.service)));
  const remove = (s: VirtualService): void => {
    edits.push({ words: ['-D', ...serviceId(s)] });
    table.splice(table.indexOf(s), 1);
  };
  if (purge) for (const s of [...table]) if (!declaredKeys.has(serviceKey(s))) remove(s);
  for (const d of declared) {
    const key = serviceKey(d.service);
    const live = table.find((s) => serviceKey(s) === key);
    if (d.state === 'absent') {
      if (live) remove(live);
      continue;
    }
    if (!live) {
      const added: VirtualService = { ...d.service, realServers: [] };
      edits.push({ words: serviceLine('-A', added) });
      for (const r of d.service.realServers) {
        edits.push({ words: serverLine('-a', added, r) });
        added.realServers.push({ ...r, extra: [...r.extra] });
      }
      table.push(added);
      continue;
    }
    if (!sameServiceSettings(live, d.service)) {
      edits.push({ words: serviceLine('-E', d.service) });
      Object.assign(live, { ...d.service, realServers: live.realServers });
    }
    const wanted = new Set(d.service.realServers.map(serverKey));
    const absent = new Set(d.absentServers.map(serverKey));
    for (const r of [...live.realServers]) {
      const k = serverKey(r);
      if (absent.has(k) || (purge && !wanted.has(k))) {
        edits.push({ words: ['-d', ...serviceId(live), '-r', k] });
        live.realServers.splice(live.realServers.indexOf(r), 1);
      }
    }
    for (const r of d.service.realServers) {
      const i = live.realServers.findIndex((x) => serverKey(x) === serverKey(r));
      if (i < 0) {
        edits.push({ words: serverLine('-a', live, r) });
        live.realServers.push({ ...r, extra: [...r.extra] });
      } else {
        const wanted = keepWeights ? { ...r, weight: live.realServers[i]!.weight } : r;
        if (!sameServerSettings(live.realServers[i]!, wanted)) {
          edits.push({ words: serverLine('-e', live, wanted) });
          live.realServers[i] = { ...wanted, extra: [...r.extra] };
        }
      }
    }
  }
  return { edits, table };
}
