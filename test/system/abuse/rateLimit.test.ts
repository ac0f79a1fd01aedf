import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { handleCommand } from "../../../src/services/commandRouter.js";
import { actor, makeServices, type TestBot } from "../../kit/fakes.js";
import { useTempDir } from "../../kit/tempDir.js";

describe("command rate limit, in the command router", () => {
  const tempDir = useTempDir();
  let bot: TestBot | undefined;
  afterEach(() => bot?.close());

  it("refuses one person's commands past the burst politely, changing nothing, and lets them in again after a pause", async () => {
    bot = makeServices(join(tempDir(), "db.sqlite"), { commandRateLimit: { burst: 3, refillMs: 2_000 } });
    const admin = actor("ana", { isAdmin: true });
    const titles: string[] = [];
    for (let i = 0; i < 5; i++) titles.push((await handleCommand(bot.services, admin, "quiz now")).view.title);
    expect(titles.slice(3)).toEqual(["One moment, please", "One moment, please"]);
    expect(bot.messenger.posts).toHaveLength(3);
    const refused = await handleCommand(bot.services, admin, "leaderboard");
    expect(refused.visibility).toBe("private");
    expect(JSON.stringify(refused.view)).toContain("Try again in 2 seconds.");

    // Someone else, or the same person elsewhere, has a bucket of their own.
    expect((await handleCommand(bot.services, actor("bo"), "leaderboard")).view.title).toContain("Leaderboard");
    expect((await handleCommand(bot.services, actor("ana", { communityId: "guild-2" }), "help")).view.title).not.toBe(
      "One moment, please",
    );

    bot.clock.advance(2_000);
    expect((await handleCommand(bot.services, admin, "leaderboard")).view.title).toContain("Leaderboard");
    expect((await handleCommand(bot.services, admin, "leaderboard")).view.title).toBe("One moment, please");
  });

  it("counts garbage lines too: every line costs a reply", async () => {
    bot = makeServices(join(tempDir(), "db.sqlite"), { commandRateLimit: { burst: 2, refillMs: 60_000 } });
    const member = actor("bo");
    const replies = [];
    for (const line of ["hello", "@everyone", "stats"])
      replies.push((await handleCommand(bot.services, member, line)).view.title);
    expect(replies).toEqual(["That did not work", "That did not work", "One moment, please"]);
  });
});
