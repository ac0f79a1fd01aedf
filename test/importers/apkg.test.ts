import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { importDeck } from "../../src/core/importers/index.js";
import { APKG_ENTRY_MAX_BYTES, APKG_MAX_ENTRIES } from "../../src/core/limits.js";
import { ankiPackageToText } from "../../src/decks/ankiPackage.js";
import { templateFormats } from "../../src/decks/ankiNoteTypes.js";
import { decksImportCommand } from "../../src/decks/commandLine.js";
import { loadDecks } from "../../src/decks/loader.js";
import { ankiPackage, type CollectionFormat, type FixtureNote, type FixtureNoteType } from "../kit/ankiPackage.js";
import { useTempDir } from "../kit/tempDir.js";

const tempDir = useTempDir("studybot-apkg-");

const NOTES: FixtureNote[] = [
  { noteType: "Basic", deck: "Languages::German", fields: ["der Hund", "the dog"], tags: "animals" },
  {
    noteType: {
      name: "Basic (with example)",
      fields: ["Front", "Back", "Example"],
      templates: [{ front: "{{Front}}", back: "{{FrontSide}}<hr id=answer>{{Back}}" }],
    },
    deck: "Languages::German",
    fields: ["<b>die Katze</b>", "the cat<br>feline", 'Die Katze schläft.<img src="cat.jpg">'],
  },
  {
    noteType: "Cloze",
    deck: "Geography",
    fields: ["{{c1::Paris::city}} is the capital of {{c2::France}}", "[sound:paris.mp3]"],
    tags: "europe capitals",
  },
];

function cardsOf(bytes: Uint8Array) {
  const read = ankiPackageToText(bytes);
  if (!read.ok) throw new Error(read.message);
  const outcome = importDeck(read.text, { format: "anki", title: "Imported" });
  if (!outcome.ok) throw new Error(outcome.message);
  return { cards: outcome.deck.cards.map(({ front, back, tags }) => ({ front, back, tags })), read };
}

describe("Anki packages", () => {
  it.each<CollectionFormat>(["anki2", "anki21", "anki21b"])("reads a %s collection card by card", (format) => {
    const { cards, read } = cardsOf(ankiPackage(format, NOTES, { "0": new Uint8Array([1, 2, 3]) }));
    expect(cards).toEqual([
      { front: "der Hund", back: "the dog", tags: ["animals", "languages-german", "basic"] },
      {
        front: "**die Katze**",
        back: "the cat\nfeline\nExample: Die Katze schläft.",
        tags: ["languages-german", "basic-with-example"],
      },
      { front: "[city] is the capital of France", back: "Paris", tags: ["europe", "capitals", "geography", "cloze"] },
      { front: "Paris is the capital of [...]", back: "France", tags: ["europe", "capitals", "geography", "cloze"] },
    ]);
    expect({ images: read.images, sounds: read.sounds }).toEqual({ images: 1, sounds: 1 });
  });

  it.each<CollectionFormat>(["anki21", "anki21b"])("%s: a note is in its first card's deck", (format) => {
    const note = { noteType: "Basic", deck: "First", laterCardDecks: ["Second", "Third"], fields: ["front", "back"] };
    const { cards } = cardsOf(ankiPackage(format, [note]));
    expect(cards.map((card) => card.tags)).toEqual([["first", "basic"]]);
  });

  describe.each<CollectionFormat>(["anki2", "anki21", "anki21b"])(
    "%s: front and back from the card template",
    (format) => {
      const front = (cards: { front: string; back: string }[]) => cards.map(({ front, back }) => [front, back]);

      it("a reversed note type asks with its Back field; a note type with a reverse card asks as its first card", () => {
        const reversedOnly: FixtureNoteType = {
          name: "Reversed",
          fields: ["Front", "Back"],
          templates: [{ front: "{{Back}}", back: "{{FrontSide}}<hr id=answer>{{Front}}" }],
        };
        const andReversed: FixtureNoteType = {
          name: "Basic (and reversed card)",
          fields: ["Front", "Back"],
          templates: [
            { front: "{{Front}}", back: "{{FrontSide}}<hr id=answer>{{Back}}" },
            { front: "{{Back}}", back: "{{FrontSide}}<hr id=answer>{{Front}}" },
          ],
        };
        const { cards } = cardsOf(
          ankiPackage(format, [
            { noteType: reversedOnly, deck: "D", fields: ["der Hund", "the dog"] },
            { noteType: andReversed, deck: "D", fields: ["die Katze", "the cat"] },
          ]),
        );
        expect(front(cards)).toEqual([
          ["the dog", "der Hund"],
          ["die Katze", "the cat"],
        ]);
      });

      it("fields named in the template make each side; fields it shows nowhere are kept under their names", () => {
        const vocabulary: FixtureNoteType = {
          name: "Japanese vocabulary",
          fields: ["Meaning", "Word", "Example", "Reading", "Notes", "Audio"],
          templates: [
            {
              front: "<div class=big>{{Word}}</div>{{#Reading}}<br>{{furigana:Reading}}{{/Reading}}{{type:Meaning}}",
              back: "{{FrontSide}}<hr id=answer>{{Meaning}}<div>{{Example}}</div>",
            },
          ],
        };
        const { cards, read } = cardsOf(
          ankiPackage(format, [
            {
              noteType: vocabulary,
              deck: "Japanese",
              fields: ["dog", "犬", "犬が好き。", "いぬ", "common<br>N5", "[sound:inu.mp3]"],
            },
            { noteType: "Basic", deck: "Japanese", fields: ["猫", "cat"] },
          ]),
        );
        expect(front(cards)).toEqual([
          ["犬\nいぬ", "dog\n犬が好き。\nNotes: common\nN5"],
          ["猫", "cat"],
        ]);
        expect(read.sounds).toBe(1);
      });
    },
  );

  it("prefers collection.anki21b to the stub collection.anki2 beside it", () => {
    const { cards } = cardsOf(ankiPackage("anki21b", [NOTES[0] as FixtureNote]));
    expect(cards.map((card) => card.front)).toEqual(["der Hund"]);
  });

  it("`decks import x.apkg` writes the deck, titled by its only deck, and says what was left out", async () => {
    const dir = tempDir();
    const file = join(dir, "german.apkg");
    await writeFile(file, ankiPackage("anki21", NOTES.slice(0, 2)));
    const output = { out: "", err: "" };
    const io = {
      decksDir: dir,
      out: (text: string) => (output.out += text),
      err: (text: string) => (output.err += text),
    };
    expect(await decksImportCommand([file], io)).toBe(0);
    expect(output.out).toContain("Read 2 cards as anki.");
    expect(output.out).toContain("Note: 1 image left out (cards hold text only)");
    const { decks } = await loadDecks(dir);
    expect(decks.map((loaded) => [loaded.deck.id, loaded.deck.title])).toEqual([
      ["languages-german", "Languages::German"],
    ]);
  });

  it("routes a zip by its first bytes whatever its name", async () => {
    const dir = tempDir();
    const file = join(dir, "cards.txt");
    await writeFile(file, ankiPackage("anki2", [NOTES[0] as FixtureNote]));
    const output = { out: "", err: "" };
    const io = {
      decksDir: dir,
      out: (text: string) => (output.out += text),
      err: (text: string) => (output.err += text),
    };
    expect(await decksImportCommand([file, "--format", "csv"], io)).toBe(0);
    expect(output.out).toContain("Read 1 card as anki.");
  });
});

