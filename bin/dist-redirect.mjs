// Module resolve hook while tsible runs from dist/: an import of one of tsible's own source files (core/**, modules/** .ts, also through the package name) resolves to its compiled twin, so a playbook importing ../core/index.ts shares the CLI's one copy.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** file: URL of the package root and of its dist/ folder (from bin/tsible.js). */
let root = '';
let dist = '';

export function initialize(data) {
  root = data.root;
  dist = data.dist;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (!resolved.url.startsWith(root)) return resolved;
  // Only plain file URLs: tsx's scoped loader (a query on the URL) keeps its own copy, as it does from the sources.
  const m = /^((?:core|modules)\/[^?#]*)\.ts$/.exec(resolved.url.slice(root.length));
  if (!m) return resolved;
  const twin = `${dist}${m[1]}.js`;
  return existsSync(fileURLToPath(twin)) ? { url: twin, format: 'module', shortCircuit: true } : resolved;
}
