// Terminal colours: on when writing to a terminal, off with NO_COLOR or when piped (TSIBLE_FORCE_COLOR forces them).
export interface Palette {
  ok(s: string): string;
  changed(s: string): string;
  failed(s: string): string;
  skipped(s: string): string;
  dim(s: string): string;
}

const wrap = (code: number) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
const plain = (s: string) => s;

export function palette(enabled: boolean): Palette {
  if (!enabled) return { ok: plain, changed: plain, failed: plain, skipped: plain, dim: plain };
  return { ok: wrap(32), changed: wrap(33), failed: wrap(31), skipped: wrap(36), dim: wrap(2) };
}

/** Whether `stream` should get colours. */
export function colorWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TSIBLE_FORCE_COLOR) return true;
  return !!stream.isTTY && env.TERM !== 'dumb';
}
