import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";

describe("configuration", () => {
  it("keeps QUIZ_WINDOW_MINUTES within the grammar's longest window, 7 days", () => {
    expect(loadConfig({ QUIZ_WINDOW_MINUTES: "10080" }).quizWindowMinutes).toBe(10_080);
    for (const tooLong of ["10081", "999999999", "1e300"]) {
      expect(() => loadConfig({ QUIZ_WINDOW_MINUTES: tooLong })).toThrow(
        "QUIZ_WINDOW_MINUTES: must be at most 10080 (7 days, the longest a quiz stays open), such as 60",
      );
    }
  });
});
