import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";

describe("configuration", () => {
  it("keeps QUIZ_WINDOW_MINUTES within the grammar's longest window, 7 days", () => {
    expect(loadConfig({ QUIZ_WINDOW_MINUTES: "10080" }).quizWindowMinutes).toBe(10_080);
    for (const tooLong of ["10081", "999999999", "1e300"]) {
      expect(() => loadConfig({ QUIZ_WINDOW_MINUTES: tooLong })).toThrow(
        "QUIZ_WINDOW_MINUTES: must be at most 10080 (7 days, the longest a quiz stays open), such as 60",
      );
    }
  });

  it("shards Discord as it recommends in one process by default; DISCORD_SHARDS and DISCORD_PROCESSES are checked", () => {
    const token = { DISCORD_TOKEN: "token" };
    expect(loadConfig(token).discord).toMatchObject({ shards: "auto", processes: 1 });
    expect(loadConfig({ ...token, DISCORD_SHARDS: "8", DISCORD_PROCESSES: "4" }).discord).toMatchObject({
      shards: 8,
      processes: 4,
    });
    expect(loadConfig({ ...token, DISCORD_SHARDS: "", DISCORD_PROCESSES: "" }).discord).toMatchObject({
      shards: "auto",
      processes: 1,
    });
    expect(() => loadConfig({ ...token, DISCORD_SHARDS: "many" })).toThrow(
      "DISCORD_SHARDS: must be auto (as many shards as Discord recommends) or a whole number such as 4",
    );
    expect(() => loadConfig({ ...token, DISCORD_PROCESSES: "0" })).toThrow(
      "DISCORD_PROCESSES: must be positive, such as 4",
    );
    expect(() => loadConfig({ ...token, DISCORD_SHARDS: "2", DISCORD_PROCESSES: "3" })).toThrow(
      "DISCORD_PROCESSES (3) is more than DISCORD_SHARDS (2): a process runs at least one shard.",
    );
  });
});
