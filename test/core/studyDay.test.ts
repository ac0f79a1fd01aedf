import { describe, expect, it } from "vitest";
import {
  addDays,
  daysBetween,
  isoWeekKey,
  isValidTimeZone,
  localDay,
  localTime,
  monthKey,
  startOfLocalDay,
} from "../../src/core/studyDay.js";

const at = (iso: string) => new Date(iso);
const HOUR_MS = 3_600_000;

describe("time zones", () => {
  it("accepts IANA names and UTC", () => {
    for (const zone of ["Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo", "Asia/Kathmandu", "UTC"]) {
      expect(isValidTimeZone(zone), zone).toBe(true);
    }
  });

  it("rejects what is not a zone", () => {
    for (const zone of ["", " ", "Mars/Olympus", "Europe/Berlinn", "+02:00x", " Europe/Berlin"]) {
      expect(isValidTimeZone(zone), zone).toBe(false);
    }
  });

  it("makes localDay throw on an unknown zone", () => {
    expect(() => localDay(at("2026-01-01T00:00:00Z"), "Mars/Olympus")).toThrow(RangeError);
  });

  it("makes localDay throw on an invalid date", () => {
    expect(() => localDay(new Date(Number.NaN), "UTC")).toThrow(RangeError);
  });
});

describe("localDay and localTime", () => {
  it("give the calendar day and wall-clock time in the zone", () => {
    const instant = at("2026-11-20T07:30:00Z");
    expect([localDay(instant, "UTC"), localTime(instant, "UTC")]).toEqual(["2026-11-20", "07:30"]);
    expect([localDay(instant, "America/Los_Angeles"), localTime(instant, "America/Los_Angeles")]).toEqual([
      "2026-11-19",
      "23:30",
    ]);
    expect([localDay(instant, "Asia/Tokyo"), localTime(instant, "Asia/Tokyo")]).toEqual(["2026-11-20", "16:30"]);
    expect([localDay(instant, "Asia/Kathmandu"), localTime(instant, "Asia/Kathmandu")]).toEqual([
      "2026-11-20",
      "13:15",
    ]);
  });

  it("show midnight as 00:00, not 24:00", () => {
    expect(localTime(at("2026-11-20T00:00:00Z"), "UTC")).toBe("00:00");
    expect(localTime(at("2026-11-20T15:00:00Z"), "Asia/Tokyo")).toBe("00:00");
  });

  it("read every second of a minute alike, and an offset with seconds by the instant", () => {
    // One read per zone and minute serves the whole minute (a burst of clicks asks within one).
    expect(localTime(at("2026-11-20T07:30:59.999Z"), "Asia/Kathmandu")).toBe("13:15");
    expect(localTime(at("2026-11-20T07:30:00.000Z"), "Asia/Kathmandu")).toBe("13:15");
    // Monrovia kept -00:44:30 until 1972: 12:00:40 UTC is 11:16:10 there, though the minute began at 11:15:30.
    expect(localTime(at("1960-01-01T12:00:00Z"), "Africa/Monrovia")).toBe("11:15");
    expect(localTime(at("1960-01-01T12:00:40Z"), "Africa/Monrovia")).toBe("11:16");
    expect(localDay(at("1960-01-01T00:44:40Z"), "Africa/Monrovia")).toBe("1960-01-01");
    expect(localDay(at("1960-01-01T00:44:20Z"), "Africa/Monrovia")).toBe("1959-12-31");
  });

  it("pad early years to four digits", () => {
    expect(localDay(at("0099-06-15T12:00:00Z"), "UTC")).toBe("0099-06-15");
  });
});

describe("day arithmetic", () => {
  it("adds days across months, years and leap days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-11-20", 0)).toBe("2026-11-20");
    expect(addDays("2000-02-29", 365)).toBe("2001-02-28");
    expect(addDays("1900-02-28", 1)).toBe("1900-03-01");
  });

  it("agrees with the UTC calendar over decades", () => {
    const start = Date.UTC(1999, 0, 1);
    for (let offset = 0; offset < 20_000; offset += 37) {
      const expected = new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
      expect(addDays("1999-01-01", offset)).toBe(expected);
      expect(daysBetween("1999-01-01", expected)).toBe(offset);
    }
  });

  it("counts days between, negative backwards, unaffected by DST", () => {
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-10-26", "2026-10-24")).toBe(-2);
    expect(daysBetween("2026-11-20", "2026-11-20")).toBe(0);
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
  });

  it("refuses what is not a calendar day", () => {
    for (const bad of ["2026-02-30", "2026-13-01", "2026-00-10", "2026-2-3", "20261120", "hello", "2026-11-20T00:00"]) {
      expect(() => addDays(bad, 1), bad).toThrow(RangeError);
      expect(() => isoWeekKey(bad), bad).toThrow(RangeError);
      expect(() => monthKey(bad), bad).toThrow(RangeError);
    }
    expect(() => addDays("2026-11-20", 0.5)).toThrow(RangeError);
  });
});

