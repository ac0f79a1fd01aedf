/** A pause this long between requests ends a burst. */
const QUIET_MS = 50;
/** Longest that work after an acknowledgement waits while a burst goes on. */
const MAX_WAIT_MS = 10_000;

/** The one event of an HTTP response this needs: it has gone, or its connection has. */
export interface Answerable {
  once(event: "close", listener: () => void): unknown;
}

/**
 * Acknowledgements first. Slack shows an error for a click not acknowledged
 * within 3 seconds, while the private reply that follows may come later. In
 * a burst of 2,000 clicks the work after each acknowledgement (looking the
 * person up, recording the answer, the private reply) costs more than the
 * acknowledgement itself; released on a timer while clicks still came, it
 * pushed half of them past 3 s (bench 3b: p99 3 s, 1,078 of 2,000 lost,
 * against 0.65 s and none for bare Bolt). So work waits while any verified
 * request is unanswered and until requests pause for QUIET_MS, then goes on
 * one piece per turn of the event loop, so that requests arriving meanwhile
 * are read and answered in between. Only a burst longer than MAX_WAIT_MS
 * lets waiting work drip on regardless, so replies cannot starve under a
 * flood that never ends. Outside bursts a private reply waits QUIET_MS.
 *
 * HTTP mode only: in Socket Mode nothing arrives here and nothing waits.
 * Only requests that passed verification count (signedRequests.ts): a flood
 * of forged ones must not hold real replies back.
 */
export class AckFirst {
  private unanswered = 0;
  private arrivals = 0;
  private lastArrival = Number.NEGATIVE_INFINITY;
  private readonly waiting: { since: number; go: () => void }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stepping = false;

  /** A verified request has arrived; work waits until it and every other one is answered. */
  arrived(response: Answerable): void {
    this.arrivals += 1;
    this.unanswered += 1;
    this.lastArrival = performance.now();
    response.once("close", () => {
      this.unanswered -= 1;
      if (this.unanswered === 0) this.release();
    });
  }

  /** How many requests have counted as activity so far. */
  get requestsCounted(): number {
    return this.arrivals;
  }

  /** Resolves at once outside a burst; else when its turn comes. */
  turn(): Promise<void> {
    if (this.waiting.length === 0 && this.burstWait() === 0) return Promise.resolve();
    return new Promise((go) => {
      this.waiting.push({ since: performance.now(), go });
      this.release();
    });
  }

  /** How long until the burst has paused: 0 once every request is answered and none came for QUIET_MS. */
  private burstWait(): number {
    // The last answer calls release() again.
    if (this.unanswered > 0) return Number.POSITIVE_INFINITY;
    return Math.max(0, QUIET_MS - (performance.now() - this.lastArrival));
  }

  private release(): void {
    const oldest = this.waiting[0];
    if (this.stepping || !oldest) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const wait = Math.min(this.burstWait(), oldest.since + MAX_WAIT_MS - performance.now());
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.release();
      }, wait);
      return;
    }
    // One piece of work, then the event loop polls for requests before the next.
    this.stepping = true;
    setImmediate(() => {
      this.stepping = false;
      this.waiting.shift()?.go();
      this.release();
    });
  }
}
