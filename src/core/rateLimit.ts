import { noticeView, type View } from "./views.js";

/**
 * How fast one person may send commands: a bucket of `burst` commands that
 * refills by one every `refillMs`. A study session sends a command every few
 * seconds at most; a script or a stuck key sends dozens, and every command may
 * cost the bot a platform API call, which the platform rate-limits per bot.
 */
export interface RatePolicy {
  burst: number;
  refillMs: number;
}

/** Ten commands at once, then one every three seconds (20 a minute). */
export const DEFAULT_COMMAND_RATE: RatePolicy = { burst: 10, refillMs: 3_000 };

/** What is left of one person's bucket, and when it was last counted. */
export interface RateBucket {
  tokens: number;
  at: number;
}

export type RateDecision =
  | { allowed: true; bucket: RateBucket }
  | { allowed: false; bucket: RateBucket; retryAfterMs: number };

/** Takes one command from the bucket, refilled for the time since it was last counted; a missing bucket is full. */
export function takeToken(bucket: RateBucket | undefined, policy: RatePolicy, now: Date): RateDecision {
  const at = now.getTime();
  // A clock that went back (NTP, a test) refills nothing rather than a negative amount.
  const elapsed = bucket ? Math.max(0, at - bucket.at) : 0;
  const tokens = bucket ? Math.min(policy.burst, bucket.tokens + elapsed / policy.refillMs) : policy.burst;
  if (tokens >= 1) return { allowed: true, bucket: { tokens: tokens - 1, at } };
  return { allowed: false, bucket: { tokens, at }, retryAfterMs: Math.ceil((1 - tokens) * policy.refillMs) };
}

/** True once a bucket has refilled completely: it can be forgotten, as a missing bucket is full. */
export function isFull(bucket: RateBucket, policy: RatePolicy, now: Date): boolean {
  return bucket.tokens + (now.getTime() - bucket.at) / policy.refillMs >= policy.burst;
}

/** The polite answer to one command too many. */
export function slowDownView(retryAfterMs: number): View {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return noticeView(
    "One moment, please",
    `That is a lot of commands in a row. Try again in ${seconds === 1 ? "a second" : `${seconds} seconds`}.`,
    "warning",
  );
}
