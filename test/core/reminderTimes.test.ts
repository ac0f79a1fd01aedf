import { describe, expect, it } from "vitest";
import { reminderInstant, reminderTimesIn } from "../../src/core/reminderTimes.js";

const at = (iso: string) => new Date(iso);

describe("reminder times", () => {
  it("are due at the local time, whatever the zone's offset", () => {
    expect(reminderInstant("2026-11-02", "08:00", "Europe/Berlin").toISOString()).toBe("2026-11-02T07:00:00.000Z");
    expect(reminderInstant("2026-11-02", "09:15", "Asia/Kolkata").toISOString()).toBe("2026-11-02T03:45:00.000Z");
    // Chatham is 13:45 ahead in its summer: the local day starts the UTC day before.
    expect(reminderInstant("2026-11-02", "07:00", "Pacific/Chatham").toISOString()).toBe("2026-11-01T17:15:00.000Z");
  });

  it("fire at the first minute after a skipped time, and at the first of a repeated one", () => {
    // Berlin skips 02:00-02:59 on 29 March 2026 and repeats 02:00-02:59 on 25 October.
    expect(reminderInstant("2026-03-29", "02:30", "Europe/Berlin").toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(reminderInstant("2026-10-25", "02:30", "Europe/Berlin").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    // Lord Howe Island moves by half an hour: 02:15 does not exist on 4 October 2026 there.
    expect(reminderInstant("2026-10-04", "02:15", "Australia/Lord_Howe").toISOString()).toBe(
      "2026-10-03T15:30:00.000Z",
    );
  });

  it("give the local times a window may reach, per local day, wider only around a DST change", () => {
    expect(reminderTimesIn("UTC", at("2026-11-02T07:59:00Z"), at("2026-11-02T08:00:00Z"))).toEqual([
      { day: "2026-11-02", after: "07:59", upTo: "08:00" },
    ]);
    expect(reminderTimesIn("Europe/Berlin", at("2026-03-29T00:59:00Z"), at("2026-03-29T01:00:00Z"))).toEqual([
      { day: "2026-03-29", after: "01:59", upTo: "03:00" },
    ]);
    expect(reminderTimesIn("UTC", at("2026-11-01T23:30:00Z"), at("2026-11-02T00:30:00Z"))).toEqual([
      { day: "2026-11-01", after: "23:30", upTo: "24:00" },
      { day: "2026-11-02", after: "", upTo: "00:30" },
    ]);
    expect(reminderTimesIn("UTC", at("2026-11-02T08:00:00Z"), at("2026-11-02T08:00:00Z"))).toEqual([]);
    expect(() => reminderTimesIn("UTC", at("2026-11-01T00:00:00Z"), at("2026-11-04T00:00:00Z"))).toThrow(RangeError);
  });
});
