import { MessagePayload } from "discord.js";
import { describe, expect, it } from "vitest";
import { text, view } from "../../src/core/views.js";
import { createDiscordClient } from "../../src/platforms/discord/client.js";
import { renderView } from "../../src/platforms/discord/render.js";

describe("what studybot's client sends", () => {
  it("sends rendered embeds and buttons as the API data they are, not a re-cased copy", async () => {
    const client = createDiscordClient({ apiBase: "http://127.0.0.1:9" });
    const message = renderView(
      view("Locked in: B", "success", [text({ strong: "Right!" }, " +10 points.")], {
        buttons: [[{ action: "sb1:r:q:1:abcdef", label: "Report card", style: "secondary" }]],
      }),
    );
    const { body } = new MessagePayload({ client } as never, message).resolveBody();
    // The very objects render.ts wrote: discord.js's default would copy each, key by key, on every send.
    expect(body).toMatchObject({ embeds: [message.embeds[0]], components: [message.components[0]] });
    expect((body as { embeds: unknown[] }).embeds[0]).toBe(message.embeds[0]);
    expect((body as { components: unknown[] }).components[0]).toBe(message.components[0]);
    await client.destroy();
  });
});
