import { InteractionResponseType, MessageFlags } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import { rowCounts } from "../kit/rowCounts.js";
import { useTempDir } from "../kit/tempDir.js";
import {
  ANA,
  BO,
  CY,
  DEE,
  type DiscordScenario,
  discordScenario,
  embedOf,
  embedText,
  QUIZ_CHANNEL,
  replyData,
  playQuiz,
} from "./harness.js";
import { STATS_CARD_WIDTH, statsCardHeight } from "../../src/core/pictures/statsCard.js";
import { DISCORD_UPLOAD_MAX_BYTES } from "../../src/platforms/discord/replyFiles.js";
import { pngSize } from "../pictures/snapshots.js";

describe("Discord: leaderboards, stats and deck autocomplete, end to end", () => {
  const tempDir = useTempDir("studybot-discord-");
  let scenario: DiscordScenario | undefined;
  afterEach(async () => {
    await scenario?.shutdown();
    scenario = undefined;
  });

  /** One quiz: bo right first (15 points), ana right second (14), cy wrong. */
  const playOneQuiz = (s: DiscordScenario) =>
    playQuiz(s, (right) => [
      [BO.id, right],
      [ANA.id, right],
      [CY.id, (right + 1) % 4],
    ]);

  it("shows the leaderboard publicly with mentions and the right numbers, marking the caller", async () => {
    scenario = await discordScenario(tempDir());
    await playOneQuiz(scenario);
    const board = scenario.fake.sendCommand(CY.id, QUIZ_CHANNEL, "leaderboard", { period: "week", by: "points" });
    const reply = await scenario.replyOf(board);
    expect(reply.flags & MessageFlags.Ephemeral).toBe(0);
    const embed = embedOf(reply);
    expect(embed.title).toBe("Leaderboard · Points · this week");
    expect(embed.description).toBe(
      [
        `**1.** <@${BO.id}> — 15 pts (1/1 right)`,
        `**2.** <@${ANA.id}> — 14 pts (1/1 right)`,
        `**3.** <@${CY.id}> — 0 pts (0/1 right) ◀ **you**`,
      ].join("\n"),
    );
    expect(embed.footer?.text).toBe("You are #3 of 3");
    // Mentions show names but ping nobody: the reply names them, and allows exactly those.
    expect(reply.allowedMentions).toEqual({ parse: [], users: [BO.id, ANA.id, CY.id] });
  });

  it("shows a member's own stats privately, and another member's through a user option", async () => {
    scenario = await discordScenario(tempDir());
    await playOneQuiz(scenario);
    const own = replyData(await scenario.response(scenario.fake.sendCommand(BO.id, QUIZ_CHANNEL, "stats")));
    expect(own?.flags).toBe(MessageFlags.Ephemeral);
    const text = embedText(own);
    expect(text).toContain("Stats · bo");
    expect(text).toContain("All time: 15 pts · 1/1 right · 100%");
    expect(text).toContain("Day streak: 1 day (best 1)");
    expect(text).toContain("Rank (all-time points): #1 of 3");

    const other = replyData(
      await scenario.response(scenario.fake.sendCommand(BO.id, QUIZ_CHANNEL, "stats", { user: ANA.id })),
    );
    expect(embedText(other)).toContain("Stats · Ana L.");
    expect(embedText(other)).toContain("All time: 14 pts · 1/1 right · 100%");

    const stranger = replyData(
      await scenario.response(scenario.fake.sendCommand(BO.id, QUIZ_CHANNEL, "stats", { user: DEE.id })),
    );
    // The service's message quotes the mention as typed text, so it is shown escaped, not as a mention.
    expect(embedText(stranger)).toContain(`No stats for \\<@${DEE.id}> yet`);
  });

  it("attaches the stats card as a PNG shown in the reply's embed, within Discord's upload limit", async () => {
    scenario = await discordScenario(tempDir());
    await playOneQuiz(scenario);
    const message = await scenario.replyOf(scenario.fake.sendCommand(BO.id, QUIZ_CHANNEL, "stats"));
    expect(message.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(message.embeds[0]?.image?.url).toBe("attachment://stats.png");
    // The text stays beside the picture, the calendar summed up in words.
    expect(message.embeds[0]?.description).toContain("Study calendar, last 26 weeks: 1 study day");
    expect(message.attachments.map((file) => file.filename)).toEqual(["stats.png"]);
    const png = message.attachments[0]?.bytes ?? new Uint8Array();
    expect(pngSize(png)).toEqual({ width: STATS_CARD_WIDTH, height: statsCardHeight(1) });
    expect(png.byteLength).toBeLessThan(DISCORD_UPLOAD_MAX_BYTES);
  });

  it("autocompletes deck names from the loaded decks, writing nothing on a keystroke", async () => {
    scenario = await discordScenario(tempDir());
    const rowsBefore = rowCounts(scenario.store);
    const typing = scenario.fake.autocomplete(BO.id, QUIZ_CHANNEL, "quiz now", "deck", "cap");
    const response = await scenario.response(typing);
    expect(rowCounts(scenario.store)).toEqual(rowsBefore);
    expect(response.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(
      response.type === InteractionResponseType.ApplicationCommandAutocompleteResult && response.data.choices,
    ).toEqual([{ name: "Capitals (capitals) (capitals)", value: "capitals" }]);
    const deckInfo = replyData(
      await scenario.response(scenario.fake.sendCommand(BO.id, QUIZ_CHANNEL, "deck info", { deck: "capitals" })),
    );
    expect(embedText(deckInfo)).toContain("Cards: 8");
    expect(scenario.fake.unknownRoutes).toEqual([]);
  });

  it("autocompletes the cards of the deck already chosen, for deck skip and flag", async () => {
    scenario = await discordScenario(tempDir());
    const skipCommand = scenario.fake.guildCommands.find((command) => command.name === "deck");
    const skip = skipCommand?.options?.find((option) => option.name === "skip");
    const cardOption = skip && "options" in skip ? skip.options?.find((option) => option.name === "card") : undefined;
    expect(cardOption).toMatchObject({ autocomplete: true });
    const typing = scenario.fake.autocomplete(BO.id, QUIZ_CHANNEL, "deck skip", "card", "spa", { deck: "capitals" });
    const response = await scenario.response(typing);
    expect(
      response.type === InteractionResponseType.ApplicationCommandAutocompleteResult && response.data.choices,
    ).toEqual([{ name: "Capital of Spain (spain)", value: "spain" }]);
    const flagging = scenario.fake.autocomplete(BO.id, QUIZ_CHANNEL, "flag", "card", "", { deck: "capitals" });
    const flagged = await scenario.response(flagging);
    expect(
      flagged.type === InteractionResponseType.ApplicationCommandAutocompleteResult && flagged.data.choices?.length,
    ).toBe(8);
  });
});
