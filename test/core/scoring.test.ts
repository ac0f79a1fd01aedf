import { describe, expect, it } from "vitest";
import { accuracy, formatAccuracy, pointsForAnswer } from "../../src/core/scoring.js";

describe("pointsForAnswer", () => {
  it("gives 10 plus a speed bonus of 5, 4, 3, 2, 1 to the first five right answers", () => {
    expect([0, 1, 2, 3, 4].map((before) => pointsForAnswer(true, before))).toEqual([15, 14, 13, 12, 11]);
  });

  it("gives a plain 10 from the sixth right answer on", () => {
    expect([5, 6, 50, 1000].map((before) => pointsForAnswer(true, before))).toEqual([10, 10, 10, 10]);
  });

  it("gives nothing for a wrong answer, however early", () => {
    expect([0, 1, 4, 5, 20].map((before) => pointsForAnswer(false, before))).toEqual([0, 0, 0, 0, 0]);
  });

  it("adds up over a quiz answered by seven people, two of them wrong", () => {
    const answers = [true, false, true, true, false, true, true];
    let correctBefore = 0;
    let total = 0;
    for (const correct of answers) {
      total += pointsForAnswer(correct, correctBefore);
      if (correct) correctBefore++;
    }
    expect(total).toBe(15 + 14 + 13 + 12 + 11);
  });

  it("refuses a count that cannot be one", () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => pointsForAnswer(true, bad)).toThrow(RangeError);
    }
  });
});

describe("accuracy", () => {
  it("is the share of right answers", () => {
    expect(accuracy(5, 6)).toBeCloseTo(0.8333, 4);
    expect(accuracy(0, 3)).toBe(0);
    expect(accuracy(4, 4)).toBe(1);
  });

  it("is undefined when nothing was answered", () => {
    expect(accuracy(0, 0)).toBeUndefined();
  });
});

describe("formatAccuracy", () => {
  it("shows whole percents", () => {
    expect(formatAccuracy(5 / 6)).toBe("83%");
    expect(formatAccuracy(0.5)).toBe("50%");
    expect(formatAccuracy(2 / 3)).toBe("67%");
    expect(formatAccuracy(0.125)).toBe("13%");
  });

  it("shows 100% and 0% only for perfect and empty records", () => {
    expect(formatAccuracy(1)).toBe("100%");
    expect(formatAccuracy(0)).toBe("0%");
    expect(formatAccuracy(199 / 200)).toBe("99%");
    expect(formatAccuracy(1 / 300)).toBe("1%");
  });

  it("shows a dash when there is no accuracy", () => {
    expect(formatAccuracy(undefined)).toBe("—");
    expect(formatAccuracy(accuracy(0, 0))).toBe("—");
    expect(formatAccuracy(Number.NaN)).toBe("—");
  });
});
