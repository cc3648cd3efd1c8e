// SSH keys the lab makes: each host's ed25519 host key (so known_hosts is written up front) and root's login key.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run.ts';

/** An OpenSSH key pair. */
export interface KeyPair {
  /** Key type as ssh-keygen names it. */
  type: 'ed25519';
  /** OpenSSH private key file content. */
  privateKey: string;
  /** Public key line (`ssh-ed25519 AAAA… comment`). */
  publicKey: string;
}

/** A fresh ed25519 key pair with `comment`. */
export async function generateKeyPair(comment: string): Promise<KeyPair> {
  const dir = await mkdtemp(join(tmpdir(), 'tsible-lab-key-'));
  try {
    const file = join(dir, 'key');
    await run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
    return { type: 'ed25519', privateKey: await readFile(file, 'utf8'), publicKey: (await readFile(`${file}.pub`, 'utf8')).trim() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** root's login key at `file` (made once, kept across `lab up`s); returns the public key line. */
export async function ensureClientKey(file: string): Promise<string> {
  if (!existsSync(file) || !existsSync(`${file}.pub`)) {
    await rm(file, { force: true });
    await rm(`${file}.pub`, { force: true });
    await run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'tsible-lab', '-f', file]);
  }
  return (await readFile(`${file}.pub`, 'utf8')).trim();
}
