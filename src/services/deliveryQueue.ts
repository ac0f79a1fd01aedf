/**
 * Private messages waiting to be sent, in order, a few at a time. The
 * messenger paces its own requests to what its platform allows, so a minute
 * in which 10,000 people are due becomes a steady stream instead of a burst
 * of refusals; the queue only bounds how many wait inside the messenger.
 */
export class DeliveryQueue<T> {
  private waiting: T[] = [];
  /** Index of the next entry of `waiting` to send: shifting a 100,000-entry array each time would be quadratic. */
  private next = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  /** `send` reports its own failures: a rejection here is a bug, kept from stopping the queue. */
  constructor(
    private readonly send: (entry: T) => Promise<void>,
    private readonly concurrency: number,
  ) {}

  get pending(): number {
    return this.waiting.length - this.next + this.inFlight.size;
  }

  add(entries: readonly T[]): void {
    for (const entry of entries) this.waiting.push(entry);
    this.pump();
  }

  /** Sends no further entry; resolves, once the sends under way are done, with the entries never sent. */
  async stop(): Promise<T[]> {
    this.stopped = true;
    await Promise.allSettled([...this.inFlight]);
    const unsent = this.waiting.slice(this.next);
    this.waiting = [];
    this.next = 0;
    return unsent;
  }

  /** Takes entries again after stop(). */
  resume(): void {
    this.stopped = false;
  }

  /** Resolves once every entry added so far is sent (or the queue stops). */
  async drained(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private pump(): void {
    while (!this.stopped && this.inFlight.size < this.concurrency && this.next < this.waiting.length) {
      const entry = this.waiting[this.next] as T;
      this.next += 1;
      if (this.next === this.waiting.length) {
        this.waiting = [];
        this.next = 0;
      }
      const sending: Promise<void> = this.send(entry)
        .catch(() => undefined)
        .finally(() => {
          this.inFlight.delete(sending);
          this.pump();
        });
      this.inFlight.add(sending);
    }
  }
}
