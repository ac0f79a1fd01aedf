import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { serverChoices } from "../../src/platforms/discord/commands.js";
import { openDatabase } from "../../src/store/database.js";
import { Store } from "../../src/store/index.js";
import { useTempDir } from "../kit/tempDir.js";

describe("the places a person studies in", () => {
  const tempDir = useTempDir();

  it("are their communities of that platform, where they last reviewed first, then the others", () => {
    const db = openDatabase(join(tempDir(), "studybot.db"));
    const store = new Store(db);
    const review = db.prepare(
      `INSERT INTO review_log (user_id, deck_id, card_id, source, rating, state_before, due_before, stability_before,
         difficulty_before, elapsed_days, last_elapsed_days, scheduled_days, learning_steps, reviewed_at, due_after)
       VALUES (?, 'd', 'c', 'drill', 3, 'new', 0, 0, 0, 0, 0, 0, 0, ?, 0)`,
    );
    const memberOf = (platform: string, id: string, name: string) => {
      const community = store.communities.ensure(platform, id, name, "UTC", new Date(0));
      return store.users.ensure(community.id, "u1", "Ada").id;
    };
    const physics = memberOf("discord", "g1", "Physics");
    memberOf("discord", "g2", "Never studied");
    const chemistry = memberOf("discord", "g3", "Chemistry");
    memberOf("slack", "T1", "Other platform");
    review.run(physics, 1_000);
    review.run(chemistry, 5_000);
    review.run(physics, 3_000);

    const places = store.users.placesOf("discord", "u1");
    expect(places.map((place) => [place.communityName, place.lastStudiedAt?.getTime()])).toEqual([
      ["Chemistry", 5_000],
      ["Physics", 3_000],
      ["Never studied", undefined],
    ]);
    expect(store.users.placesOf("discord", "someone-else")).toEqual([]);
    expect(serverChoices(places, "chem")).toEqual([{ name: "Chemistry", value: "g3" }]);
    db.close();
  });
});
