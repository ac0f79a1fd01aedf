import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvDocument } from "../../src/core/csv.js";
import type { ClassReport, MemberResult } from "../../src/core/report.js";
import { reportCsvFiles } from "../../src/core/reportCsv.js";

/** An RFC 4180 reader, written apart from the writer: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let at = 1;
  while (at < text.length) {
    expect(text[at]).toBe('"');
    let value = "";
    at += 1;
    for (;;) {
      const quote = text.indexOf('"', at);
      value += text.slice(at, quote);
      at = quote + 1;
      if (text[at] !== '"') break;
      value += '"';
      at += 1;
    }
    row.push(value);
    if (text.startsWith("\r\n", at)) {
      rows.push(row);
      row = [];
      at += 2;
    } else {
      expect(text[at]).toBe(",");
      at += 1;
    }
  }
  return rows;
}

const member = (name: string, answered: number, correct: number, hidden = false): MemberResult => ({
  userId: answered,
  externalId: `u${answered}`,
  points: answered * 10,
  name,
  hidden,
  answered,
  correct,
  streak: 3,
  learned: 7,
  mastered: 2,
});

function reportOf(members: MemberResult[]): ClassReport {
  return {
    period: "week",
    firstDay: "2026-11-02",
    timeZone: "UTC",
    totals: { members: members.length, answered: 0, correct: 0 },
    cards: [
      {
        deckId: "sandboxes",
        cardId: "gvisor",
        name: 'gVisor, "the" sandbox',
        answered: 9,
        correct: 3,
        mostPickedWrong: { text: "Kata\nContainers", picked: 4, missed: 6 },
      },
    ],
    members,
  };
}

describe("report export CSV", () => {
  it("parses back to the same names and numbers, with commas, quotes, newlines and non-Latin names", () => {
    const names = ['Ana "Nana" Lima, PhD', "Zoë\nsecond line", "山田 太郎", "Ωμέγα", "=HYPERLINK(1)"];
    const [members, cards] = reportCsvFiles(reportOf(names.map((name, index) => member(name, index + 3, index))));
    expect(members?.name).toBe("report-week-2026-11-02-members.csv");
    const rows = parseCsv(members?.text ?? "");
    expect(rows[0]).toEqual([
      "member",
      "points",
      "answers",
      "correct",
      "accuracy_percent",
      "streak_days",
      "cards_learned",
      "cards_mastered",
    ]);
    expect(rows.slice(1).map((row) => row[0])).toEqual([...names.slice(0, 4), "'=HYPERLINK(1)"]);
    expect(rows.slice(1).map((row) => row.slice(1).map(Number))).toEqual([
      [30, 3, 0, 0, 3, 7, 2],
      [40, 4, 1, 25, 3, 7, 2],
      [50, 5, 2, 40, 3, 7, 2],
      [60, 6, 3, 50, 3, 7, 2],
      [70, 7, 4, 57.1, 3, 7, 2],
    ]);
    expect(parseCsv(cards?.text ?? "")[1]).toEqual([
      "sandboxes",
      "gvisor",
      'gVisor, "the" sandbox',
      "9",
      "3",
      "33.3",
      "Kata\nContainers",
      "4",
      "6",
    ]);
  });

  it("never names a hidden member", () => {
    const [members] = reportCsvFiles(reportOf([member("Shy", 2, 1, true)]));
    expect(members?.text).not.toContain("Shy");
    expect(parseCsv(members?.text ?? "")[1]?.[0]).toBe("A hidden member");
  });

  it("reads back any text and number", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(fc.string({ unit: "grapheme" }), fc.nat()), { minLength: 1, maxLength: 5 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (rows) => {
          const guarded = (value: string | number) =>
            typeof value === "number" ? String(value) : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
          expect(parseCsv(csvDocument(rows))).toEqual(rows.map((row) => row.map(guarded)));
        },
      ),
    );
  });
});
