// Writes the seed files and their manifest into a small ext4 image the initramfs reads as /dev/vdb.
import { mkdir, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './run.ts';
import type { SeedFile } from './seed-files.ts';

/** The manifest the initramfs reads: one "MODE NAME PATH" line per file. */
export function seedManifest(files: SeedFile[]): string {
  return files.map((f, i) => `${f.mode.toString(8).padStart(4, '0')} f${i} ${f.path}\n`).join('');
}

/** Creates `image` (ext4, 8 MiB) holding `files`; `scratch` is a folder it may use and removes. */
export async function writeSeedDisk(image: string, scratch: string, files: SeedFile[]): Promise<void> {
  await rm(scratch, { recursive: true, force: true });
  await mkdir(join(scratch, 'files'), { recursive: true, mode: 0o700 });
  try {
    for (const [i, f] of files.entries()) await writeFile(join(scratch, 'files', `f${i}`), f.content, { mode: 0o600 });
    await writeFile(join(scratch, 'manifest'), seedManifest(files), { mode: 0o600 });
    await rm(image, { force: true });
    await writeFile(image, '', { mode: 0o600 }); // it holds private host keys
    await truncate(image, 8 * 1024 * 1024);
    await run(['mkfs.ext4', '-q', '-F', '-L', 'tsible-seed', '-d', scratch, image]);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
