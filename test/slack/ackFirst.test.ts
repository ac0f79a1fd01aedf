import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AckFirst } from "../../src/platforms/slack/ackFirst.js";

describe("acknowledgements first", () => {
  beforeEach(() => {
    // setImmediate stays real: work goes on one piece per turn of the event loop.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const turnOfTheLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

  function watched() {
    const gate = new AckFirst();
    const order: string[] = [];
    /** A request arrives; the function answers it. */
    const request = () => {
      const response = new EventEmitter();
      gate.arrived(response);
      return () => response.emit("close");
    };
    const track = (name: string) => {
      let done = false;
      void gate.turn().then(() => {
        done = true;
        order.push(name);
      });
      return () => done;
    };
    return { request, track, order };
  }

  it("lets work go on at once outside a burst", async () => {
    const { request, track } = watched();
    request()();
    await vi.advanceTimersByTimeAsync(50);
    const done = track("lone");
    await vi.advanceTimersByTimeAsync(0);
    expect(done()).toBe(true);
  });

  it("holds work back while requests keep arriving, and lets it go at the first pause", async () => {
    const { request, track } = watched();
    request()();
    const done = track("work");
    for (let step = 0; step < 10; step++) {
      await vi.advanceTimersByTimeAsync(10);
      request()();
    }
    await turnOfTheLoop();
    expect(done()).toBe(false);
    await vi.advanceTimersByTimeAsync(50);
    await turnOfTheLoop();
    expect(done()).toBe(true);
  });

  it("holds work back while any request is unanswered, and lets it go once all are answered", async () => {
    const { request, track } = watched();
    const answerFirst = request();
    const done = track("work");
    const answerSecond = request();
    answerFirst();
    await vi.advanceTimersByTimeAsync(100);
    await turnOfTheLoop();
    await turnOfTheLoop();
    expect(done()).toBe(false);
    answerSecond();
    await turnOfTheLoop();
    await turnOfTheLoop();
    expect(done()).toBe(true);
  });

  it("lets one piece of work go per turn of the event loop, in the order they came", async () => {
    const { request, track, order } = watched();
    const answer = request();
    const pieces = ["a", "b", "c"].map((name) => track(name));
    answer();
    await vi.advanceTimersByTimeAsync(50);
    // Released all at once, every piece would be done by the end of the first one's microtasks.
    const goneWithTheFirst = await new Promise<number>((resolve) => {
      const look = () => (order.length > 0 ? queueMicrotask(() => resolve(order.length)) : setImmediate(look));
      look();
    });
    expect(goneWithTheFirst).toBe(1);
    for (let turn = 0; turn < 5; turn++) await turnOfTheLoop();
    expect(order).toEqual(["a", "b", "c"]);
    expect(pieces.every((done) => done())).toBe(true);
  });

  it("lets work drip on after ten seconds of burst, so replies never starve", async () => {
    const { request, track } = watched();
    request();
    const first = track("first");
    await vi.advanceTimersByTimeAsync(9_000);
    const later = track("later");
    await vi.advanceTimersByTimeAsync(1_000);
    await turnOfTheLoop();
    await turnOfTheLoop();
    expect(first()).toBe(true);
    expect(later()).toBe(false);
  });
});
