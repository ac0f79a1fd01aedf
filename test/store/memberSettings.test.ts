import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.js";
import { Store } from "../../src/store/index.js";
import { useTempDir } from "../kit/tempDir.js";

describe("member settings", () => {
  const tempDir = useTempDir();

  function storeWithMember() {
    const db = openDatabase(join(tempDir(), "studybot.db"));
    const store = new Store(db);
    const community = store.communities.ensure("test", "c1", "Class", "UTC", new Date(0));
    const member = store.users.ensure(community.id, "u1", "Ada");
    return { db, store, communityId: community.id, userId: member.id };
  }

  it("are the community's defaults until changed, and keep what a change leaves out", () => {
    const { db, store, communityId, userId } = storeWithMember();
    expect(store.memberSettings.get(userId)).toEqual({
      timeZoneFromProfile: false,
      remindStreak: false,
      remindersOffTold: false,
      hidden: false,
    });
    store.memberSettings.update(userId, communityId, { timeZone: "Europe/Berlin", newPerDay: 5 }, new Date(1));
    store.memberSettings.update(userId, communityId, { remindAt: "07:30", newPerDay: null }, new Date(2));
    expect(store.memberSettings.get(userId)).toEqual({
      timeZone: "Europe/Berlin",
      timeZoneFromProfile: false,
      remindAt: "07:30",
      remindStreak: false,
      remindersOffTold: false,
      hidden: false,
    });
    db.close();
  });

  it("refuses a reminder time that is not HH:MM and a limit past 500", () => {
    const { db, store, communityId, userId } = storeWithMember();
    expect(() => store.memberSettings.update(userId, communityId, { remindAt: "7pm" }, new Date(1))).toThrow(/CHECK/);
    expect(() => store.memberSettings.update(userId, communityId, { reviewsPerDay: 501 }, new Date(1))).toThrow(
      /CHECK/,
    );
    db.close();
  });

  it("ends a running pause yesterday and drops the ones not yet begun", () => {
    const { db, store, userId } = storeWithMember();
    store.memberSettings.addPause(userId, { firstDay: "2026-11-01", lastDay: "2026-11-20" });
    store.memberSettings.addPause(userId, { firstDay: "2026-12-24", lastDay: "2026-12-31" });
    store.memberSettings.addPause(userId, { firstDay: "2026-11-10", lastDay: "2026-11-12" });
    store.memberSettings.endPauses(userId, "2026-11-10", "2026-11-09");
    expect(store.memberSettings.pauses(userId)).toEqual([{ firstDay: "2026-11-01", lastDay: "2026-11-09" }]);
    db.close();
  });

  it("go with the member", () => {
    const { db, store, communityId, userId } = storeWithMember();
    store.memberSettings.update(userId, communityId, { hidden: true }, new Date(1));
    store.memberSettings.addPause(userId, { firstDay: "2026-11-01", lastDay: "2026-11-02" });
    db.prepare("DELETE FROM users WHERE id = ?").run(userId);
    expect(store.memberSettings.get(userId).hidden).toBe(false);
    expect(store.memberSettings.pauses(userId)).toEqual([]);
    db.close();
  });
});