/** A zip whose last central directory entry is changed by `patch(view, offset of the entry)`. */
function patchedCentralEntry(files: Record<string, Uint8Array>, patch: (view: DataView, at: number) => void) {
  const bytes = zipSync(files);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = bytes.length - 4;
  while (view.getUint32(at, true) !== 0x02014b50) at -= 1;
  patch(view, at);
  return bytes;
}

describe("Anki packages refused", () => {
  const collection = ankiPackage("anki2", [NOTES[0] as FixtureNote]);

  it.each<[string, Uint8Array, string]>([
    ["a damaged zip", collection.subarray(0, collection.length - 30), "this Anki package is damaged ("],
    ["an entry that climbs out", zipSync({ "../evil": new Uint8Array(1) }), '"../evil", a path outside its folder'],
    ["an absolute entry", zipSync({ "/etc/evil": new Uint8Array(1) }), '"/etc/evil", a path outside its folder'],
    [
      "too many entries",
      zipSync(Object.fromEntries(Array.from({ length: APKG_MAX_ENTRIES + 1 }, (_, n) => [`${n}`, new Uint8Array(0)]))),
      `more than ${APKG_MAX_ENTRIES} files`,
    ],
    [
      "a declared size over the cap",
      patchedCentralEntry({ "collection.anki2": new Uint8Array(10) }, (view, at) =>
        view.setUint32(at + 24, APKG_ENTRY_MAX_BYTES * 2, true),
      ),
      '"collection.anki2" unpacks to 512 MB: at most 256 MB',
    ],
    [
      "an encrypted entry",
      patchedCentralEntry({ "collection.anki2": new Uint8Array(10) }, (view, at) =>
        view.setUint16(at + 8, view.getUint16(at + 8, true) | 1, true),
      ),
      '"collection.anki2" is encrypted',
    ],
    [
      "a zip without a collection (a spreadsheet)",
      zipSync({ "sheet.xml": new Uint8Array(1) }),
      "no Anki collection in the package (looked for collection.anki21b, collection.anki21, collection.anki2): a spreadsheet? save it as CSV",
    ],
  ])("%s", (_what, bytes, message) => {
    const read = ankiPackageToText(bytes);
    expect(read.ok).toBe(false);
    expect(read.ok ? "" : read.message).toContain(message);
  });
});

describe("card template settings (anki21b's protobuf)", () => {
  it("reads the two formats among other settings, and refuses settings cut short or of unknown wire types", () => {
    const text = (value: string) => [...new TextEncoder().encode(value)];
    const config = [0x28, 0x00, 0x0a, 3, ...text("{{A}}").slice(0, 3), 0x12, 5, ...text("{{B}}"), 0x38, 0x96, 0x01];
    expect(templateFormats(new Uint8Array(config))).toEqual({ front: "{{A", back: "{{B}}" });
    expect(() => templateFormats(new Uint8Array([0x0a, 5, 0x61]))).toThrow("end early");
    expect(() => templateFormats(new Uint8Array([0x28, 0x96]))).toThrow("end early");
    expect(() => templateFormats(new Uint8Array([0x0b]))).toThrow("wire type 3");
  });
});
