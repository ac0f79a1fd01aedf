import { Events, type Interaction, MessageFlags } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { noticeView } from "../../src/core/views.js";
import { createDiscordClient } from "../../src/platforms/discord/client.js";
import { registerCommands } from "../../src/platforms/discord/register.js";
import { DISCORD_UPLOAD_MAX_BYTES, renderReply } from "../../src/platforms/discord/replyFiles.js";
import type { ReplyFile } from "../../src/services/ports.js";
import { eventually } from "../kit/eventually.js";
import { BOT_TOKEN, FakeDiscord, GUILD_ID } from "./fakeDiscord.js";

const CHANNEL = "1300000000000000001";
const ANA = { id: "1400000000000000011", username: "ana" };

const csv: ReplyFile = {
  name: "report-members.csv",
  contentType: "text/csv; charset=utf-8",
  bytes: new TextEncoder().encode('\uFEFFname,answers\r\n"Zoë, ""Z""",3\r\n'),
};
const png: ReplyFile = { name: "stats.png", contentType: "image/png", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) };

/** A real discord.js client on the fake that answers every command with `reply`, at once or after deferring. */
async function clientAnswering(fake: FakeDiscord, files: ReplyFile[], deferFirst: boolean) {
  const connection = { token: BOT_TOKEN, apiBase: fake.apiBase, rest: { retries: 0, timeout: 2000 } };
  await registerCommands(connection, GUILD_ID);
  const client = createDiscordClient(connection);
  const reply = renderReply({ view: noticeView("Your export", "Two files."), files });
  client.on(Events.InteractionCreate, async (interaction: Interaction) => {
    if (!interaction.isChatInputCommand()) return;
    if (!deferFirst) {
      await interaction.reply({ ...reply, flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply(reply);
  });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(BOT_TOKEN);
  await ready;
  return client;
}

describe("files in Discord replies", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function fakeWithClient(files: ReplyFile[], deferFirst: boolean) {
    const fake = await FakeDiscord.start({ channels: [{ id: CHANNEL, name: "class" }] });
    fake.addMember(ANA);
    const client = await clientAnswering(fake, files, deferFirst);
    close = async () => {
      await client.destroy();
      await fake.close();
    };
    return fake;
  }

  for (const deferFirst of [false, true]) {
    it(`are attached byte for byte to a private reply${deferFirst ? " written after deferring" : ""}`, async () => {
      const fake = await fakeWithClient([csv, png], deferFirst);
      const record = fake.sendCommand(ANA.id, CHANNEL, "help");
      const message = await eventually(() => {
        const original = fake.original(record);
        return original && !original.loading ? original : undefined;
      }, "the reply");
      expect(message.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
      expect(message.embeds[0]?.title).toBe("Your export");
      expect(message.attachments.map((file) => [file.filename, Buffer.from(file.bytes)])).toEqual([
        [csv.name, Buffer.from(csv.bytes)],
        [png.name, Buffer.from(png.bytes)],
      ]);
    });
  }

  it("leaves off a file over the upload limit and says so, sending the rest", async () => {
    const huge: ReplyFile = {
      name: "all.csv",
      contentType: "text/csv",
      bytes: new Uint8Array(DISCORD_UPLOAD_MAX_BYTES),
    };
    const fake = await fakeWithClient([csv, huge], false);
    const record = fake.sendCommand(ANA.id, CHANNEL, "help");
    const message = await eventually(() => fake.original(record), "the reply");
    expect(message.attachments.map((file) => file.filename)).toEqual([csv.name]);
    expect(message.embeds[0]?.description).toMatch(
      /Not attached, over Discord's 10\.0 MB upload limit: all\.csv \(10\.0 MB\)/,
    );
  });
});
