import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  InteractionResponseType,
} from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import { useTempDir } from "../kit/tempDir.js";
import { GUILD_ID, type StoredMessage } from "./fakeDiscord.js";
import {
  BO,
  buttonsOf,
  CY,
  type DiscordScenario,
  discordScenario,
  embedOf,
  embedText,
  isEphemeral,
  QUIZ_CHANNEL,
} from "./harness.js";

const EVERYWHERE = [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel];

describe("Discord: personal commands in DMs and user installs", () => {
  const tempDir = useTempDir("studybot-discord-dm-");
  let scenario: DiscordScenario | undefined;
  afterEach(async () => {
    await scenario?.shutdown();
    scenario = undefined;
  });

  const buttonId = (message: StoredMessage, label: string) => {
    const found = buttonsOf(message).find((each) => each.label.startsWith(label));
    if (!found) throw new Error(`no ${label} button`);
    return found.customId;
  };

  it("registers drill, stats and help for user installs and DMs with a server option; the rest stays in servers", async () => {
    scenario = await discordScenario(tempDir());
    const commands = new Map(scenario.fake.guildCommands.map((command) => [command.name, command]));
    for (const name of ["drill", "stats", "help"]) {
      const command = commands.get(name);
      expect(command?.contexts, name).toEqual(EVERYWHERE);
      expect(command?.integration_types, name).toEqual([
        ApplicationIntegrationType.GuildInstall,
        ApplicationIntegrationType.UserInstall,
      ]);
      expect(command?.options?.at(-1), name).toMatchObject({
        name: "server",
        type: ApplicationCommandOptionType.String,
        autocomplete: true,
      });
    }
    for (const name of ["quiz", "schedule", "leaderboard", "deck", "settings"]) {
      expect(commands.get(name)?.contexts, name).toEqual([InteractionContextType.Guild]);
      expect(commands.get(name)?.integration_types, name).toEqual([ApplicationIntegrationType.GuildInstall]);
    }
  });

  it("runs /drill in a DM for the server the person studies in, and its buttons keep working there", async () => {
    scenario = await discordScenario(tempDir());
    const { fake } = scenario;
    await scenario.replyOf(fake.sendCommand(BO.id, QUIZ_CHANNEL, "help"));

    const drill = await scenario.replyOf(fake.sendDirectCommand(BO.id, "drill", { count: 2 }));
    expect(isEphemeral(drill)).toBe(true);
    expect(embedOf(drill).title).toBe("Drill · Capitals (capitals) · card 1 of 2");
    const shown = fake.clickInDirectMessage(BO.id, drill.id, buttonId(drill, "Show answer"));
    expect((await scenario.response(shown)).type).toBe(InteractionResponseType.UpdateMessage);
    const rated = fake.clickInDirectMessage(BO.id, drill.id, buttonId(drill, "Good"));
    expect((await scenario.response(rated)).type).toBe(InteractionResponseType.UpdateMessage);
    expect(embedOf(drill).title).toBe("Drill · Capitals (capitals) · card 2 of 2");
    // The answer's Report card opens its form in the DM too, for the drill's own server.
    const report = await scenario.response(fake.clickInDirectMessage(BO.id, drill.id, buttonId(drill, "Report card")));
    expect(report.type).toBe(InteractionResponseType.Modal);

    // The rating is the server member's: the same progress as in the server's channels.
    const member = scenario.member(BO.id);
    const logged = scenario.store.db
      .prepare("SELECT count(*) AS n FROM review_log WHERE user_id = ?")
      .get(member?.id ?? 0) as { n: number };
    expect(logged.n).toBe(1);
    expect(fake.messagesIn(QUIZ_CHANNEL)).toEqual([]);
  });

  it("runs for the server named in the server option, and refuses one that is not theirs", async () => {
    scenario = await discordScenario(tempDir());
    const { fake } = scenario;
    await scenario.replyOf(fake.sendCommand(BO.id, QUIZ_CHANNEL, "help"));
    const record = fake.sendDirectCommand(BO.id, "stats", { server: "1299999999999999999" });
    expect(embedText(await scenario.replyOf(record))).toMatch(/You have not studied in that server/);
    const stats = await scenario.replyOf(fake.sendDirectCommand(BO.id, "stats", { server: GUILD_ID }));
    expect(embedOf(stats).title).not.toMatch(/did not work/);
  });

  it("tells someone who never used studybot in a server where to start, and writes nothing", async () => {
    scenario = await discordScenario(tempDir());
    const reply = await scenario.replyOf(scenario.fake.sendDirectCommand(CY.id, "drill"));
    expect(embedText(reply)).toMatch(/You have not used studybot in a server yet/);
    expect(scenario.member(CY.id)).toBeUndefined();
  });
});
