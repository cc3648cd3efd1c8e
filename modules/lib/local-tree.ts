// Reads a folder of the control machine for a folder copy: its directories, files (bytes and mode) and, unless followed, symbolic links.
import { lstat, readFile, readdir, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface LocalTree {
  /** Directories below the root, parents first (paths relative to the root, '/'-separated). */
  dirs: string[];
  files: { rel: string; bytes: Buffer; mode: number }[];
  /** Symbolic links kept as links (when not followed). */
  links: { rel: string; target: string }[];
}

/** Walks `root`; `follow` copies what links point to (a link to a folder is walked as a folder). */
export async function readLocalTree(root: string, follow: boolean): Promise<LocalTree> {
  const tree: LocalTree = { dirs: [], files: [], links: [] };
  const walk = async (dir: string, rel: string, depth: number): Promise<void> => {
    if (depth > 64) throw new Error(`${dir}: folders nested too deep (a link loop?)`);
    for (const name of (await readdir(dir)).sort()) {
      const path = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      const l = await lstat(path);
      if (l.isSymbolicLink() && !follow) {
        tree.links.push({ rel: r, target: await readlink(path) });
        continue;
      }
      const s = l.isSymbolicLink() ? await stat(path) : l;
      if (s.isDirectory()) {
        tree.dirs.push(r);
        await walk(path, r, depth + 1);
      } else if (s.isFile()) {
        tree.files.push({ rel: r, bytes: await readFile(path), mode: s.mode & 0o7777 });
      }
    }
  };
  await walk(root, '', 0);
  return tree;
}
