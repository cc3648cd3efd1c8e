// A view of an InventoryBuilder that makes every string variable a Secret: how a wholly vault-encrypted inventory file is added.
import type { ErrorLocation } from '../errors.ts';
import { secretLeaves } from '../vault/secret-leaves.ts';
import type { InventoryBuilder } from './builder.ts';
import type { Vars } from './types.ts';

/**
 * `into`, except that the variables given to addHost and addGroupVars have their strings wrapped in
 * Secrets first (see secretLeaves). Hosts, groups and children are added to `into` itself.
 */
export function secretValuesInto(into: InventoryBuilder): InventoryBuilder {
  const view = Object.create(into) as InventoryBuilder;
  view.addHost = (name: string, vars: Vars = {}, group?: string, where?: ErrorLocation) => into.addHost(name, secretLeaves(vars), group, where);
  view.addGroupVars = (name: string, vars: Vars, where: ErrorLocation) => into.addGroupVars(name, secretLeaves(vars), where);
  return view;
}
