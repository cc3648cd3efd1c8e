// Lets the user edit decrypted vault content in $EDITOR: a 0600 temp file, overwritten and removed afterwards whatever happens.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArgsError } from '../core/errors.ts';
import { splitWords } from '../core/inventory/words.ts';
import { VaultError } from '../core/vault/vault-error.ts';

/**
 * Writes `content` to a new 0600 temp file (named with `extension`, so the editor picks its syntax),
 * runs `$EDITOR` (shell-like words, default `vi`) on it, and returns what the file then holds.
 * The temp file is overwritten with zeros and removed before returning or throwing. An editor
 * that exits with a non-zero status leaves the vault file unchanged (a VaultError).
 */
export function editInEditor(content: Buffer, extension: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const editor = splitWords(env.EDITOR?.trim() || 'vi', { where: { field: 'EDITOR' } }).map((w) => w.text);
  if (editor.length === 0) throw new ArgsError('$EDITOR is empty', { field: 'EDITOR' });
  const path = join(tmpdir(), `tsible-vault-${randomBytes(6).toString('hex')}${extension}`);
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, content);
    closeSync(fd);
    const r = spawnSync(editor[0], [...editor.slice(1), path], { stdio: 'inherit' });
    if (r.error) throw new VaultError(`cannot run the editor "${editor[0]}": ${(r.error as NodeJS.ErrnoException).code ?? r.error.message}`);
    if (r.status !== 0) throw new VaultError(`the editor exited ${r.status ?? `on signal ${r.signal}`}; nothing was saved`);
    return readFileSync(path);
  } finally {
    shred(path);
  }
}

/** Overwrites the file with zeros, then removes it (best effort: it may already be gone). */
function shred(path: string): void {
  try {
    const fd = openSync(path, 'r+');
    try {
      const size = fstatSync(fd).size;
      if (size > 0) writeSync(fd, Buffer.alloc(size), 0, size, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    // nothing to overwrite
  }
  try {
    unlinkSync(path);
  } catch {
    // already removed (an editor may replace the file)
  }
}
