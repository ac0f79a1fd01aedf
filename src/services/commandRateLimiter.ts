import { isFull, type RateBucket, type RatePolicy, takeToken } from "../core/rateLimit.js";
import type { Actor } from "./ports.js";

/** Buckets kept before full ones (people who stopped sending) are forgotten. */
const FORGET_FULL_ABOVE = 10_000;

/** The command rate of each person in this process, by platform, community and user. */
export class CommandRateLimiter {
  private readonly buckets = new Map<string, RateBucket>();

  constructor(private readonly policy: RatePolicy) {}

  /** Counts one command; undefined when it may run, else how long to wait. */
  take(actor: Actor, now: Date): number | undefined {
    const key = JSON.stringify([actor.platform, actor.communityId, actor.userId]);
    const decision = takeToken(this.buckets.get(key), this.policy, now);
    this.buckets.set(key, decision.bucket);
    if (this.buckets.size > FORGET_FULL_ABOVE) this.forgetFull(now);
    return decision.allowed ? undefined : decision.retryAfterMs;
  }

  private forgetFull(now: Date): void {
    for (const [key, bucket] of this.buckets) if (isFull(bucket, this.policy, now)) this.buckets.delete(key);
  }
}
