// The inventory model: hosts with their connection settings and merged variables, and groups.
import type { Secret } from '../secret.ts';

/** Variables: plain JSON-like data; secrets stay wrapped. */
export type Vars = Record<string, unknown>;

/** How to reach a host (from ansible_* / tsible_* variables, ~/.ssh/config and CLI options). */
export interface Connection {
  /** 'ssh' (default) or 'local'. */
  transport: 'ssh' | 'local';
  /** Address or name to connect to (ansible_host), default the inventory name. */
  address: string;
  port: number;
  user?: string;
  /** Private key files to try, in order. */
  keyFiles?: string[];
  password?: Secret;
  /** Jump hosts, outermost first, as user@host:port strings or inventory host names. */
  jump?: string[];
  /**
   * A local command whose standard input/output is the connection to the host (OpenSSH's ProxyCommand;
   * %h, %p and %r are replaced by address, port and user). Wins over `jump`.
   */
  proxyCommand?: string;
  /** ssh_config file to read for this host (from `-F FILE` in ansible_ssh_common_args, or tsible_ssh_config); default the transport's. */
  sshConfigFile?: string;
  /** known_hosts files to check against (default ~/.ssh/known_hosts). */
  knownHostsFiles?: string[];
  /** Accept and record an unknown host key (never a changed one). */
  acceptNewHostKeys?: boolean;
  become?: boolean;
  /** How to become: sudo (default) or su. */
  becomeMethod?: 'sudo' | 'su';
  becomeUser?: string;
  becomePassword?: Secret;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
}

/** One host as the engine sees it. */
export interface InventoryHost {
  /** Inventory name (what patterns match and output shows). */
  name: string;
  /** Groups it belongs to, directly or through children, without 'all'. */
  groups: string[];
  /** Variables merged by precedence: all < parent groups < child groups < host. */
  vars: Vars;
}

export interface InventoryGroup {
  name: string;
  /** Direct member hosts in inventory order ('all': every host; 'ungrouped': hosts in no other group). */
  hosts: string[];
  /** Direct child groups, in order of first mention ('all': every group without another parent). */
  children: string[];
  /** The group's own variables (inventory file, then group_vars/), not merged with its parents'. */
  vars: Vars;
}

export interface Inventory {
  /** Where it came from (file or directory), for messages. */
  source: string;
  /** Hosts by name, in inventory order (first mention). */
  hosts: Map<string, InventoryHost>;
  /** Groups by name, 'all' and 'ungrouped' first. */
  groups: Map<string, InventoryGroup>;
}
