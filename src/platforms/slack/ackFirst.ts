/** A pause this long between requests ends a burst. */
const QUIET_MS = 50;
/** Longest that work after an acknowledgement waits while requests keep coming. */
const MAX_WAIT_MS = 2000;

/**
 * Acknowledgements first, during bursts. Slack shows an error for a click not
 * acknowledged within 3 seconds, while the private reply that follows may
 * come a second later. In a burst of 2,000 clicks, the work after each
 * acknowledgement (looking the person up, recording the answer, the private
 * reply) held back the acknowledgements still to come: p99 2.8 s and some
 * clicks past 3 s, against 0.25 s for a bare Bolt app (bench/; 0.25 s with
 * this). So while requests keep arriving, that work waits for a pause (or
 * MAX_WAIT_MS at most), and the event loop is left to the acknowledgements.
 * Outside bursts it costs a click's private reply QUIET_MS.
 *
 * HTTP mode only: in Socket Mode nothing arrives here and nothing waits.
 * Only requests that passed verification count (signedRequests.ts): a flood
 * of forged ones must not hold real replies back.
 */
export class AckFirst {
  private lastArrival = Number.NEGATIVE_INFINITY;
  private arrivals = 0;
  private readonly waiting: { since: number; go: () => void }[] = [];
  private timer: NodeJS.Timeout | undefined;

  /** A verified request has arrived: the burst goes on. */
  arrived(): void {
    this.lastArrival = performance.now();
    this.arrivals += 1;
  }

  /** How many requests have counted as activity so far. */
  get requestsCounted(): number {
    return this.arrivals;
  }

  /** Resolves at once outside a burst; during one, at its first pause or after MAX_WAIT_MS. */
  turn(): Promise<void> {
    if (this.waiting.length === 0 && performance.now() - this.lastArrival >= QUIET_MS) return Promise.resolve();
    return new Promise((go) => {
      this.waiting.push({ since: performance.now(), go });
      this.release();
    });
  }

  private release(): void {
    if (this.timer || this.waiting.length === 0) return;
    const now = performance.now();
    if (now - this.lastArrival >= QUIET_MS) {
      for (const { go } of this.waiting.splice(0)) go();
      return;
    }
    // Requests keep coming: only the work that has waited long enough goes on.
    while ((this.waiting[0]?.since ?? now) + MAX_WAIT_MS <= now) this.waiting.shift()?.go();
    if (this.waiting.length === 0) return;
    const next = Math.min(this.lastArrival + QUIET_MS, (this.waiting[0]?.since ?? now) + MAX_WAIT_MS);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.release();
      },
      Math.max(1, next - now),
    );
  }
}
