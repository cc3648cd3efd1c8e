// File modes: octal or symbolic (chmod-style) mode arguments turned into the exact permission bits to set.

/** Permission bits (with setuid/setgid/sticky) a new file or directory gets when no mode is given (umask 022). */
export const DEFAULT_FILE_MODE = 0o644;
export const DEFAULT_DIR_MODE = 0o755;

/** '0644' → 0o644; undefined for a symbolic mode. */
export function octalMode(mode: string): number | undefined {
  return /^0?[0-7]{3,4}$/.test(mode) ? parseInt(mode, 8) : undefined;
}

/** 0o644 → '0644' (always four digits, as chmod takes it). */
export function formatMode(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

const WHO_BITS: Record<string, number> = { u: 0o4700, g: 0o2070, o: 0o1007 };

/**
 * The mode a file ends up with when `mode` (octal or symbolic, as parsed by the 'mode' arg type)
 * is applied to `current` (its mode now, or the default for a new file). A symbolic clause with no
 * "who" applies to all (ugo), without umask, so the result never depends on the host's umask.
 * X adds execute only to directories or files that already have an execute bit, as chmod does.
 */
export function applyMode(mode: string, current: number, isDir: boolean): number {
  const octal = octalMode(mode);
  if (octal !== undefined) {
    // chmod with 3 digits keeps a directory's setgid bit on GNU systems; tsible sets exactly what was asked.
    return octal;
  }
  let result = current & 0o7777;
  for (const clause of mode.split(',')) {
    const m = /^([ugoa]*)([-+=][rwxXstugo]*)+$/.exec(clause);
    if (!m) throw new Error(`bad symbolic mode clause "${clause}"`);
    const whoText = m[1] === '' || m[1].includes('a') ? 'ugo' : m[1];
    const whoMask = [...new Set(whoText)].reduce((acc, w) => acc | WHO_BITS[w], 0);
    // Each operator with its permission letters: "u+x-w" is two actions.
    for (const action of clause.slice(m[1].length).match(/[-+=][rwxXstugo]*/g) ?? []) {
      const op = action[0];
      const perms = permissionBits(action.slice(1), result, isDir, whoText);
      const bits = perms & whoMask;
      if (op === '+') result |= bits;
      else if (op === '-') result &= ~bits;
      else result = (result & ~whoMask) | bits;
    }
  }
  return result & 0o7777;
}

/** The bits one permission list stands for, spread over u, g and o (masked by "who" afterwards). */
function permissionBits(perms: string, current: number, isDir: boolean, who: string): number {
  let bits = 0;
  for (const p of perms) {
    switch (p) {
      case 'r': bits |= 0o444; break;
      case 'w': bits |= 0o222; break;
      case 'x': bits |= 0o111; break;
      case 'X': if (isDir || (current & 0o111) !== 0) bits |= 0o111; break;
      case 's': bits |= (who.includes('u') ? 0o4000 : 0) | (who.includes('g') ? 0o2000 : 0); break;
      case 't': bits |= 0o1000; break;
      // Copy another class's current bits: u=g sets user bits to the group's.
      case 'u': bits |= spread((current >> 6) & 7); break;
      case 'g': bits |= spread((current >> 3) & 7); break;
      case 'o': bits |= spread(current & 7); break;
    }
  }
  return bits;
}

function spread(three: number): number {
  return (three << 6) | (three << 3) | three;
}
