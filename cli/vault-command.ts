// `tsible vault create|encrypt|decrypt|view|edit|rekey|encrypt_string`: ansible-vault's commands, reading and writing its format.
import { readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { ArgsError } from '../core/errors.ts';
import { EXIT } from '../core/engine/exit-codes.ts';
import { DEFAULT_VAULT_ID, isVaultText } from '../core/vault/envelope.ts';
import { VaultError } from '../core/vault/vault-error.ts';
import { VaultSecrets, encryptVault, type VaultPassword } from '../core/vault/vault-secrets.ts';
import { writeFileAtomicSync } from '../core/write-file-atomic.ts';
import type { CliIo } from './io.ts';
import { promptSecret } from './prompt-secret.ts';
import { editInEditor } from './vault-edit.ts';
import { normalizeVaultOptions, vaultOptions, vaultSecretsFor, type VaultOptions } from './vault-options.ts';
import { withVaultConfig } from './apply-config.ts';
import { loadRunConfig } from './run-config.ts';

interface VaultArgs extends VaultOptions {
  action: string;
  files?: string[];
  output?: string;
  encryptVaultId?: string;
  newVaultPasswordFile?: string;
  newVaultId?: string;
  prompt?: boolean;
  showInput?: boolean;
  name?: string | string[];
  stdinName?: string;
}

type Guard = <A>(fn: (a: A) => Promise<number>) => (a: A) => Promise<void>;

const ACTIONS: Record<string, string> = {
  create: 'create a new vault-encrypted file in $EDITOR',
  encrypt: 'encrypt files in place (or to --output; no file: standard input)',
  decrypt: 'decrypt files in place (or to --output; no file: standard input)',
  view: 'print the decrypted content of vault files',
  edit: 'edit a vault file in $EDITOR; re-encrypted with the same vault id',
  rekey: 'encrypt vault files again with a new password (--new-vault-password-file, --new-vault-id, or asked)',
  encrypt_string: 'print `!vault |` YAML values for strings (arguments, -p, or standard input)',
};

/** The `vault` command for main.ts. */
export function vaultCommand(io: CliIo, guard: Guard): CommandModule {
  return {
    command: 'vault <action> [files..]',
    describe: 'Ansible Vault: create, encrypt, decrypt, view, edit, rekey files; encrypt_string',
    builder: (y: Argv) => vaultOptions(y)
      .positional('action', { type: 'string', choices: Object.keys(ACTIONS), describe: Object.entries(ACTIONS).map(([k, v]) => `${k}: ${v}`).join('; ') })
      .positional('files', { type: 'string', array: true, describe: 'files (encrypt_string: the strings)' })
      .option('output', { type: 'string', describe: 'encrypt, decrypt, encrypt_string: write here (- for standard output)' })
      .option('encrypt-vault-id', { type: 'string', describe: 'the vault id to encrypt with (needed when several are given)' })
      .option('new-vault-password-file', { type: 'string', describe: 'rekey: the new password file' })
      .option('new-vault-id', { type: 'string', describe: 'rekey: the new vault id, [LABEL@]SOURCE' })
      .option('prompt', { alias: 'p', type: 'boolean', describe: 'encrypt_string: ask for the string' })
      .option('show-input', { type: 'boolean', describe: 'encrypt_string -p: echo the string typed' })
      .option('name', { alias: 'n', type: 'string', describe: 'encrypt_string: the variable name of each string (repeatable)' })
      .option('stdin-name', { type: 'string', describe: 'encrypt_string: the variable name of the string read from standard input' }),
    handler: guard((a: unknown) => runVault(a as VaultArgs, io)),
  };
}

async function runVault(a: VaultArgs, io: CliIo): Promise<number> {
  const files = (a.files ?? []).map(String);
  if (a.output === '') a.output = '-'; // yargs reads `--output -` as an empty string
  if (a.output !== undefined && files.length > 1) throw new ArgsError('at most one input file may be used with --output', { field: 'output' });
  if (a.newVaultPasswordFile !== undefined && a.newVaultId !== undefined) throw new ArgsError('give --new-vault-password-file or --new-vault-id, not both', { field: 'new-vault-id' });
  const only = (names: string[], option: string, value: unknown) => {
    if (value !== undefined && !names.includes(a.action)) throw new ArgsError(`--${option} is for ${names.join(', ')}, not ${a.action}`, { field: option });
  };
  only(['encrypt', 'decrypt', 'encrypt_string'], 'output', a.output);
  only(['create', 'encrypt', 'encrypt_string', 'rekey'], 'encrypt-vault-id', a.encryptVaultId);
  only(['rekey'], 'new-vault-password-file', a.newVaultPasswordFile);
  only(['rekey'], 'new-vault-id', a.newVaultId);
  for (const o of ['prompt', 'show-input', 'name', 'stdin-name'] as const) {
    only(['encrypt_string'], o, a[o === 'show-input' ? 'showInput' : o === 'stdin-name' ? 'stdinName' : o]);
  }
  // ansible.cfg's vault_identity_list / vault_password_file (and their ANSIBLE_* variables) count, as for ansible-vault.
  const v = new VaultCli(withVaultConfig(a, loadRunConfig(io)), io);
  switch (a.action) {
    case 'encrypt': return v.encrypt(files);
    case 'decrypt': return v.decrypt(files);
    case 'view': return v.view(files);
    case 'create': return v.create(files);
    case 'edit': return v.edit(files);
    case 'rekey': return v.rekey(files);
    case 'encrypt_string': return v.encryptString(files);
    default: throw new ArgsError(`unknown vault action "${a.action}"`, { field: 'action' });
  }
}

class VaultCli {
  constructor(private readonly a: VaultArgs, private readonly io: CliIo) {}

  /** Passwords to decrypt with (asked for when none is given, as ansible-vault does). */
  private decryptSecrets(): Promise<VaultSecrets> {
    return vaultSecretsFor(this.a, this.io.cwd, { autoPrompt: true });
  }

  /** The one password to encrypt with: --encrypt-vault-id, or the only one given (asked twice when none is). */
  private async encryptPassword(): Promise<VaultPassword> {
    return (await vaultSecretsFor(this.a, this.io.cwd, { autoPrompt: true, newPassword: true })).encryptionPassword(this.a.encryptVaultId);
  }

  private path(file: string): string {
    return resolve(this.io.cwd, file);
  }

  private read(file: string): Buffer {
    if (file === '-') return (this.io.stdin ?? (() => readFileSync(0)))();
    try {
      return readFileSync(this.path(file));
    } catch (e) {
      throw new ArgsError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, { file });
    }
  }

  /** Writes to `file` ('-' = standard output) atomically; a new file is 0600, an existing one keeps its mode and owner. */
  private write(file: string, data: Buffer | string): void {
    if (file === '-') {
      if (typeof data === 'string') this.io.out(data);
      else if (this.io.outBytes) this.io.outBytes(data);
      else this.io.out(data.toString('utf8'));
    }
    else writeFileAtomicSync(this.path(file), data);
  }

  private decryptFile(file: string, secrets: VaultSecrets): { plaintext: Buffer; vaultId: string; envelopeId?: string } {
    const text = this.read(file).toString('utf8');
    if (!isVaultText(text)) throw new VaultError('is not a vault-encrypted file', { file: file === '-' ? '(standard input)' : file });
    return secrets.decrypt(text, { file: file === '-' ? '(standard input)' : file });
  }

  async encrypt(files: string[]): Promise<number> {
    const password = await this.encryptPassword();
    for (const f of files.length ? files : ['-']) {
      const data = this.read(f);
      if (isVaultText(data)) throw new VaultError('is already vault-encrypted', { file: f });
      this.write(this.a.output ?? f, encryptVault(data, password));
    }
    if ((this.a.output ?? (files.length ? '' : '-')) !== '-') this.io.err('Encryption successful\n');
    return EXIT.ok;
  }

  async decrypt(files: string[]): Promise<number> {
    const secrets = await this.decryptSecrets();
    for (const f of files.length ? files : ['-']) this.write(this.a.output ?? f, this.decryptFile(f, secrets).plaintext);
    if ((this.a.output ?? (files.length ? '' : '-')) !== '-') this.io.err('Decryption successful\n');
    return EXIT.ok;
  }

  async view(files: string[]): Promise<number> {
    if (!files.length) throw new ArgsError('give the vault files to view', { field: 'files' });
    const secrets = await this.decryptSecrets();
    for (const f of files) this.write('-', this.decryptFile(f, secrets).plaintext);
    return EXIT.ok;
  }

  async create(files: string[]): Promise<number> {
    if (files.length !== 1) throw new ArgsError('vault create takes exactly one file name', { field: 'files' });
    const [file] = files;
    if (exists(this.path(file))) throw new ArgsError(`${file} exists, use "tsible vault edit" instead`, { file });
    const password = await this.encryptPassword();
    const content = editInEditor(Buffer.alloc(0), extname(file));
    writeFileAtomicSync(this.path(file), encryptVault(content, password), { mode: 0o600 });
    return EXIT.ok;
  }

  async edit(files: string[]): Promise<number> {
    if (!files.length) throw new ArgsError('give the vault files to edit', { field: 'files' });
    const secrets = await this.decryptSecrets();
    for (const file of files) {
      const { plaintext, vaultId, envelopeId } = this.decryptFile(file, secrets);
      const edited = editInEditor(plaintext, extname(file));
      if (edited.equals(plaintext)) continue; // unchanged: the file is left as it was
      // Encrypted again with the password that opened it, keeping the file's vault id (none for 1.1), as ansible-vault does.
      const password = secrets.passwords.find((p) => p.id === vaultId)!.password;
      writeFileAtomicSync(this.path(file), encryptVault(edited, { id: envelopeId ?? DEFAULT_VAULT_ID, password }));
    }
    return EXIT.ok;
  }

  async rekey(files: string[]): Promise<number> {
    if (!files.length) throw new ArgsError('give the vault files to rekey', { field: 'files' });
    const secrets = await this.decryptSecrets();
    const decrypted = files.map((f) => ({ f, ...this.decryptFile(f, secrets) }));
    const newOptions = normalizeVaultOptions({
      vaultId: this.a.newVaultId !== undefined ? [this.a.newVaultId] : [],
      vaultPasswordFile: this.a.newVaultPasswordFile !== undefined ? [this.a.newVaultPasswordFile] : [],
    });
    const fresh = await vaultSecretsFor(newOptions, this.io.cwd, { autoPrompt: true, newPassword: true });
    const password = fresh.encryptionPassword(this.a.encryptVaultId ?? fresh.ids[0]);
    for (const d of decrypted) writeFileAtomicSync(this.path(d.f), encryptVault(d.plaintext, password));
    this.io.err('Rekey successful\n');
    return EXIT.ok;
  }

  async encryptString(args: string[]): Promise<number> {
    const names = this.a.name === undefined ? [] : ([] as string[]).concat(this.a.name).map(String);
    const strings = args.filter((s) => s !== '-');
    const fromStdin = args.includes('-') || (args.length === 0 && !this.a.prompt) || this.a.stdinName !== undefined;
    if (this.a.prompt && fromStdin) throw new ArgsError('--prompt cannot be used while reading the string from standard input', { field: 'prompt' });
    const password = await this.encryptPassword();
    const items: { text: string; name?: string; from: string }[] = [];
    if (this.a.prompt) {
      const name = (await promptSecret('Variable name (enter for no name): ')).reveal().trim();
      const text = (await promptSecret(this.a.showInput ? 'String to encrypt: ' : 'String to encrypt (hidden): ')).reveal();
      if (text === '') throw new ArgsError('the string typed was empty, not encrypting', { field: 'prompt' });
      items.push({ text, ...(name ? { name } : {}), from: 'the prompt' });
    } else if (fromStdin) {
      const text = this.read('-').toString('utf8');
      if (text === '') throw new ArgsError('standard input was empty, not encrypting', { field: 'files' });
      items.push({ text, ...(this.a.stdinName !== undefined ? { name: this.a.stdinName } : {}), from: 'standard input' });
    }
    if (names.length && names.length < strings.length) {
      this.io.err(`There are fewer --name options than strings: the strings after "${names.at(-1)}" have no name.\n`);
    }
    strings.forEach((text, i) => {
      if (text === '') throw new ArgsError('a string given on the command line is empty, not encrypting', { field: 'files' });
      items.push({ text, ...(names[i] !== undefined ? { name: names[i] } : {}), from: 'the command line' });
    });
    const blocks = items.map((item, i) => {
      if (items.length > 1) this.io.err(`# The encrypted version of ${item.name ? `variable ("${item.name}", the string #${i + 1} from ${item.from})` : `the string #${i + 1} from ${item.from}`}.\n`);
      return vaultYamlValue(encryptVault(item.text, password), item.name);
    });
    this.write(this.a.output ?? '-', blocks.join('\n') + '\n');
    if ((this.a.output ?? '-') !== '-') this.io.err('Encryption successful\n');
    return EXIT.ok;
  }
}

/** `name: !vault |` (or just `!vault |`) followed by the vault text indented by 10, as ansible-vault encrypt_string prints it. */
export function vaultYamlValue(vaultText: string, name?: string): string {
  const lines = vaultText.trimEnd().split('\n').map((l) => `${' '.repeat(10)}${l}`);
  return [`${name !== undefined ? `${name}: ` : ''}!vault |`, ...lines].join('\n');
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