describe("isoWeekKey and monthKey", () => {
  it("name the ISO week of a day", () => {
    expect(isoWeekKey("2026-11-26")).toBe("2026-W48");
    expect(isoWeekKey("2026-11-23")).toBe("2026-W48"); // Monday
    expect(isoWeekKey("2026-11-29")).toBe("2026-W48"); // Sunday
    expect(isoWeekKey("2026-11-30")).toBe("2026-W49");
  });

  it("give the last days of a year to the week that holds that week's Thursday", () => {
    expect(isoWeekKey("2026-12-31")).toBe("2026-W53");
    expect(isoWeekKey("2027-01-01")).toBe("2026-W53");
    expect(isoWeekKey("2027-01-03")).toBe("2026-W53");
    expect(isoWeekKey("2027-01-04")).toBe("2027-W01");
    expect(isoWeekKey("2020-12-31")).toBe("2020-W53");
    expect(isoWeekKey("2021-01-03")).toBe("2020-W53");
    expect(isoWeekKey("2019-12-30")).toBe("2020-W01");
    expect(isoWeekKey("2024-12-30")).toBe("2025-W01");
    expect(isoWeekKey("2025-12-29")).toBe("2026-W01");
    expect(isoWeekKey("2026-01-01")).toBe("2026-W01");
  });

  it("agrees with the textbook ISO week algorithm for every day of 2015–2035", () => {
    for (let time = Date.UTC(2015, 0, 1); time < Date.UTC(2036, 0, 1); time += 86_400_000) {
      const date = new Date(time);
      const weekday = (date.getUTCDay() + 6) % 7;
      const thursday = new Date(time + (3 - weekday) * 86_400_000);
      const year = thursday.getUTCFullYear();
      const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
      const day = date.toISOString().slice(0, 10);
      expect(isoWeekKey(day), day).toBe(`${year}-W${String(week).padStart(2, "0")}`);
    }
  });

  it("name the month of a day", () => {
    expect(monthKey("2026-11-20")).toBe("2026-11");
    expect(monthKey("2027-01-01")).toBe("2027-01");
  });
});

describe("startOfLocalDay", () => {
  it("is local midnight on an ordinary day", () => {
    expect(startOfLocalDay("2026-11-20", "UTC").toISOString()).toBe("2026-11-20T00:00:00.000Z");
    expect(startOfLocalDay("2026-11-20", "Asia/Tokyo").toISOString()).toBe("2026-11-19T15:00:00.000Z");
    expect(startOfLocalDay("2026-11-20", "America/Los_Angeles").toISOString()).toBe("2026-11-20T08:00:00.000Z");
    expect(startOfLocalDay("2026-11-20", "Asia/Kathmandu").toISOString()).toBe("2026-11-19T18:15:00.000Z");
  });

  it("gives Berlin's spring-forward day 23 hours and its fall-back day 25", () => {
    const spring = startOfLocalDay("2026-03-29", "Europe/Berlin");
    const afterSpring = startOfLocalDay("2026-03-30", "Europe/Berlin");
    expect(spring.toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(afterSpring.toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(afterSpring.getTime() - spring.getTime()).toBe(23 * HOUR_MS);

    const autumn = startOfLocalDay("2026-10-25", "Europe/Berlin");
    const afterAutumn = startOfLocalDay("2026-10-26", "Europe/Berlin");
    expect(autumn.toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(afterAutumn.toISOString()).toBe("2026-10-25T23:00:00.000Z");
    expect(afterAutumn.getTime() - autumn.getTime()).toBe(25 * HOUR_MS);
  });

  it("follows New York's DST changes", () => {
    expect(startOfLocalDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfLocalDay("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(startOfLocalDay("2026-11-01", "America/New_York").toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(startOfLocalDay("2026-11-02", "America/New_York").toISOString()).toBe("2026-11-02T05:00:00.000Z");
  });

  it("is 01:00 where the clock skips midnight", () => {
    const start = startOfLocalDay("2026-09-06", "America/Santiago");
    expect(start.toISOString()).toBe("2026-09-06T04:00:00.000Z");
    expect(localTime(start, "America/Santiago")).toBe("01:00");
    expect(localDay(new Date(start.getTime() - 1), "America/Santiago")).toBe("2026-09-05");
  });

  it("is the first instant whose local day is the day, the one before being the day before", () => {
    for (const zone of ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "Pacific/Chatham", "Australia/Lord_Howe"]) {
      for (let day = "2026-01-01"; day < "2027-01-01"; day = addDays(day, 13)) {
        const start = startOfLocalDay(day, zone);
        expect(localDay(start, zone), `${zone} ${day}`).toBe(day);
        expect(localDay(new Date(start.getTime() - 1), zone), `${zone} ${day}`).toBe(addDays(day, -1));
      }
    }
  });
});
