import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CardForm, SAVED_CARDS_DECK } from "../../src/core/savedCards.js";
import { cardFormForMessage, saveCardFromMessage } from "../../src/services/cardFromMessage.js";
import { actor, openTestBot } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";
import { viewText } from "../kit/viewText.js";

describe("a card made from a chat message", () => {
  const tempDir = useTempDir();
  const admin = actor("ada", { isAdmin: true });

  it("starts as a form with the message as the back, saved into a new deck when the community has none", () => {
    const bot = openTestBot(join(tempDir(), "studybot.db"));
    const form = cardFormForMessage(bot.services, admin, "  gVisor intercepts system calls in user space.  ");
    expect(form).toEqual({
      front: "",
      back: "gVisor intercepts system calls in user space.",
      deckId: SAVED_CARDS_DECK.id,
    });
    const saved = saveCardFromMessage(bot.services, admin, {
      ...(form as CardForm),
      front: "What does gVisor do?",
    }).view;
    expect(viewText(saved)).toContain("now has 1 cards");
    const community = bot.store.communities.find("test", "guild-1");
    const [own] = bot.store.communityDecks.list(community?.id ?? 0);
    expect(own?.deck).toMatchObject({
      id: SAVED_CARDS_DECK.id,
      cards: [
        {
          id: "what-does-gvisor-do",
          front: "What does gVisor do?",
          back: "gVisor intercepts system calls in user space.",
        },
      ],
    });
    expect(bot.services.decksAt("test", "guild-1").get(SAVED_CARDS_DECK.id)?.cards).toHaveLength(1);
  });

  it("goes into the community's last imported deck by default, after its cards", () => {
    const bot = openTestBot(join(tempDir(), "studybot.db"));
    saveCardFromMessage(bot.services, admin, { front: "Kata", back: "VM-backed containers", deckId: "runtimes" });
    const form = cardFormForMessage(bot.services, admin, "Firecracker is a microVM monitor");
    expect(form).toMatchObject({ deckId: "runtimes" });
    saveCardFromMessage(bot.services, admin, { ...(form as CardForm), front: "Firecracker" });
    const community = bot.store.communities.find("test", "guild-1");
    expect(bot.store.communityDecks.list(community?.id ?? 0)[0]?.deck.cards.map((card) => card.front)).toEqual([
      "Kata",
      "Firecracker",
    ]);
  });

  it("is refused politely to a member, before the form and on a submitted one, and nothing is saved", () => {
    const bot = openTestBot(join(tempDir(), "studybot.db"));
    const member = actor("bo");
    expect(viewText(cardFormForMessage(bot.services, member, "text") as never)).toMatch(/Only admins can add cards/);
    expect(viewText(saveCardFromMessage(bot.services, member, { front: "a", back: "b", deckId: "x" }).view)).toMatch(
      /Only admins can add cards/,
    );
    expect(bot.store.communities.find("test", "guild-1")).toBeUndefined();
  });

  it("refuses an empty side, a front the deck has, a bot deck file and a bad deck id, each saying why", () => {
    const bot = openTestBot(join(tempDir(), "studybot.db"));
    const save = (front: string, back: string, deckId: string) =>
      viewText(saveCardFromMessage(bot.services, admin, { front, back, deckId }).view);
    expect(save("  ", "b", "mine")).toMatch(/The front is empty/);
    expect(save("a", "", "mine")).toMatch(/The back is empty/);
    save("Capital of Peru?", "Lima", "mine");
    expect(save("capital of  PERU?", "Lima!", "mine")).toMatch(
      /mine already has a card with that front \(capital-of-peru\)/,
    );
    expect(save("q", "a", "capitals")).toMatch(/deck file of the bot/);
    expect(save("q", "a", "My Deck")).toMatch(/"My Deck" cannot be a deck id: it must be a slug/);
    const fields = [
      ["", "b", "mine"],
      ["a", " ", "mine"],
      ["Capital of Peru?", "x", "mine"],
      ["q", "a", "No Slug"],
    ].map(
      ([front = "", back = "", deckId = ""]) =>
        saveCardFromMessage(bot.services, admin, { front, back, deckId }).invalid?.field,
    );
    expect(fields).toEqual(["front", "back", "front", "deckId"]);
  });
});
