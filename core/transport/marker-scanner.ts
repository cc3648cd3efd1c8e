// Finds an end marker line in a byte stream that arrives in chunks (the marker may be split across them), keeping the bytes before it.

/** What came after the output: the marker line's text after the marker itself, and any bytes past that line. */
export interface MarkerFound {
  /** The rest of the marker's line, without the newline (e.g. an exit status). */
  trailer: string;
  /** Bytes after the marker's line (none, unless something wrote after the marker). */
  rest: Buffer;
}

/**
 * Collects a stream's bytes until `marker` and the end of its line arrive. `push()` returns the
 * MarkerFound once they did; `body()` is then everything before the marker, byte for byte.
 */
export class MarkerScanner {
  private readonly chunks: Buffer[] = [];
  /** The last marker.length - 1 bytes seen, for a marker split across chunks. */
  private tail = Buffer.alloc(0);
  /** From the marker on, once it was seen. */
  private after?: Buffer;
  private found?: MarkerFound;

  constructor(private readonly marker: Buffer) {}

  /** Takes the next chunk; returns what followed the output once the marker's whole line is in. */
  push(chunk: Buffer): MarkerFound | undefined {
    if (this.found) {
      this.found.rest = Buffer.concat([this.found.rest, chunk]);
      return this.found;
    }
    if (this.after) this.after = Buffer.concat([this.after, chunk]);
    else {
      const probe = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
      const at = probe.indexOf(this.marker);
      if (at < 0) {
        this.chunks.push(chunk);
        this.tail = Buffer.from(probe.subarray(Math.max(0, probe.length - (this.marker.length - 1))));
        return undefined;
      }
      const inChunk = at - this.tail.length;
      if (inChunk >= 0) this.chunks.push(chunk.subarray(0, inChunk));
      else this.dropLast(-inChunk);
      this.after = Buffer.from(probe.subarray(at));
    }
    const nl = this.after.indexOf(0x0a, this.marker.length - 1);
    if (nl < 0) return undefined;
    const trailerStart = Math.min(this.marker.length, nl);
    this.found = { trailer: this.after.subarray(trailerStart, nl).toString('latin1'), rest: this.after.subarray(nl + 1) };
    return this.found;
  }

  /** The bytes before the marker. */
  body(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** Removes `n` bytes from the end of what was kept (the start of a marker that was split across chunks). */
  private dropLast(n: number): void {
    while (n > 0 && this.chunks.length) {
      const last = this.chunks[this.chunks.length - 1];
      if (last.length <= n) {
        n -= last.length;
        this.chunks.pop();
      } else {
        this.chunks[this.chunks.length - 1] = last.subarray(0, last.length - n);
        n = 0;
      }
    }
  }
}
