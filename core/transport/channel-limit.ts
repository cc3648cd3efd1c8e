// A counting semaphore capping concurrent channels on one connection; the rest wait in order.

/** Hands out at most `max` slots at a time; `fail` rejects every waiter (the connection died). */
export class ChannelLimit {
  private active = 0;
  private readonly waiting: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private failure?: Error;

  constructor(readonly max: number) {}

  /** Waits for a free slot. Call `release()` exactly once afterwards. */
  acquire(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.active < this.max) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next.resolve();
    else this.active--;
  }

  /** Rejects all current and future waiters with `error`. */
  fail(error: Error): void {
    this.failure = error;
    for (const w of this.waiting.splice(0)) w.reject(error);
  }

  /** Number of slots in use (for tests). */
  get inUse(): number {
    return this.active;
  }
}
