import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDoctor } from "../../src/services/doctor.js";
import { openDatabase } from "../../src/store/database.js";
import { remainingMemberRows } from "../kit/memberRows.js";
import { runTerminal } from "../kit/studybotProcess.js";
import { useTempDir } from "../kit/tempDir.js";

describe("me in the terminal", () => {
  const tempDir = useTempDir();

  it("sets and shows settings, saves the export, and forgets after the typed confirmation code", () => {
    const db = join(tempDir(), "studybot.db");
    const input =
      "drill lightweight-sandboxes 2 flip\nshow\ngood\nshow\nagain\nme timezone Asia/Tokyo\nme new 5\nme\nme export\nme forget\n";
    const first = runTerminal(input, { DATABASE_PATH: db });
    expect(first.code).toBe(0);
    expect(first.out).toContain("== Your settings ==");
    expect(first.out).toContain("Time zone: Asia/Tokyo · it is");
    expect(first.out).toContain("New cards per day: 5");
    const saved = /Saved: (\S+\.json)/.exec(first.out)?.[1] ?? "";
    const exported = JSON.parse(readFileSync(saved, "utf8"));
    expect(exported).toMatchObject({ member: { name: "tester" }, settings: { timeZone: "Asia/Tokyo", newPerDay: 5 } });
    expect(exported.reviews).toHaveLength(2);
    // No button to click: the terminal says which code to type, and lists no button.
    expect(first.out).toContain("== Delete your data here? ==");
    expect(first.out).not.toContain("[Delete my data]");
    const code = /Type me forget (\w+) to confirm\./.exec(first.out)?.[1];
    expect(code).toBeDefined();

    const opened = openDatabase(db);
    const tester = opened.prepare("SELECT id FROM users WHERE external_id = 'tester'").pluck().get() as number;
    opened.close();

    const second = runTerminal(`me forget ${code}\n`, { DATABASE_PATH: db });
    expect(second.out).toContain("== Your data is deleted ==");
    const after = openDatabase(db);
    expect(remainingMemberRows(after, tester)).toEqual({});
    expect(runDoctor(after, { fix: false })).toMatchObject({ integrity: [], foreignKeys: [], drift: [] });
    after.close();
  }, 120_000);
});
