// A steady stream of HTTP requests to one URL: one TCP connection each, a time limit each, at a fixed rate; records who answered.
import { request } from 'node:http';

/** One request of the stream. */
export interface Sample {
  /** When it was sent, ms after the stream started. */
  t: number;
  /** Answered with HTTP 2xx within the time limit. */
  ok: boolean;
  /** The real server that answered (the page's `tsible-host` meta, else its title), when ok. */
  server?: string;
  /** Why it failed (timeout, ECONNREFUSED, HTTP 503…), when not ok. */
  error?: string;
  /** How long it took, ms. */
  ms: number;
}

/** How the stream runs. */
export interface StreamOptions {
  url: string;
  /** Requests per second. */
  rate: number;
  /** Seconds the stream lasts. */
  durationS: number;
  /** Time limit of one request (connect + answer), ms. */
  timeoutMs: number;
}

/** The host a page names: `<meta name="tsible-host" content="web1">`, else its `<title>`, else undefined. */
export function pageServer(body: string): string | undefined {
  const meta = /<meta\s+name="tsible-host"\s+content="([^"]*)"/i.exec(body);
  if (meta) return meta[1];
  const title = /<title>([^<]*)<\/title>/i.exec(body);
  return title ? title[1]!.trim() : undefined;
}

/** One GET on a new connection (no keep-alive), settled within `timeoutMs`. */
export function probe(url: string, timeoutMs: number): Promise<Omit<Sample, 't'>> {
  const start = Date.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (s: Omit<Sample, 't' | 'ms'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ ...s, ms: Date.now() - start });
    };
    const req = request(url, { agent: false, headers: { Connection: 'close' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const code = res.statusCode ?? 0;
        if (code < 200 || code > 299) return finish({ ok: false, error: `HTTP ${code}` });
        finish({ ok: true, server: pageServer(Buffer.concat(chunks).toString()) ?? 'unknown' });
      });
      res.on('error', (e) => finish({ ok: false, error: (e as NodeJS.ErrnoException).code ?? e.message }));
    });
    const timer = setTimeout(() => finish({ ok: false, error: 'timeout' }), timeoutMs);
    req.on('error', (e) => finish({ ok: false, error: (e as NodeJS.ErrnoException).code ?? e.message }));
    req.end();
  });
}

/**
 * Sends `rate` requests a second for `durationS` seconds, each on its own schedule (a slow answer never
 * delays the next request); resolves every sample, in send order, once the last one settled.
 * `onSample` sees each as it settles (for a live view).
 */
export async function runStream(o: StreamOptions, onSample?: (s: Sample) => void): Promise<Sample[]> {
  const total = Math.round(o.rate * o.durationS);
  const interval = 1000 / o.rate;
  const t0 = Date.now();
  const pending: Promise<Sample>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + i * interval;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t = Date.now() - t0;
    pending.push(probe(o.url, o.timeoutMs).then((r) => {
      const s = { t, ...r };
      onSample?.(s);
      return s;
    }));
  }
  return Promise.all(pending);
}
