// uri: an HTTP request from the control machine (default) or from the host; checks the status (and body), returns the response.
import { ArgsError } from '../core/errors.ts';
import { defineModule } from '../core/module.ts';
import { isSecret, revealString, type Secret } from '../core/secret.ts';
import { fetchFromControl } from './uri/fetch-control.ts';
import { hostRequest, parseHostResponse } from './uri/fetch-host.ts';
import type { HttpRequest, HttpResponse } from './uri/request.ts';

export interface UriArgs {
  /** http:// or https:// URL. */
  url: string | Secret;
  /** GET (default), HEAD, POST, PUT, PATCH, DELETE, OPTIONS. */
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
  /** Request body: text, or an object/list sent as JSON (bodyFormat json). */
  body?: unknown;
  /** raw (default for text) or json (default for objects; sets Content-Type), or form-urlencoded (an object of fields). */
  bodyFormat?: 'raw' | 'json' | 'form-urlencoded';
  /** Request headers; values may be secrets (never printed). */
  headers?: Record<string, string | Secret>;
  /** Accepted status codes (default [200]); any other fails the task. */
  status?: number[];
  /** Return the body as `content` (and `json` when it is JSON). Default false. */
  returnContent?: boolean;
  /** The body must contain this text. */
  bodyContains?: string;
  /** The body must match this regular expression (JavaScript syntax). */
  bodyMatches?: string;
  /** Seconds for the whole request (default 30). */
  timeout?: number;
  /** control (default): sent from the machine running tsible; host: sent from the target host (python3, else curl). */
  from?: 'control' | 'host';
  /** Follow redirects (default true); false returns the 3xx itself. */
  followRedirects?: boolean;
}

export type UriFacts = { response: HttpResponse } | { skipped: string };

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function buildRequest(args: UriArgs): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(args.headers ?? {})) headers[k] = revealString(v as string | Secret);
  let body: Buffer | undefined;
  if (args.body !== undefined) {
    const format = args.bodyFormat ?? (typeof args.body === 'string' || isSecret(args.body) ? 'raw' : 'json');
    const has = (name: string): boolean => Object.keys(headers).some((k) => k.toLowerCase() === name);
    if (format === 'json') {
      body = Buffer.from(typeof args.body === 'string' ? args.body : JSON.stringify(args.body, (_k, v) => (isSecret(v) ? v.reveal() : v)));
      if (!has('content-type')) headers['Content-Type'] = 'application/json';
    } else if (format === 'form-urlencoded') {
      const fields = Object.entries(args.body as Record<string, unknown>).map(([k, v]) => [k, isSecret(v) ? v.reveal() : String(v)]);
      body = Buffer.from(new URLSearchParams(fields).toString());
      if (!has('content-type')) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else body = Buffer.from(revealString(args.body as string | Secret));
  }
  // Normalised as fetch() does on the control machine (WHATWG URL: host case, dot segments, percent-encoding; the #fragment is never sent), so both `from`s send the same request.
  const url = new URL(revealString(args.url));
  url.hash = '';
  return { url: url.href, method: args.method!, headers, body, timeout: args.timeout!, followRedirects: args.followRedirects! };
}

