import { describe, expect, it } from "vitest";
import { byBenchmarkId, selects } from "../../bench/lib/selection.js";

describe("choosing benchmarks on the command line", () => {
  it("runs a benchmark by its id or its lettered parts, not the numbers that start the same", () => {
    expect(selects("1", "1")).toBe(true);
    expect(selects("1", "10")).toBe(false);
    expect(selects("1", "11")).toBe(false);
    expect(selects("3", "3a")).toBe(true);
    expect(selects("3", "3b")).toBe(true);
    expect(selects("3a", "3b")).toBe(false);
    expect(selects("11", "1")).toBe(false);
  });

  it("orders the table by benchmark number", () => {
    expect(["11", "3b", "2", "10", "3a", "1"].sort(byBenchmarkId)).toEqual(["1", "2", "3a", "3b", "10", "11"]);
  });
});
