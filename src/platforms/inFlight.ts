/**
 * The event handlers a platform adapter has running. On shutdown the adapter
 * stops receiving, then waits here for the handlers already started, so each
 * finishes its reply (its database work is done synchronously before it) and
 * none is cut off by the database closing under it.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  /** Runs `work` as tracked; it resolves or rejects as `work` does. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = () => this.running.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Waits for the handlers running now, at most `timeoutMs`; false when some were still running. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, false);
    });
    const settled = Promise.allSettled([...this.running]).then(() => true);
    try {
      return await Promise.race([settled, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
