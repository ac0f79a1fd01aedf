import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Command, DeckUpload } from "../../src/core/commands.js";
import type { Deck } from "../../src/core/deck.js";
import { DeckCatalog, loadDecks } from "../../src/decks/loader.js";
import { handleCommand } from "../../src/services/commandRouter.js";
import { silentLogger } from "../../src/services/ports.js";
import { seededRandomness } from "../../src/services/randomness.js";
import { Services } from "../../src/services/services.js";
import { openDatabase } from "../../src/store/database.js";
import { Store } from "../../src/store/index.js";
import { actor, FakeClock, openTestBot, RecordingMessenger } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";
import { viewText } from "../kit/viewText.js";

const tempDir = useTempDir("studybot-community-decks-");

const SPANISH =
  "front\tback\ttags\nperro\tdog\tanimals\ngato\tcat\tanimals\ncasa\thouse\thome\nmesa\ttable\thome\nlibro\tbook\tschool\n";

const admin = (overrides = {}) => actor("ada", { isAdmin: true, ...overrides });
const paste = (text: string, title = "Spanish basics"): DeckUpload => ({ kind: "text", text, title });
const importCommand = (upload: DeckUpload, deck?: string): Command => ({
  name: "deck-import",
  upload,
  ...(deck ? { deck } : {}),
});

async function run(services: Services, input: string | Command, who = admin()) {
  const reply = await handleCommand(services, who, input);
  return { reply, text: viewText(reply.view) };
}

