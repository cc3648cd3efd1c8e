// The lab's caching apt proxy: plain-HTTP GET/HEAD to the Debian mirror only; .deb and by-hash files cached on disk.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { appendFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';

/** Hosts the proxy forwards to; everything else gets 403. */
const ALLOWED_HOSTS = ['deb.debian.org', 'security.debian.org'];
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade',
  'proxy-authorization', 'proxy-authenticate']);
/** Request headers dropped for cacheable files, so the upstream answer is always the whole file. */
const CONDITIONAL = new Set(['range', 'if-range', 'if-modified-since', 'if-none-match', 'if-match', 'if-unmodified-since']);

/** Where the proxy listens: a TCP address or a Unix socket (the relay's target). */
export type Listen = { host: string; port: number } | { path: string };

/** Options of startAptProxy(). */
export interface AptProxyOptions {
  /** Addresses to listen on. */
  listen: Listen[];
  /** Folder of cached files. */
  cacheDir: string;
  /** Log file: one line per request, `TIME hit|upstream|denied|error STATUS URL`. */
  logFile: string;
}

/** True for files that never change under the same URL: packages and by-hash indexes. */
export function isCacheable(path: string): boolean {
  return /\.u?deb$/.test(path) || path.includes('/by-hash/');
}

/** Starts the proxy servers; resolves once all listen. */
export async function startAptProxy(opts: AptProxyOptions): Promise<http.Server[]> {
  await mkdir(opts.cacheDir, { recursive: true });
  const log = (kind: string, status: number, url: string) => {
    appendFile(opts.logFile, `${new Date().toISOString()} ${kind} ${status} ${url}\n`).catch(() => {});
  };
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    void handle(req, res, opts.cacheDir, log).catch((e: Error) => {
      log('error', 502, `${req.url} ${e.message}`);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end('upstream error\n');
      else res.destroy();
    });
  };
  const servers: http.Server[] = [];
  for (const l of opts.listen) {
    const s = http.createServer(handler);
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      if ('path' in l) s.listen(l.path, resolve);
      else s.listen(l.port, l.host, resolve);
    });
    servers.push(s);
  }
  return servers;
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, cacheDir: string,
  log: (kind: string, status: number, url: string) => void): Promise<void> {
  const raw = req.url ?? '';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    log('denied', 400, raw);
    res.writeHead(400, { 'content-type': 'text/plain' }).end('absolute http:// URL expected (this is a proxy)\n');
    return;
  }
  if (url.protocol !== 'http:' || !ALLOWED_HOSTS.includes(url.hostname) || (url.port !== '' && url.port !== '80')) {
    log('denied', 403, raw);
    res.writeHead(403, { 'content-type': 'text/plain' }).end(`only http://${ALLOWED_HOSTS.join(', http://')} are allowed\n`);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    log('denied', 405, raw);
    res.writeHead(405, { 'content-type': 'text/plain' }).end('GET and HEAD only\n');
    return;
  }
  const cacheable = req.method === 'GET' && isCacheable(url.pathname);
  const file = join(cacheDir, `${createHash('sha256').update(url.href).digest('hex')}${url.pathname.endsWith('deb') ? '.deb' : ''}`);
  if (cacheable) {
    const st = await stat(file).catch(() => null);
    if (st) {
      log('hit', 200, url.href);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': st.size });
      createReadStream(file).pipe(res);
      return;
    }
  }
  const headers: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (!HOP.has(k) && !(cacheable && CONDITIONAL.has(k)) && v !== undefined) headers[k] = v;
  }
  headers.host = url.host;
  const up = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const r = http.request({ host: url.hostname, port: 80, method: req.method, path: url.pathname + url.search, headers, timeout: 60_000 }, resolve);
    r.on('timeout', () => r.destroy(new Error('upstream timeout')));
    r.on('error', reject);
    r.end();
  });
  const status = up.statusCode ?? 502;
  log('upstream', status, url.href);
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(up.headers)) if (!HOP.has(k) && v !== undefined) out[k] = v;
  res.writeHead(status, up.statusMessage, out);
  if (!cacheable || status !== 200) {
    up.pipe(res);
    return;
  }
  const tmp = `${file}.${randomBytes(4).toString('hex')}.part`;
  const sink = createWriteStream(tmp, { mode: 0o644 });
  let bytes = 0;
  up.on('data', (b: Buffer) => { bytes += b.length; });
  up.pipe(res);
  up.pipe(sink);
  await new Promise<void>((resolve) => {
    sink.on('close', resolve);
    up.on('error', () => sink.destroy());
  });
  const want = Number(up.headers['content-length']);
  if (up.complete && (!Number.isFinite(want) || want === bytes)) await rename(tmp, file);
  else await rm(tmp, { force: true });
}
