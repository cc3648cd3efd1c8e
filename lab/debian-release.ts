// The Debian mirror the lab builds from, and the current release of its suite: cached images made from an older release are rebuilt.
/** Debian suite of every lab image (containers and VMs). */
export const SUITE = 'bookworm';

/** Mirror debootstrap and the images' sources use (override with TSIBLE_DEBIAN_MIRROR). */
export function debianMirror(): string {
  return process.env.TSIBLE_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';
}

/**
 * The suite's release as its InRelease file states it (`12.12 Sat, 06 Sep 2025 10:37:24 UTC`): it changes with every point
 * release, which is when the kernel and the base packages change. Undefined when the mirror cannot be read (offline: the
 * caller keeps what it has cached).
 */
export async function suiteRelease(mirror = debianMirror(), suite = SUITE, timeoutMs = 8000): Promise<string | undefined> {
  const text = await get(`${mirror.replace(/\/+$/, '')}/dists/${suite}/InRelease`, timeoutMs).catch(() => undefined);
  return text === undefined ? undefined : parseRelease(text);
}

/** Pure: `Version Date` from a Release/InRelease text; undefined without a Date field. */
export function parseRelease(text: string): string | undefined {
  const field = (name: string) => new RegExp(`^${name}: *(.+)$`, 'm').exec(text)?.[1]?.trim();
  const date = field('Date');
  return date ? [field('Version'), date].filter(Boolean).join(' ') : undefined;
}

async function get(url: string, timeoutMs: number): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}
