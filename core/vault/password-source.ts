// Where a vault password comes from, as Ansible reads `--vault-id [label@]source`: a prompt, a file, or an executable script's output.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, extname, resolve } from 'node:path';
import { ArgsError } from '../errors.ts';
import { Secret } from '../secret.ts';
import { DEFAULT_VAULT_ID } from './envelope.ts';
import { VaultError } from './vault-error.ts';
import type { VaultPassword, VaultSecrets } from './vault-secrets.ts';

/** The source words that mean "ask": `prompt` (--vault-id), `prompt_ask_vault_pass` (--ask-vault-pass). */
export const PROMPT_SOURCES = ['prompt', 'prompt_ask_vault_pass'] as const;

/** One `--vault-id`: the label (vault id) and where the password comes from. */
export interface VaultIdSpec {
  id: string;
  source: string;
}

/** Splits `[label@]source`; no label means the id "default". A ";" is refused, as Ansible does. */
export function parseVaultIdSpec(spec: string): VaultIdSpec {
  if (spec.includes(';')) throw new ArgsError(`'${spec}' is not a valid vault id: the character ';' is not allowed in vault ids`, { field: '--vault-id' });
  const at = spec.indexOf('@');
  const id = at < 0 ? DEFAULT_VAULT_ID : spec.slice(0, at) || DEFAULT_VAULT_ID;
  const source = at < 0 ? spec : spec.slice(at + 1);
  if (source === '') throw new ArgsError(`'${spec}' names no password source (a file, a script, or "prompt")`, { field: '--vault-id' });
  return { id, source };
}

export interface PasswordSourceOptions {
  /** Asks the user (no echo); resolves to what was typed. */
  prompt: (question: string) => Promise<Secret>;
  /** Relative files are found from here. */
  cwd: string;
  /** Ask twice ("New … / Confirm …"), for encrypting. */
  newPassword?: boolean;
  /** Passwords loaded so far: a password file may itself be vault-encrypted with one of them, as Ansible allows. */
  known?: VaultSecrets;
}

/** Reads the password of one vault id from its source. Errors are VaultErrors naming the source (never the password). */
export async function loadVaultPassword(spec: VaultIdSpec, o: PasswordSourceOptions): Promise<VaultPassword> {
  const { id, source } = spec;
  if ((PROMPT_SOURCES as readonly string[]).includes(source)) return { id, password: await promptPassword(id, source === 'prompt', o) };
  const path = resolve(o.cwd, source.replace(/^~(?=\/|$)/, homedir()));
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new VaultError(`the vault password file ${source} (vault id "${id}") was not found`);
  }
  const executable = stat.isFile() && (stat.mode & 0o111) !== 0;
  let text = executable ? runPasswordScript(path, source, id).toString('utf8') : readPasswordFile(path, source).toString('utf8').trim();
  if (!executable && o.known && text.startsWith('$ANSIBLE_VAULT')) text = o.known.decrypt(text, { file: source }).plaintext.toString('utf8');
  text = text.replace(/^[\r\n]+|[\r\n]+$/g, '');
  if (text === '') throw new VaultError(`the vault password ${executable ? 'script' : 'file'} ${source} (vault id "${id}") gave an empty password`);
  return { id, password: new Secret(text) };
}

function readPasswordFile(path: string, shown: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new VaultError(`cannot read the vault password file ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/**
 * Runs an executable password file and returns its standard output. A script named `*-client` or
 * `*-client.EXT` is a client script: it gets `--vault-id ID` and exit status 2 means "no such id".
 */
function runPasswordScript(path: string, shown: string, id: string): Buffer {
  const client = basename(path, extname(path)).endsWith('-client');
  const r = spawnSync(path, client ? ['--vault-id', id] : [], { stdio: ['inherit', 'pipe', client ? 'pipe' : 'inherit'], maxBuffer: 1 << 20 });
  if (r.error) throw new VaultError(`cannot run the vault password script ${shown}: ${(r.error as NodeJS.ErrnoException).code ?? r.error.message} (if it is not a script, remove its executable bit)`);
  const stderr = r.stderr ? r.stderr.toString('utf8').trim() : '';
  if (client && r.status === 2) throw new VaultError(`the vault password client script ${shown} did not find a secret for vault id "${id}"${stderr ? `: ${stderr}` : ''}`);
  if (r.status !== 0) throw new VaultError(`the vault password script ${shown} exited ${r.status ?? `on signal ${r.signal}`}${stderr ? `: ${stderr}` : ''}`);
  return r.stdout;
}

/** Asks for the password (twice for a new one). `withId`: Ansible's `--vault-id prompt` wording, which names the id. */
async function promptPassword(id: string, withId: boolean, o: PasswordSourceOptions): Promise<Secret> {
  const questions = o.newPassword
    ? withId ? [`New vault password (${id}): `, `Confirm new vault password (${id}): `] : ['New Vault password: ', 'Confirm New Vault password: ']
    : [withId ? `Vault password (${id}): ` : 'Vault password: '];
  const answers: string[] = [];
  for (const q of questions) {
    const answer = (await o.prompt(q)).reveal().trim();
    if (answer === '') throw new VaultError(`an empty vault password was given for vault id "${id}"`);
    answers.push(answer);
  }
  if (answers.some((a) => a !== answers[0])) throw new VaultError('the vault passwords typed do not match');
  return new Secret(answers[0]);
}
