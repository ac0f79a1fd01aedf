import { Routes } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { API_CONNECTIONS, createDiscordClient } from "../../src/platforms/discord/client.js";
import { BOT_TOKEN, FakeDiscord } from "./fakeDiscord.js";

describe("connections to Discord's API", () => {
  let fake: FakeDiscord | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it("carries a burst of acknowledgements over a bounded set of kept-open connections", async () => {
    fake = await FakeDiscord.start();
    const client = createDiscordClient({ apiBase: fake.apiBase, rest: { retries: 0, timeout: 2000 } });
    client.rest.setToken(BOT_TOKEN);
    // As after a group commit: hundreds of interaction callbacks at once, each on a route of its own.
    const burst = 3 * API_CONNECTIONS;
    const answered = await Promise.allSettled(
      Array.from({ length: burst }, (_, index) =>
        client.rest.post(Routes.interactionCallback(String(1_600_000_000_000_000_000n + BigInt(index)), "token"), {
          body: { type: 4, data: { content: "Locked in", flags: 64 } },
          auth: false,
        }),
      ),
    );
    // The fake knows none of these interactions: each is refused, every one of them after a full round trip.
    expect(answered.filter((outcome) => outcome.status === "rejected")).toHaveLength(burst);
    expect(fake.connectionsOpened).toBeGreaterThan(1);
    expect(fake.connectionsOpened).toBeLessThanOrEqual(API_CONNECTIONS);
    await client.destroy();
  });
});
