// Sends the uri module's request from the control machine with Node's fetch.
import { TimeoutError, TsibleError, type ErrorLocation } from '../../core/errors.ts';
import type { HttpRequest, HttpResponse } from './request.ts';

/** Sends `req`; a connection failure or a timeout throws (naming the URL), any HTTP status is a response. */
export async function fetchFromControl(req: HttpRequest, where: ErrorLocation): Promise<HttpResponse> {
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method, headers: req.headers, body: req.body ? new Uint8Array(req.body) : undefined,
      redirect: req.followRedirects ? 'follow' : 'manual',
      signal: AbortSignal.timeout(req.timeout * 1000),
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    if (err.cause?.message === 'bad port') {
      throw new TsibleError(`request to ${req.url} refused by Node's fetch: its port is on the fetch standard's blocked list (22, 25, 6000…); use from: 'host'`, where, { cause: e });
    }
    if (err.name === 'TimeoutError') throw new TimeoutError(`no answer from ${req.url} within ${req.timeout} s`, where, { cause: e });
    throw new TsibleError(`request to ${req.url} failed: ${err.cause?.code ?? err.cause?.message ?? err.message}`, where, { cause: e });
  }
  const body = Buffer.from(await res.arrayBuffer());
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => { headers[k] = v; });
  return { status: res.status, url: res.url || req.url, headers, body, via: 'control' };
}
