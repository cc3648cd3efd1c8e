// Collects hosts, groups, children and variables from any inventory format (INI, YAML, TS) before they are checked and merged.
import type { ErrorLocation } from '../errors.ts';
import { wrapSecrets } from './secret-vars.ts';
import type { Vars } from './types.ts';

/** A group as declared so far. */
export interface RawGroup {
  name: string;
  /** Direct member hosts, in order of first mention. */
  hosts: string[];
  /** Direct child groups, in order of first mention. */
  children: string[];
  /** The group's own variables (later definitions override earlier ones). */
  vars: Vars;
  /** Declared by a section/key of its own, not only named as a child or in a :vars section. */
  declared: boolean;
}

/** A mention of a group that must be declared somewhere in the whole inventory. */
export interface GroupReference {
  /** 'child': named in a [parent:children] section; 'vars': a [group:vars] section. */
  kind: 'child' | 'vars';
  /** The group that must exist. */
  group: string;
  /** For 'child': the parent group that names it. */
  parent?: string;
  /** Where the mention is, for the error. */
  where: ErrorLocation;
}

/** Mutable inventory data fed by the parsers; `buildInventory` turns it into an Inventory. */
export class InventoryBuilder {
  /** Host name → own variables, in order of first mention. */
  readonly hosts = new Map<string, Vars>();
  readonly groups = new Map<string, RawGroup>();
  readonly references: GroupReference[] = [];
  /** Hosts put directly in group `all` (YAML `all: hosts:`), in order: they come first in Ansible's host order. */
  readonly allHosts: string[] = [];
  /** Child groups named before they are declared, by child: added to their parents when declared (Ansible's child order). */
  private readonly pendingChildren = new Map<string, string[]>();

  constructor() {
    this.declareGroup('all').children.push('ungrouped'); // as Ansible: ungrouped is all's first child
    this.declareGroup('ungrouped');
  }

  /** The group named `name`, created (undeclared) if new. */
  group(name: string): RawGroup {
    let g = this.groups.get(name);
    if (!g) {
      g = { name, hosts: [], children: [], vars: {}, declared: false };
      this.groups.set(name, g);
    }
    return g;
  }

  /** Declares group `name` (a section `[name]` or `[name:children]`, a YAML group key, a TS group). */
  declareGroup(name: string): RawGroup {
    const g = this.group(name);
    g.declared = true;
    const parents = this.pendingChildren.get(name);
    if (parents) {
      this.pendingChildren.delete(name);
      for (const p of parents) this.linkChild(p, name);
    }
    return g;
  }

  /**
   * Adds a host (merging its variables over earlier ones) and, unless `group` is 'all', makes it a
   * member of `group`. Secret variables are wrapped here (see secret-vars.ts).
   */
  addHost(name: string, vars: Vars = {}, group?: string, where: ErrorLocation = {}): void {
    const wrapped = wrapSecrets(vars, { ...where, host: name });
    const own = this.hosts.get(name);
    if (own) Object.assign(own, wrapped);
    else this.hosts.set(name, wrapped);
    if (group === 'all') {
      if (!this.allHosts.includes(name)) this.allHosts.push(name);
    } else if (group) {
      const g = this.declareGroup(group);
      if (!g.hosts.includes(name)) g.hosts.push(name);
    }
  }

  /**
   * Makes `child` a child group of `parent`; `child` must be declared somewhere (checked when building).
   * As in Ansible, a child not declared yet joins its parent's children when it is declared.
   */
  addChild(parent: string, child: string, where: ErrorLocation): void {
    this.group(parent);
    if (this.groups.get(child)?.declared) this.linkChild(parent, child);
    else this.pendingChildren.set(child, [...(this.pendingChildren.get(child) ?? []), parent]);
    this.references.push({ kind: 'child', group: child, parent, where });
  }

  private linkChild(parent: string, child: string): void {
    const p = this.group(parent);
    if (!p.children.includes(child)) p.children.push(child);
  }

  /** Sets variables of group `name` (must be declared somewhere; checked when building). */
  addGroupVars(name: string, vars: Vars, where: ErrorLocation): void {
    Object.assign(this.group(name).vars, wrapSecrets(vars, where));
    this.references.push({ kind: 'vars', group: name, where });
  }
}
