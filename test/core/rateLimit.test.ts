import { describe, expect, it } from "vitest";
import { isFull, type RateBucket, slowDownView, takeToken } from "../../src/core/rateLimit.js";

const policy = { burst: 3, refillMs: 1_000 };
const at = (ms: number) => new Date(Date.UTC(2026, 10, 2, 9) + ms);

/** Sends a command at each of these times; true where it was let through. */
function run(times: number[]): boolean[] {
  let bucket: RateBucket | undefined;
  return times.map((ms) => {
    const decision = takeToken(bucket, policy, at(ms));
    bucket = decision.bucket;
    return decision.allowed;
  });
}

describe("command rate limit", () => {
  it("lets a burst through, then one command per refill interval", () => {
    expect(run([0, 0, 0, 0, 999, 1_000, 1_500, 2_000])).toEqual([true, true, true, false, false, true, false, true]);
  });

  it("says how long to wait until the next command is allowed", () => {
    const empty = { tokens: 0.25, at: at(0).getTime() };
    expect(takeToken(empty, policy, at(0))).toEqual({ allowed: false, bucket: empty, retryAfterMs: 750 });
  });

  it("refills no more than the burst, however long the pause, and nothing when the clock goes back", () => {
    expect(run([0, 0, 0, 3_600_000, 3_600_000, 3_600_000, 3_600_000])).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
    const drained = { tokens: 0, at: at(5_000).getTime() };
    expect(takeToken(drained, policy, at(0)).allowed).toBe(false);
  });

  it("knows when a bucket is full again, so it can be forgotten", () => {
    const bucket = { tokens: 1, at: at(0).getTime() };
    expect(isFull(bucket, policy, at(1_999))).toBe(false);
    expect(isFull(bucket, policy, at(2_000))).toBe(true);
  });

  it("answers politely with the wait in whole seconds", () => {
    expect(slowDownView(2_100).tone).toBe("warning");
    expect(JSON.stringify(slowDownView(2_100))).toContain("Try again in 3 seconds.");
    expect(JSON.stringify(slowDownView(200))).toContain("Try again in a second.");
  });
});
