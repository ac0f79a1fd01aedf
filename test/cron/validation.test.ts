import { describe, expect, it } from "vitest";
import { scheduleProblem } from "../../src/cron/validation.js";

const NOW = new Date("2026-11-02T08:00:00Z");

describe("scheduleProblem", () => {
  it("accepts a weekday morning cron in a known zone", () => {
    expect(scheduleProblem("0 9 * * 1-5", "Europe/Berlin", NOW)).toBeUndefined();
    expect(scheduleProblem("0 0 0 29 2 *", "UTC", NOW)).toBeUndefined();
  });

  it("names the field node-cron refuses and shows a good cron as the example", () => {
    expect(scheduleProblem("0 25 * * *", "UTC", NOW)).toEqual({
      message: '"0 25 * * *" is not a valid cron expression: the hour field "25" is not valid.',
      hint: expect.stringContaining("Example: 0 9 * * 1-5 posts at 09:00 Monday to Friday."),
    });
    expect(scheduleProblem("0 9 31 2 *", "UTC", NOW)?.message).toContain('day "31" never occurs in the months given');
  });

  it("refuses more than one post a minute, and an unknown zone", () => {
    expect(scheduleProblem("* 0 9 * * *", "UTC", NOW)?.message).toContain("would post more than once a minute");
    expect(scheduleProblem("0 9 * * *", "Mars/Base", NOW)).toEqual({
      message: 'Unknown time zone "Mars/Base".',
      hint: "Use an IANA name such as Europe/Berlin or America/New_York.",
    });
  });
});