describe("deck import from the chat", () => {
  it("opens the paste form for admins only; the terminal is told how to import instead", async () => {
    const bot = openTestBot(join(tempDir(), "db.sqlite"));
    const { reply } = await run(bot.services, "deck import");
    expect(reply.form).toEqual({ title: "" });
    expect(viewText(reply.view)).toContain("studybot decks import <file>");
    const member = await run(bot.services, "deck import", actor("bob"));
    expect(member.reply.form).toBeUndefined();
    expect(member.text).toContain("Only admins can do that.");
    expect((await run(bot.services, importCommand(paste(SPANISH)), actor("bob"))).text).toContain("Only admins");
  });

  it("makes a pasted deck quizzable in that community only, listed beside the file decks", async () => {
    const bot = openTestBot(join(tempDir(), "db.sqlite"));
    const imported = await run(bot.services, importCommand(paste(SPANISH)));
    expect(imported.text).toContain("Deck added · spanish-basics");
    expect(imported.text).toContain("Read 5 cards as tsv (auto: every row has a tab).");

    const list = await run(bot.services, "deck list", actor("bob"));
    expect(list.text).toContain("capitals (default): Capitals (capitals) · 6 cards");
    expect(list.text).toContain("spanish-basics (imported here): Spanish basics · 5 cards");
    await run(bot.services, "quiz now spanish-basics", actor("bob"));
    expect(bot.messenger.posts).toHaveLength(1);
    expect(bot.store.quizzes.findOpenInChannel(1, "quiz-channel")?.deckId).toBe("spanish-basics");
    expect((await run(bot.services, "drill spanish-basics", actor("bob"))).text).not.toContain("There is no deck");

    const elsewhere = { communityId: "guild-2" };
    expect((await run(bot.services, "deck list", actor("cy", elsewhere))).text).not.toContain("spanish-basics");
    expect((await run(bot.services, "quiz now spanish-basics", actor("cy", elsewhere))).text).toContain(
      'There is no deck "spanish-basics"',
    );
    expect((await run(bot.services, 'schedule add "0 9 * * *" spanish-basics', admin(elsewhere))).text).toContain(
      'There is no deck "spanish-basics"',
    );
  });

  it("answers garbage, empty, one-column and oversized pastes with a sentence, and stores nothing", async () => {
    const bot = openTestBot(join(tempDir(), "db.sqlite"));
    const cases: [string, string][] = [
      ["", "there is nothing to import"],
      ["just some words\nand more words\n", "no row has a tab between front and back"],
      ["\u0000\u0001\u0002\u0003\u0004\u0005\u0006", "not text"],
      ["a\tb\n".repeat(1001), "a paste takes up to 4000"],
    ];
    for (const [text, message] of cases) {
      const { reply, text: shown } = await run(bot.services, importCommand(paste(text)));
      expect(reply.view.tone).toBe("error");
      expect(shown).toContain(message);
    }
    const binary = await run(
      bot.services,
      importCommand({ kind: "file", bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0]), fileName: "deck.apkg" }),
    );
    expect(binary.text).toContain("deck.apkg: this Anki package is damaged (");
    expect(bot.store.communityDecks.count(1)).toBe(0);
  });

  it("imports an attached file, titled after its name", async () => {
    const bot = openTestBot(join(tempDir(), "db.sqlite"));
    const bytes = new TextEncoder().encode('\uFEFFfront,back\r\n"uno, one",1\r\ndos,2\r\n');
    const { text } = await run(bot.services, importCommand({ kind: "file", bytes, fileName: "numbers_es.csv" }));
    expect(text).toContain("Deck added · numbers-es");
    expect(
      bot.services
        .decksFor({ id: 1 })
        .get("numbers-es")
        ?.cards.map((card) => card.front),
    ).toEqual(["uno, one", "dos"]);
  });

  it("refuses to take a file deck's id or an existing deck's without naming it, and replaces by id keeping progress", async () => {
    const bot = openTestBot(join(tempDir(), "db.sqlite"));
    expect((await run(bot.services, importCommand(paste(SPANISH, "Capitals")))).text).toContain(
      '"capitals" is the id of one of the bot\'s deck files',
    );
    expect((await run(bot.services, "deck import capitals")).text).toContain("only changes in decks/");
    await run(bot.services, importCommand(paste(SPANISH)));
    expect((await run(bot.services, importCommand(paste(SPANISH)))).text).toContain(
      "deck import spanish-basics replaces it",
    );

    expect((await run(bot.services, "deck import spanish-basics")).reply.form).toEqual({
      deckId: "spanish-basics",
      title: "Spanish basics",
    });
    bot.store.cards.recordAnswer(1, "spanish-basics", "gato", true);
    const edited = "perro\tdog!\ngato\tcat\nmesa\tsomething else entirely\nnuevo\tnew\n";
    const replaced = await run(bot.services, importCommand(paste(edited, ""), "spanish-basics"));
    expect(replaced.text).toContain("Deck replaced · spanish-basics");
    expect(replaced.text).toContain("Cards: 1 added, 2 edited, 2 removed (their history is kept)");
    expect(replaced.text).toContain('card "mesa" changed its back from "table" to "something else entirely"');
    const deck = bot.services.decksFor({ id: 1 }).get("spanish-basics") as Deck;
    expect(deck.title).toBe("Spanish basics");
    expect(deck.cards.map((card) => card.id)).toEqual(["perro", "gato", "mesa", "nuevo"]);
    expect(bot.store.cards.accuracyByCard(1, "spanish-basics").get("gato")).toEqual({ answered: 1, correct: 1 });
  });

  it("lists a community's decks by its platform id without writing: the file decks where studybot is new", async () => {
    const bot = openTestBot(join(tempDir(), "db.sqlite"));
    await run(bot.services, importCommand(paste(SPANISH)));
    expect(bot.services.decksAt("test", "guild-1").get("spanish-basics")?.title).toBe("Spanish basics");
    const communities = bot.store.db.prepare("SELECT count(*) FROM communities").pluck().get();
    expect(bot.services.decksAt("test", "guild-new")).toBe(bot.services.decks.files);
    expect(bot.store.db.prepare("SELECT count(*) FROM communities").pluck().get()).toBe(communities);
  });

  it("deck remove takes the community's own decks only, and keeps their history", async () => {
    const bot = openTestBot(join(tempDir(), "db.sqlite"));
    await run(bot.services, importCommand(paste(SPANISH)));
    bot.store.cards.recordAnswer(1, "spanish-basics", "perro", false);
    expect((await run(bot.services, "deck remove capitals")).text).toContain("cannot be removed from the chat");
    expect((await run(bot.services, "deck remove nothing-here")).text).toContain('There is no deck "nothing-here".');
    expect((await run(bot.services, "deck remove spanish-basics", actor("bob"))).text).toContain("Only admins");
    expect((await run(bot.services, "deck remove spanish-basics")).text).toContain("Deck removed");
    expect((await run(bot.services, "quiz now spanish-basics")).text).toContain('There is no deck "spanish-basics"');
    expect(bot.store.cards.accuracyByCard(1, "spanish-basics").get("perro")).toEqual({ answered: 1, correct: 0 });
  });

  it("another process on the same database sees an import and a removal at once", async () => {
    const file = join(tempDir(), "db.sqlite");
    const first = openTestBot(file);
    const second = openTestBot(file, { clock: first.clock });
    expect(second.services.decksFor({ id: 1 }).has("spanish-basics")).toBe(false);
    await run(first.services, importCommand(paste(SPANISH)));
    expect(second.services.decksFor({ id: 1 }).has("spanish-basics")).toBe(true);
    await run(first.services, "deck remove spanish-basics");
    expect(second.services.decksFor({ id: 1 }).has("spanish-basics")).toBe(false);
  });
});

