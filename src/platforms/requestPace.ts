/**
 * Spaces requests of one kind evenly so that no second holds more than the
 * platform allows: the caller awaits take() before each request. Even
 * spacing, not a bucket that fills while idle, so a queue of 10,000 sends
 * never starts with a burst the platform answers with 429s.
 */
export class RequestPace {
  private nextStart = 0;
  private readonly spacingMs: number;

  constructor(
    perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.spacingMs = 1000 / perSecond;
  }

  /** Resolves when this request may start. */
  async take(): Promise<void> {
    const now = this.now();
    const start = Math.max(now, this.nextStart);
    this.nextStart = start + this.spacingMs;
    if (start > now) await new Promise((resolve) => setTimeout(resolve, start - now));
  }

  /** The platform asked to wait (a 429's retry_after): no request starts before then. */
  holdFor(ms: number): void {
    this.nextStart = Math.max(this.nextStart, this.now() + ms);
  }
}
