// Sends the uri module's request from the target host: python3's urllib if present, else curl (request on stdin, never in argv).
import { FactError, TimeoutError, TsibleError, type ErrorLocation } from '../../core/errors.ts';
import type { Command } from '../../core/quote.ts';
import type { RunResult } from '../../core/transport/transport.ts';
import type { HttpRequest, HttpResponse } from './request.ts';

const PYTHON = String.raw`import sys, json, base64, socket, urllib.request, urllib.error
req = json.loads(sys.stdin.readline())
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), *([] if req['follow'] else [NoRedirect()]))
body = base64.b64decode(req['body']) if req['body'] is not None else None
r = urllib.request.Request(req['url'], data=body, method=req['method'], headers=req['headers'])
try:
    resp = opener.open(r, timeout=req['timeout'])
except urllib.error.HTTPError as e:
    resp = e
except (socket.timeout, TimeoutError) as e:
    print(json.dumps({'error': 'timeout', 'message': str(e)})); sys.exit(0)
except Exception as e:
    print(json.dumps({'error': 'failed', 'message': str(getattr(e, 'reason', e))})); sys.exit(0)
data = resp.read()
headers = {}
for k, v in resp.headers.items():
    k = k.lower()
    headers[k] = headers[k] + ', ' + v if k in headers else v
print(json.dumps({'status': resp.getcode(), 'url': resp.geturl(), 'headers': headers, 'body': base64.b64encode(data).decode()}))`;

/** Picks python3, else curl; the first stdin line is the request as JSON (python3), the rest a curl config. */
const SCRIPT = [
  'if [ "$2" != curl ] && command -v python3 >/dev/null 2>&1; then exec python3 -c "$1"; fi',
  "command -v curl >/dev/null 2>&1 || { echo 'uri with from: host needs python3 or curl on the host' >&2; exit 127; }",
  'read -r _json',
  't=$(mktemp -d) || exit 1',
  'meta=$(curl -K - -D "$t/h" -o "$t/b" -w \'%{http_code} %{url_effective}\'); rc=$?',
  'if [ "$rc" -ne 0 ]; then rm -rf "$t"; printf \'curl-error %s\\n\' "$rc"; exit 0; fi',
  'printf \'curl %s %s %s\\n\' "$(printf \'%s\' "$meta" | base64 -w0)" "$(base64 -w0 < "$t/h")" "$(base64 -w0 < "$t/b")"',
  'rm -rf "$t"',
].join('\n');

/** The command (constant) and its standard input (holds the request, secrets included: never shown). `client` curl skips python3 (tests). */
export function hostRequest(req: HttpRequest, client: 'auto' | 'curl' = 'auto'): { command: Command; stdin: string } {
  const json = JSON.stringify({ url: req.url, method: req.method, headers: req.headers, body: req.body ? req.body.toString('base64') : null, timeout: req.timeout, follow: req.followRedirects });
  return { command: ['sh', '-c', SCRIPT, 'tsible-uri', PYTHON, client], stdin: `${json}\n${curlConfig(req)}` };
}

/** curl's config file syntax: one option per line, values in double quotes with \\ \" \n \r \t escapes. */
function curlConfig(req: HttpRequest): string {
  const q = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
  const lines = [`url = ${q(req.url)}`, `request = ${q(req.method)}`, `max-time = ${req.timeout}`, 'silent', 'show-error'];
  if (req.followRedirects) lines.push('location');
  if (req.method === 'HEAD') lines.push('head');
  for (const [k, v] of Object.entries(req.headers)) lines.push(`header = ${q(`${k}: ${v}`)}`);
  if (req.body) lines.push(`data-binary = ${q(req.body.toString())}`);
  return lines.join('\n') + '\n';
}

/** Parses what the host printed. */
export function parseHostResponse(r: RunResult, req: HttpRequest, where: ErrorLocation): HttpResponse {
  const out = r.stdout.trim();
  if (r.code !== 0 || out === '') throw new FactError(`uri could not run on the host (exit ${r.code}): ${(r.stderr || r.stdout).trim() || 'no output'}`, where);
  if (out.startsWith('{')) {
    const j = JSON.parse(out) as { error?: string; message?: string; status: number; url: string; headers: Record<string, string>; body: string };
    if (j.error === 'timeout') throw new TimeoutError(`no answer from ${req.url} within ${req.timeout} s (python3 on the host)`, where);
    if (j.error) throw new TsibleError(`request to ${req.url} failed on the host: ${j.message}`, where);
    return { status: j.status, url: j.url, headers: j.headers, body: Buffer.from(j.body, 'base64'), via: 'python3' };
  }
  const words = out.split('\n').pop()!.split(' ');
  if (words[0] === 'curl-error') {
    if (words[1] === '28') throw new TimeoutError(`no answer from ${req.url} within ${req.timeout} s (curl on the host)`, where);
    throw new TsibleError(`request to ${req.url} failed on the host: curl exit ${words[1]}${r.stderr.trim() ? `: ${r.stderr.trim()}` : ''}`, where);
  }
  if (words[0] !== 'curl') throw new FactError(`uri: unexpected output from the host: ${out.slice(0, 120)}`, where);
  const [code, ...url] = Buffer.from(words[1] ?? '', 'base64').toString().split(' ');
  return { status: Number(code), url: url.join(' ') || req.url, headers: lastHeaderBlock(Buffer.from(words[2] ?? '', 'base64').toString()), body: Buffer.from(words[3] ?? '', 'base64'), via: 'curl' };
}

/** The headers of the last response in a `curl -D` dump (one block per redirect). */
function lastHeaderBlock(dump: string): Record<string, string> {
  const blocks = dump.split(/\r?\n\r?\n/).filter((b) => b.trim() !== '');
  const headers: Record<string, string> = {};
  for (const line of (blocks.pop() ?? '').split(/\r?\n/).slice(1)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const k = line.slice(0, i).trim().toLowerCase();
    const v = line.slice(i + 1).trim();
    headers[k] = headers[k] === undefined ? v : `${headers[k]}, ${v}`;
  }
  return headers;
}