export const uri = defineModule<UriArgs, UriFacts>({
  name: 'uri',
  doc: {
    summary: 'Sends an HTTP request from the control machine (default) or from the host; fails unless the status is expected (and the body contains/matches what is asked); returns status, headers and optionally the content.',
    changed: 'Never (like Ansible\'s uri without changed_when).',
    checkMode: 'GET, HEAD and OPTIONS are sent as in a normal run (they only read). Other methods are not sent: the result says so.',
    examples: [
      "uri({ url: 'http://192.168.56.10/', returnContent: true, bodyContains: 'Debian Web 1' }, { name: 'The VIP serves web1', register: 'page' })",
      "uri({ url: 'http://127.0.0.1/', from: 'host', status: [200, 403] })",
    ],
  },
  args: {
    url: { type: 'string', required: true, description: 'http(s) URL.' },
    method: { type: 'string', default: 'GET', choices: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], description: 'HTTP method.' },
    body: { type: 'any', description: 'Body: text, or an object sent as JSON / form fields.' },
    bodyFormat: { type: 'string', choices: ['raw', 'json', 'form-urlencoded'], description: 'How to encode body.', aliases: ['body_format'] },
    headers: { type: 'dict', description: 'Request headers.' },
    status: { type: 'list', elements: 'int', default: [200], description: 'Accepted status codes.', aliases: ['status_code'] },
    returnContent: { type: 'bool', default: false, description: 'Return the body as content.', aliases: ['return_content'] },
    bodyContains: { type: 'string', description: 'Text the body must contain.', aliases: ['body_contains'] },
    bodyMatches: { type: 'string', description: 'Regex the body must match.', aliases: ['body_matches'] },
    timeout: { type: 'int', default: 30, description: 'Seconds for the request.' },
    from: { type: 'string', default: 'control', choices: ['control', 'host'], description: 'Where the request is sent from.' },
    followRedirects: { type: 'bool', default: true, description: 'Follow redirects.', aliases: ['follow_redirects'] },
  },
  validate(args, where) {
    let u: URL | undefined;
    try { u = new URL(revealString(args.url)); } catch { /* below */ }
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) throw new ArgsError('expects an http:// or https:// URL', { ...where, field: 'url' });
    if (args.timeout! < 1) throw new ArgsError('expects a positive number of seconds', { ...where, field: 'timeout' });
    for (const s of args.status!) if (s < 100 || s > 599) throw new ArgsError(`not an HTTP status: ${s}`, { ...where, field: 'status' });
    if (args.bodyMatches !== undefined) {
      try { new RegExp(args.bodyMatches); } catch (e) { throw new ArgsError(`bad regular expression: ${(e as Error).message}`, { ...where, field: 'bodyMatches' }); }
    }
    if (args.bodyFormat === 'form-urlencoded' && (typeof args.body !== 'object' || args.body === null || isSecret(args.body))) {
      throw new ArgsError('form-urlencoded needs an object of fields', { ...where, field: 'body' });
    }
    for (const [k, v] of Object.entries(args.headers ?? {})) {
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k)) throw new ArgsError(`not a header name: "${k}"`, { ...where, field: 'headers' });
      if (typeof v !== 'string' && !isSecret(v)) throw new ArgsError(`header ${k} must be a string`, { ...where, field: `headers.${k}` });
      if (/[\r\n]/.test(revealString(v as string | Secret))) throw new ArgsError(`header ${k} must be one line`, { ...where, field: `headers.${k}` });
    }
  },
  async gather(ctx, args) {
    if (ctx.check && !SAFE.has(args.method!)) return { skipped: `check mode: ${args.method} not sent` };
    const req = buildRequest(args);
    if (args.from === 'control') return { response: await fetchFromControl(req, ctx.where) };
    const { command, stdin } = hostRequest(req);
    const r = await ctx.run(command, { stdin, timeoutMs: (req.timeout + 30) * 1000 });
    return { response: parseHostResponse(r, req, ctx.where) };
  },
  plan: () => [],
  output(args, facts) {
    if ('skipped' in facts) return { skipped: true, msg: facts.skipped };
    const res = facts.response;
    const text = res.body.toString('utf8');
    const out: Record<string, unknown> = { status: res.status, url: res.url, headers: res.headers, via: res.via, length: res.body.length };
    if (args.returnContent) {
      out.content = text;
      if (/\bjson\b/i.test(res.headers['content-type'] ?? '')) {
        try { out.json = JSON.parse(text); } catch { /* not JSON after all */ }
      }
    }
    const fail = (msg: string): Record<string, unknown> => ({ ...out, failed: true, msg });
    if (!args.status!.includes(res.status)) return fail(`status code was ${res.status} and not [${args.status!.join(', ')}] (${res.url})`);
    if (args.bodyContains !== undefined && !text.includes(args.bodyContains)) return fail(`the body of ${res.url} does not contain ${JSON.stringify(args.bodyContains)}`);
    if (args.bodyMatches !== undefined && !new RegExp(args.bodyMatches).test(text)) return fail(`the body of ${res.url} does not match /${args.bodyMatches}/`);
    return { ...out, msg: `OK (${res.status}, ${res.body.length} bytes)` };
  },
});
