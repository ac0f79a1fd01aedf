import { ApplicationCommandType, InteractionResponseType, MessageFlags } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import { MAKE_CARD_COMMAND } from "../../src/platforms/discord/cardFromMessage.js";
import { useTempDir } from "../kit/tempDir.js";
import { GUILD_ID } from "./fakeDiscord.js";
import { ANA, BO, type DiscordScenario, discordScenario, embedText, QUIZ_CHANNEL } from "./harness.js";

describe("Discord: Make a flashcard from a message", () => {
  const tempDir = useTempDir("studybot-discord-card-");
  let scenario: DiscordScenario | undefined;
  afterEach(async () => {
    await scenario?.shutdown();
    scenario = undefined;
  });

  const ownDecks = (s: DiscordScenario) =>
    s.store.communityDecks.list(s.store.communities.ensure("discord", GUILD_ID, "", "UTC", s.clock.now()).id);

  it("is registered as a message command for Manage Server", async () => {
    scenario = await discordScenario(tempDir());
    const command = scenario.fake.state.registeredCommand(MAKE_CARD_COMMAND);
    expect(command.type).toBe(ApplicationCommandType.Message);
    expect(command.default_member_permissions).toBe("32");
  });

  it("opens a form with the message as the back; the admin's front makes a card in a new deck", async () => {
    scenario = await discordScenario(tempDir());
    const { fake } = scenario;
    const said = fake.state.store(QUIZ_CHANNEL, BO.id, { content: "runsc is gVisor's runtime, it speaks OCI." });
    const modal = await scenario.response(fake.messageCommand(ANA.id, said.id, MAKE_CARD_COMMAND));
    expect(modal.type).toBe(InteractionResponseType.Modal);
    if (modal.type !== InteractionResponseType.Modal) return;
    expect(JSON.stringify(modal.data.components)).toContain("runsc is gVisor's runtime, it speaks OCI.");

    const submitted = fake.submitModal(ANA.id, QUIZ_CHANNEL, modal.data.custom_id, {
      front: "What is runsc?",
      back: "runsc is gVisor's runtime, it speaks OCI.",
      deck: "saved-from-chat",
    });
    const reply = await scenario.replyOf(submitted);
    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(reply)).toContain("now has 1 cards");
    expect(ownDecks(scenario).map((own) => own.deck.cards.map((card) => card.front))).toEqual([["What is runsc?"]]);
  });

  it("thanks a member and saves nothing, even from a form they should not have", async () => {
    scenario = await discordScenario(tempDir());
    const { fake } = scenario;
    const said = fake.state.store(QUIZ_CHANNEL, ANA.id, { content: "a good fact" });
    const refused = await scenario.replyOf(fake.messageCommand(BO.id, said.id, MAKE_CARD_COMMAND));
    expect(embedText(refused)).toMatch(/Only admins can add cards/);
    const forged = fake.submitModal(BO.id, QUIZ_CHANNEL, "make-card", { front: "q", back: "a", deck: "x" });
    expect(embedText(await scenario.replyOf(forged))).toMatch(/Only admins can add cards/);
    expect(ownDecks(scenario)).toEqual([]);
  });
});
