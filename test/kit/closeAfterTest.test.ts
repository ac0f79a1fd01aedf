import { describe, expect, it } from "vitest";
import { closeAfterTest } from "./closeAfterTest.js";

describe("closeAfterTest", () => {
  const resource = { closed: 0, close: () => (resource.closed += 1) };

  it("leaves the resource open while the test runs", () => {
    expect(closeAfterTest(resource)).toBe(resource);
    expect(resource.closed).toBe(0);
  });

  it("closed it once when the test that opened it finished", () => {
    expect(resource.closed).toBe(1);
  });
});
