/** How work that keeps failing is retried: waits doubling from `firstDelayMs` up to `maxDelayMs`, `maxFailures` at most. */
export interface BackoffPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  maxFailures: number;
}

/**
 * The failures of each piece of work (by id) and when it may be tried again.
 * Time is a parameter: the caller's clock says what "now" is.
 */
export class RetryBackoff {
  private readonly failures = new Map<number, { count: number; retryAt: number }>();

  constructor(private readonly policy: BackoffPolicy) {}

  /** False while the work waits out its backoff, and for good once it was given up. */
  mayTry(id: number, now: Date): boolean {
    const failed = this.failures.get(id);
    return !failed || (failed.count < this.policy.maxFailures && now.getTime() >= failed.retryAt);
  }

  /** Records a failure at `now`: when to try again, or undefined when this was the last try. */
  failed(id: number, now: Date): Date | undefined {
    const count = (this.failures.get(id)?.count ?? 0) + 1;
    const delay = Math.min(this.policy.maxDelayMs, this.policy.firstDelayMs * 2 ** (count - 1));
    this.failures.set(id, { count, retryAt: now.getTime() + delay });
    return count < this.policy.maxFailures ? new Date(now.getTime() + delay) : undefined;
  }

  succeeded(id: number): void {
    this.failures.delete(id);
  }
}