describe("deck reload and editing file decks", () => {
  const deckYaml = (cards: string) => `id: geo\ntitle: Geography\ncards:\n${cards}`;
  const card = (id: string, front: string, back: string) => `  - id: ${id}\n    front: ${front}\n    back: ${back}\n`;
  const FOUR = [
    card("fr", "France", "Paris"),
    card("es", "Spain", "Madrid"),
    card("it", "Italy", "Rome"),
    card("no", "Norway", "Oslo"),
  ];

  async function botOnFolder() {
    const dir = tempDir();
    const decksDir = join(dir, "decks");
    await import("node:fs/promises").then((fs) => fs.mkdir(decksDir));
    await writeFile(join(decksDir, "geo.yaml"), deckYaml(FOUR.join("")));
    const loaded = await loadDecks(decksDir);
    const db = openDatabase(join(dir, "db.sqlite"));
    const store = new Store(db);
    const clock = new FakeClock(new Date("2026-11-02T09:00:00Z"));
    const services = new Services({
      store,
      decks: new DeckCatalog(loaded.decks),
      clock,
      randomness: seededRandomness(3),
      logger: silentLogger,
      config: { defaultTimeZone: "UTC", quizWindowMinutes: 60, decksDir },
    });
    services.deckAdmin.recordFileDecks(loaded.decks.map((entry) => entry.deck));
    const messenger = new RecordingMessenger();
    services.messengers.set("test", messenger);
    await handleCommand(services, actor("ada"), "deck list");
    return { decksDir, services, store, close: () => db.close() };
  }

  it("reads edits without a restart; a removed card is no longer asked but its history stays", async () => {
    const bot = await botOnFolder();
    bot.store.cards.recordAnswer(1, "geo", "it", true);
    bot.store.cards.recordAnswer(1, "geo", "fr", true);
    await writeFile(
      join(bot.decksDir, "geo.yaml"),
      deckYaml([FOUR[0], FOUR[1], FOUR[3], card("pe", "Peru", "Lima")].join("")),
    );
    const { text } = await run(bot.services, "deck reload");
    expect(text).toContain("Decks reloaded\nLoaded 1 deck file: geo.");
    expect(
      bot.services
        .decksFor({ id: 1 })
        .get("geo")
        ?.cards.map((c) => c.id),
    ).toEqual(["fr", "es", "no", "pe"]);
    for (let round = 0; round < 8; round += 1) {
      await run(bot.services, "quiz now geo");
      expect(bot.store.quizzes.findOpenInChannel(1, "quiz-channel")?.cardId).not.toBe("it");
    }
    expect(bot.store.cards.accuracyByCard(1, "geo").get("it")).toEqual({ answered: 1, correct: 1 });
    expect((await run(bot.services, "deck reload", actor("bob"))).text).toContain("Only admins");
  });

  it("keeps the last good version of a broken edit and says why; a new file comes in", async () => {
    const bot = await botOnFolder();
    await writeFile(join(bot.decksDir, "geo.yaml"), deckYaml(`${FOUR.join("")}  - id: bad\n    front: Peru\n`));
    await writeFile(join(bot.decksDir, "extra.yaml"), `id: extra\ntitle: Extra\ncards:\n${card("a", "A", "B")}`);
    await writeFile(join(bot.decksDir, "broken.yaml"), "id: [unclosed\n");
    const { reply, text } = await run(bot.services, "deck reload");
    expect(reply.view.tone).toBe("warning");
    expect(text).toContain("Loaded 2 deck files: extra, geo.");
    expect(text).toContain("New: extra.");
    expect(text).toMatch(/Kept the last good version of geo: .*geo\.yaml: cards\[4\]\.back: Required/);
    expect(text).toMatch(/Skipped: .*broken\.yaml: invalid YAML/);
    expect(bot.services.decksFor({ id: 1 }).get("geo")?.cards).toHaveLength(4);
  });

  it("warns when a card keeps its id but becomes another card", async () => {
    const bot = await botOnFolder();
    await writeFile(
      join(bot.decksDir, "geo.yaml"),
      deckYaml([card("fr", "France", "Paris!"), card("es", "Kenya", "Nairobi"), FOUR[2], FOUR[3]].join("")),
    );
    const { text } = await run(bot.services, "deck reload");
    expect(text).toContain(
      'geo: card "es" changed its front from "Spain" to "Kenya": if it is another card now, give it a new id',
    );
    expect(text).not.toContain('card "fr"');
    expect((await run(bot.services, "deck reload")).text).not.toContain("changed its");
  });
});
