import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AckFirst } from "../../src/platforms/slack/ackFirst.js";

describe("acknowledgements first", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function watched() {
    const gate = new AckFirst();
    const track = () => {
      let done = false;
      void gate.turn().then(() => {
        done = true;
      });
      return () => done;
    };
    return { request: () => gate.arrived(), track };
  }

  it("lets work go on at once outside a burst", async () => {
    const { track } = watched();
    const done = track();
    await vi.advanceTimersByTimeAsync(0);
    expect(done()).toBe(true);
  });

  it("holds work back while requests keep arriving, and lets it all go at the first pause", async () => {
    const { request, track } = watched();
    request();
    const done = track();
    for (let step = 0; step < 10; step++) {
      await vi.advanceTimersByTimeAsync(10);
      request();
    }
    expect(done()).toBe(false);
    await vi.advanceTimersByTimeAsync(60);
    expect(done()).toBe(true);
  });

  it("holds nothing back for more than two seconds, however long the burst", async () => {
    const { request, track } = watched();
    request();
    const first = track();
    for (let step = 0; step < 150; step++) {
      await vi.advanceTimersByTimeAsync(10);
      request();
    }
    const later = track();
    for (let step = 0; step < 60; step++) {
      await vi.advanceTimersByTimeAsync(10);
      request();
    }
    expect(first()).toBe(true);
    expect(later()).toBe(false);
  });
});
