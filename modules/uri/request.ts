// The HTTP request and response the uri module works with, whichever side (control machine or host) sends it.

/** A request with every secret already revealed (never printed). */
export interface HttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** Body bytes, or undefined for none. */
  body?: Buffer;
  /** Seconds for the whole exchange. */
  timeout: number;
  followRedirects: boolean;
}

/** What came back. */
export interface HttpResponse {
  status: number;
  /** URL after redirects. */
  url: string;
  /** Header names in lower case (repeated headers joined with ', '). */
  headers: Record<string, string>;
  body: Buffer;
  /** Who sent it: control (Node's fetch), python3 or curl on the host. */
  via: 'control' | 'python3' | 'curl';
}
