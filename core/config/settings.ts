// The ansible.cfg / tsible.cfg settings tsible reads: name, type, INI section and key, environment variables, default.

/** How a raw text value becomes a typed one. */
export type SettingType = 'string' | 'bool' | 'int' | 'path' | 'pathlist';

/** One setting: where it may be written and what it means. */
export interface SettingDefinition {
  /** The INI key (also the name `tsible config dump` shows). */
  name: keyof ConfigValues;
  type: SettingType;
  /** INI section in ansible.cfg and tsible.cfg. */
  section: string;
  /** Other INI keys Ansible also accepts for it (older names), after `name`. */
  iniAliases?: string[];
  /** Ansible's environment variables for it, first wins. Empty for tsible-only settings. */
  ansibleEnv: string[];
  /** tsible's environment variable (TSIBLE_ + the name in upper case unless given). */
  tsibleEnv?: string;
  default?: unknown;
  /** Accepted for compatibility; tsible has no use for it (said in `config dump`). */
  noEffect?: string;
  description: string;
}

/** Every setting's typed value (undefined: not set and no default). */
export interface ConfigValues {
  inventory: string[];
  remote_user?: string;
  private_key_file?: string;
  remote_port?: number;
  host_key_checking: boolean;
  accept_new_host_keys?: boolean;
  forks: number;
  timeout: number;
  transport: string;
  ask_pass: boolean;
  force_handlers: boolean;
  become: boolean;
  become_method: string;
  become_user: string;
  become_ask_pass: boolean;
  ssh_args: string;
  ssh_common_args?: string;
  ssh_extra_args?: string;
  pipelining: boolean;
  vault_password_file?: string;
  vault_identity_list?: string;
}

/** Default number of hosts worked on at once: SSH work is I/O, so higher than Ansible's 5. */
export const DEFAULT_FORKS = 50;

export const SETTINGS: readonly SettingDefinition[] = [
  { name: 'inventory', type: 'pathlist', section: 'defaults', iniAliases: ['hostfile'], ansibleEnv: ['ANSIBLE_INVENTORY'], default: ['/etc/ansible/hosts'],
    description: 'inventory sources used when no -i is given (comma-separated; TSIBLE_INVENTORY is colon-separated); a missing default file is skipped' },
  { name: 'remote_user', type: 'string', section: 'defaults', ansibleEnv: ['ANSIBLE_REMOTE_USER'], description: 'login user (-u; ansible_user in the inventory wins)' },
  { name: 'private_key_file', type: 'path', section: 'defaults', ansibleEnv: ['ANSIBLE_PRIVATE_KEY_FILE'], description: 'SSH private key (--private-key; ansible_ssh_private_key_file wins)' },
  { name: 'remote_port', type: 'int', section: 'defaults', ansibleEnv: ['ANSIBLE_REMOTE_PORT'], description: 'SSH port (ansible_port wins); default 22 or ssh_config' },
  { name: 'host_key_checking', type: 'bool', section: 'defaults', ansibleEnv: ['ANSIBLE_HOST_KEY_CHECKING'], default: true,
    description: 'False records unknown host keys (accept-new); a changed key is still refused' },
  { name: 'accept_new_host_keys', type: 'bool', section: 'defaults', ansibleEnv: [], description: 'tsible: accept and record unknown host keys (--accept-new-host-keys)' },
  { name: 'forks', type: 'int', section: 'defaults', ansibleEnv: ['ANSIBLE_FORKS'], default: DEFAULT_FORKS, description: 'hosts worked on at once (-f); tsible defaults to 50, Ansible to 5' },
  { name: 'timeout', type: 'int', section: 'defaults', ansibleEnv: ['ANSIBLE_TIMEOUT'], default: 10, description: 'SSH connect timeout in seconds (-T)' },
  { name: 'transport', type: 'string', section: 'defaults', ansibleEnv: ['ANSIBLE_TRANSPORT'], default: 'smart', description: 'connection type (-c): smart/ssh or local' },
  { name: 'ask_pass', type: 'bool', section: 'defaults', ansibleEnv: ['ANSIBLE_ASK_PASS'], default: false, description: 'ask for the SSH login password (-k)' },
  { name: 'force_handlers', type: 'bool', section: 'defaults', ansibleEnv: ['ANSIBLE_FORCE_HANDLERS'], default: false, description: 'run notified handlers on hosts that failed (--force-handlers)' },
  { name: 'become', type: 'bool', section: 'privilege_escalation', ansibleEnv: ['ANSIBLE_BECOME'], default: false, description: 'run commands as another user (-b)' },
  { name: 'become_method', type: 'string', section: 'privilege_escalation', ansibleEnv: ['ANSIBLE_BECOME_METHOD'], default: 'sudo', description: 'sudo or su (--become-method)' },
  { name: 'become_user', type: 'string', section: 'privilege_escalation', ansibleEnv: ['ANSIBLE_BECOME_USER'], default: 'root', description: 'user to become (--become-user)' },
  { name: 'become_ask_pass', type: 'bool', section: 'privilege_escalation', ansibleEnv: ['ANSIBLE_BECOME_ASK_PASS'], default: false, description: 'ask for the become password (-K)' },
  { name: 'ssh_args', type: 'string', section: 'ssh_connection', ansibleEnv: ['ANSIBLE_SSH_ARGS'], default: '-C -o ControlMaster=auto -o ControlPersist=60s',
    description: 'ssh options (the ones tsible honours: see docs/inventory.md; OpenSSH-only tuning is ignored)' },
  { name: 'ssh_common_args', type: 'string', section: 'ssh_connection', ansibleEnv: ['ANSIBLE_SSH_COMMON_ARGS'], description: 'more ssh options (--ssh-common-args; ansible_ssh_common_args wins)' },
  { name: 'ssh_extra_args', type: 'string', section: 'ssh_connection', ansibleEnv: ['ANSIBLE_SSH_EXTRA_ARGS'], description: 'more ssh options (--ssh-extra-args; ansible_ssh_extra_args wins)' },
  { name: 'vault_password_file', type: 'path', section: 'defaults', ansibleEnv: ['ANSIBLE_VAULT_PASSWORD_FILE'],
    description: 'vault password file or script (id "default"), after any --vault-password-file' },
  { name: 'vault_identity_list', type: 'string', section: 'defaults', ansibleEnv: ['ANSIBLE_VAULT_IDENTITY_LIST'],
    description: 'vault ids (comma-separated label@source), before any --vault-id' },
  { name: 'pipelining', type: 'bool', section: 'ssh_connection', ansibleEnv: ['ANSIBLE_PIPELINING', 'ANSIBLE_SSH_PIPELINING'], default: false,
    noEffect: 'tsible always sends scripts on standard input', description: 'accepted; tsible needs no module files on the host' },
];

/** The TSIBLE_* variable of a setting. */
export function tsibleEnvName(def: SettingDefinition): string {
  return def.tsibleEnv ?? `TSIBLE_${def.name.toUpperCase()}`;
}
