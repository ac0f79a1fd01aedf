import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type APIAttachment, InteractionResponseType, MessageFlags } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import { ankiPackage } from "../kit/ankiPackage.js";
import { useTempDir } from "../kit/tempDir.js";
import { GUILD_ID } from "./fakeDiscord.js";
import { ANA, BO, type DiscordScenario, discordScenario, embedText, QUIZ_CHANNEL } from "./harness.js";

const PASTE = "front\tback\nperro\tdog\ngato\tcat\ncasa\thouse\nmesa\ttable\n";

/** Discord's CDN for attachments: a local server that counts downloads. */
async function attachmentHost(body: string | Uint8Array) {
  let downloads = 0;
  const server: Server = createServer((_req, res) => {
    downloads += 1;
    res.writeHead(200, { "content-type": "text/csv" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/attachments/1/2/deck.csv`;
  return {
    file: (overrides: Partial<APIAttachment> = {}): APIAttachment => ({
      id: "1500000000000000001",
      filename: "spanish_animals.csv",
      size: typeof body === "string" ? Buffer.byteLength(body) : body.length,
      url,
      proxy_url: url,
      content_type: "text/csv; charset=utf-8",
      ...overrides,
    }),
    downloads: () => downloads,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("Discord: deck import from the chat", () => {
  const tempDir = useTempDir("studybot-discord-decks-");
  let scenario: DiscordScenario | undefined;
  afterEach(async () => {
    await scenario?.shutdown();
    scenario = undefined;
  });

  function communityOf(s: DiscordScenario) {
    return s.store.communities.ensure("discord", GUILD_ID, "", "UTC", s.clock.now());
  }

  it("an admin pastes a deck in the modal; it becomes quizzable in that server only", async () => {
    scenario = await discordScenario(tempDir());
    const { fake } = scenario;
    const modal = await scenario.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "deck import"));
    expect(modal.type).toBe(InteractionResponseType.Modal);
    if (modal.type !== InteractionResponseType.Modal) return;
    expect(modal.data.title).toBe("Import a deck");

    const submitted = fake.submitModal(ANA.id, QUIZ_CHANNEL, modal.data.custom_id, {
      title: "Spanish 1",
      cards: PASTE,
    });
    const reply = await scenario.replyOf(submitted);
    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(reply)).toContain("Deck added · spanish-1");
    expect(embedText(reply)).toContain("Read 4 cards as tsv");

    await scenario.replyOf(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now", { deck: "spanish-1" }));
    expect(scenario.store.quizzes.findOpenInChannel(communityOf(scenario).id, QUIZ_CHANNEL)?.deckId).toBe("spanish-1");
    const otherServer = scenario.store.communities.ensure(
      "discord",
      "1999999999999999999",
      "",
      "UTC",
      scenario.clock.now(),
    );
    expect(scenario.services.decksFor(otherServer).has("spanish-1")).toBe(false);

    const list = await scenario.replyOf(fake.sendCommand(BO.id, QUIZ_CHANNEL, "deck list"));
    expect(embedText(list)).toContain("spanish-1 (imported here)");
  });

  it("names the deck to replace in the form's title, clipped with an ellipsis to Discord's 45", async () => {
    scenario = await discordScenario(tempDir());
    const deckId = `spanish-${"1".repeat(55)}`;
    const modal = await scenario.response(
      scenario.fake.sendCommand(ANA.id, QUIZ_CHANNEL, "deck import", { deck: deckId }),
    );
    if (modal.type !== InteractionResponseType.Modal) throw new Error("no modal");
    expect(modal.data.title).toBe(`Replace ${deckId.slice(0, 36)}…`);
  });

  it("a member gets no form, and a forged submission imports nothing", async () => {
    scenario = await discordScenario(tempDir());
    const { fake } = scenario;
    const refused = await scenario.replyOf(fake.sendCommand(BO.id, QUIZ_CHANNEL, "deck import"));
    expect(embedText(refused)).toContain("Only admins can do that.");
    const forged = await scenario.replyOf(
      fake.submitModal(BO.id, QUIZ_CHANNEL, "deck-import:", { title: "Sneaky", cards: PASTE }),
    );
    expect(embedText(forged)).toContain("Only admins can do that.");
    expect(scenario.store.communityDecks.count(communityOf(scenario).id)).toBe(0);
  });

  it("imports an attached file, and refuses big or non-text files without downloading them", async () => {
    scenario = await discordScenario(tempDir());
    const { fake } = scenario;
    const host = await attachmentHost("\uFEFFfront,back\r\nperro,dog\r\ngato,cat\r\n");
    try {
      const tooBig = await scenario.replyOf(
        fake.sendCommand(ANA.id, QUIZ_CHANNEL, "deck import", {}, { file: host.file({ size: 5_000_000 }) }),
      );
      expect(embedText(tooBig)).toContain("a deck file may have up to 4 MB");
      const image = await scenario.replyOf(
        fake.sendCommand(ANA.id, QUIZ_CHANNEL, "deck import", {}, { file: host.file({ content_type: "image/png" }) }),
      );
      expect(embedText(image)).toContain("is image/png, not text");
      const member = await scenario.replyOf(
        fake.sendCommand(BO.id, QUIZ_CHANNEL, "deck import", {}, { file: host.file() }),
      );
      expect(embedText(member)).toContain("Only admins can do that.");
      expect(host.downloads()).toBe(0);

      const imported = await scenario.replyOf(
        fake.sendCommand(ANA.id, QUIZ_CHANNEL, "deck import", {}, { file: host.file() }),
      );
      expect(host.downloads()).toBe(1);
      expect(embedText(imported)).toContain("Deck added · spanish-animals");
      expect(
        scenario.services
          .decksFor(communityOf(scenario))
          .get("spanish-animals")
          ?.cards.map((card) => card.front),
      ).toEqual(["perro", "gato"]);
    } finally {
      await host.close();
    }
  });

  it("imports an attached Anki package through the same reader as the command line, within the package caps", async () => {
    scenario = await discordScenario(tempDir());
    const { fake } = scenario;
    const apkg = ankiPackage("anki21b", [
      { noteType: "Basic", deck: "German", fields: ["der Hund", 'the dog<img src="dog.jpg">'] },
      { noteType: "Basic", deck: "German", fields: ["die Katze", "the cat"] },
    ]);
    const host = await attachmentHost(apkg);
    try {
      const asPackage = { filename: "german.apkg", content_type: "application/octet-stream" };
      const tooBig = await scenario.replyOf(
        fake.sendCommand(ANA.id, QUIZ_CHANNEL, "deck import", {}, { file: host.file({ ...asPackage, size: 300e6 }) }),
      );
      expect(embedText(tooBig)).toContain("an Anki package may have up to 256 MB");
      expect(host.downloads()).toBe(0);

      // Over a deck file's 4 MB, under a package's 256 MB: downloaded and read.
      const imported = await scenario.replyOf(
        fake.sendCommand(ANA.id, QUIZ_CHANNEL, "deck import", {}, { file: host.file({ ...asPackage, size: 5e6 }) }),
      );
      expect(host.downloads()).toBe(1);
      expect(embedText(imported)).toContain("Deck added · german");
      expect(embedText(imported)).toContain("Read 2 cards as anki.");
      expect(embedText(imported)).toContain("Note: 1 image left out (cards hold text only)");
      expect(
        scenario.services
          .decksFor(communityOf(scenario))
          .get("german")
          ?.cards.map((card) => [card.front, card.back]),
      ).toEqual([
        ["der Hund", "the dog"],
        ["die Katze", "the cat"],
      ]);
    } finally {
      await host.close();
    }
  });

  it("answers a damaged Anki package with why, and imports nothing", async () => {
    scenario = await discordScenario(tempDir());
    const apkg = ankiPackage("anki2", [{ noteType: "Basic", deck: "German", fields: ["der Hund", "the dog"] }]);
    const host = await attachmentHost(apkg.subarray(0, apkg.length - 30));
    try {
      const reply = await scenario.replyOf(
        scenario.fake.sendCommand(ANA.id, QUIZ_CHANNEL, "deck import", {}, { file: host.file({ filename: "g.apkg" }) }),
      );
      expect(embedText(reply)).toContain("g.apkg: this Anki package is damaged (");
      expect(scenario.store.communityDecks.count(communityOf(scenario).id)).toBe(0);
    } finally {
      await host.close();
    }
  });

  it("deck remove takes the server's own deck, not a file deck", async () => {
    scenario = await discordScenario(tempDir());
    const { fake } = scenario;
    const modal = await scenario.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "deck import"));
    if (modal.type !== InteractionResponseType.Modal) throw new Error("no modal");
    await scenario.replyOf(
      fake.submitModal(ANA.id, QUIZ_CHANNEL, modal.data.custom_id, { title: "Spanish 1", cards: PASTE }),
    );
    const fileDeck = await scenario.replyOf(
      fake.sendCommand(ANA.id, QUIZ_CHANNEL, "deck remove", { deck: "capitals" }),
    );
    expect(embedText(fileDeck)).toContain("cannot be removed from the chat");
    const removed = await scenario.replyOf(
      fake.sendCommand(ANA.id, QUIZ_CHANNEL, "deck remove", { deck: "spanish-1" }),
    );
    expect(embedText(removed)).toContain("Deck removed");
    expect(scenario.services.decksFor(communityOf(scenario)).has("spanish-1")).toBe(false);
  });
});
