import { Events, type Interaction, MessageFlags, type RepliableInteraction } from "discord.js";
import type { APIInteractionResponseChannelMessageWithSource } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import { text, view } from "../../src/core/views.js";
import { createDiscordClient } from "../../src/platforms/discord/client.js";
import { replyFirst } from "../../src/platforms/discord/firstReply.js";
import { PRIVATELY } from "../../src/platforms/discord/render.js";
import { registerCommands } from "../../src/platforms/discord/register.js";
import { type PrivateDiscordReplyMessage, renderReply } from "../../src/platforms/discord/replyFiles.js";
import { eventually } from "../kit/eventually.js";
import { BOT_TOKEN, FakeDiscord, GUILD_ID, type InteractionRecord } from "./fakeDiscord.js";

const CHANNEL = "1300000000000000001";
const ANA = { id: "1400000000000000011", username: "ana" };

/** An answer's acknowledgement as studybot renders it: an embed, a button, a mention allowed, private. */
const acknowledgement = () =>
  renderReply(
    {
      view: view(
        "Locked in: B",
        "success",
        [text({ strong: "Right!" }, " +10 points, ", { user: { externalId: ANA.id, name: ANA.username } }, ".")],
        {
          buttons: [[{ action: "sb1:r:q:1:abcdef", label: "Report card", style: "secondary" }]],
        },
      ),
    },
    PRIVATELY,
  );

type Answer = (interaction: RepliableInteraction) => Promise<unknown>;

describe("an interaction's first reply", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  /** A real discord.js client on the fake that answers every slash command with `answer`. */
  async function answeringWith(answer: Answer) {
    const fake = await FakeDiscord.start({ channels: [{ id: CHANNEL, name: "class" }] });
    fake.addMember(ANA);
    const connection = { token: BOT_TOKEN, apiBase: fake.apiBase, rest: { retries: 0, timeout: 2000 } };
    await registerCommands(connection, GUILD_ID);
    const client = createDiscordClient(connection);
    const failures: unknown[] = [];
    client.on(Events.InteractionCreate, (interaction: Interaction) => {
      if (interaction.isChatInputCommand()) answer(interaction).catch((error: unknown) => failures.push(error));
    });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(BOT_TOKEN);
    await ready;
    close = async () => {
      await client.destroy();
      await fake.close();
    };
    return { fake, failures };
  }

  async function callbackFor(answer: Answer) {
    const { fake, failures } = await answeringWith(answer);
    const record: InteractionRecord = fake.sendCommand(ANA.id, CHANNEL, "help");
    const [callback] = await eventually(() => (record.callbacks.length ? record.callbacks : undefined), "a callback");
    expect(failures).toEqual([]);
    return { fake, record, response: callback?.response as APIInteractionResponseChannelMessageWithSource };
  }

  it("posts the callback discord.js's reply would post, less its defaults", async () => {
    const { response: ours } = await callbackFor((interaction) => replyFirst(interaction, acknowledgement()));
    await close?.();
    const { response: theirs } = await callbackFor((interaction) => interaction.reply(acknowledgement()));
    // What discord.js adds of its own accord: no text-to-speech, no nonce, no attachments. Discord's defaults, all.
    expect(theirs?.data).toMatchObject({ tts: false, enforce_nonce: false, attachments: [] });
    const {
      tts: _tts,
      enforce_nonce: _nonce,
      attachments: _attachments,
      ...rest
    } = (theirs?.data ?? {}) as Record<string, unknown>;
    expect(ours).toEqual({ ...theirs, data: rest });
    expect(ours?.data).toMatchObject({
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [], users: [ANA.id] },
      components: [{ components: [{ custom_id: "sb1:r:q:1:abcdef" }] }],
    });
  });

  it("leaves the interaction replied to, so it can be followed up", async () => {
    const { fake, record } = await callbackFor(async (interaction) => {
      await replyFirst(interaction, acknowledgement());
      expect(interaction.replied).toBe(true);
      await interaction.followUp({ content: "And one more thing.", flags: MessageFlags.Ephemeral });
    });
    await eventually(
      () => fake.privateRepliesTo(ANA.id).find((message) => message.content === "And one more thing."),
      "the follow-up",
    );
    expect(record.callbacks).toHaveLength(1);
  });

  it("sends a reply with files through discord.js, attached", async () => {
    const withFile: PrivateDiscordReplyMessage = renderReply(
      {
        view: view("Your export", "info", [text("One file.")]),
        files: [{ name: "a.csv", contentType: "text/csv", bytes: new TextEncoder().encode("a,b\r\n") }],
      },
      PRIVATELY,
    );
    const { fake, record } = await callbackFor((interaction) => replyFirst(interaction, withFile));
    const message = await eventually(() => fake.original(record), "the reply");
    expect(message.attachments.map((file) => file.filename)).toEqual(["a.csv"]);
    expect(message.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });
});
