import { describe, expect, it } from "vitest";
import type { Deck } from "../../src/core/deck.js";
import { clozeCards } from "../../src/core/importers/anki.js";
import { readDelimited } from "../../src/core/importers/delimited.js";
import { htmlToText } from "../../src/core/importers/html.js";
import {
  decodeDeckBytes,
  exportDeck,
  type ImportOptions,
  type ImportOutcome,
  importDeck,
  importSummary,
} from "../../src/core/importers/index.js";
import { SAME_ANSWER_MAX_CARDS } from "../../src/core/limits.js";

function imported(text: string, options: ImportOptions = {}): Deck {
  const outcome = importDeck(text, { title: "Test deck", ...options });
  if (!outcome.ok) throw new Error(`expected a deck, got: ${outcome.message}`);
  return outcome.deck;
}

function failed(text: string, options: ImportOptions = {}): Extract<ImportOutcome, { ok: false }> {
  const outcome = importDeck(text, { title: "Test deck", ...options });
  if (outcome.ok) throw new Error(`expected a failure, got ${outcome.deck.cards.length} cards`);
  return outcome;
}

const pairs = (deck: Deck) => deck.cards.map((card) => [card.front, card.back]);

describe("CSV (RFC 4180)", () => {
  it("reads quoted fields with commas, escaped quotes and line breaks inside", () => {
    const deck = imported('front,back\n"Paris, France","capital\nof ""France"""\nRome,Italy\n', { format: "csv" });
    expect(pairs(deck)).toEqual([
      ["Paris, France", 'capital\nof "France"'],
      ["Rome", "Italy"],
    ]);
  });

  it("drops a UTF-8 byte order mark and reads CRLF line ends", () => {
    const deck = imported('\uFEFFfront,back,tags\r\nCafé,coffee,food drink\r\nThé,"tea\r\nhot"\r\n');
    expect(deck.cards[0]).toMatchObject({ id: "cafe", front: "Café", back: "coffee", tags: ["food", "drink"] });
    expect(deck.cards[1]?.back).toBe("tea\nhot");
  });

  it("keeps the line each row starts on, also after a field with a line break", () => {
    const { rows } = readDelimited('a,"x\r\ny"\r\nb,c\rd,e\n', ",");
    expect(rows.map((row) => row.line)).toEqual([1, 3, 4]);
  });

  it("reads a quote inside a bare field, and an unclosed quote, as text", () => {
    const { rows, warnings } = readDelimited('5" screen,small\n"open,never closed\n', ",");
    expect(rows.map((row) => row.fields)).toEqual([
      ['5" screen', "small"],
      ['"open', "never closed"],
    ]);
    expect(warnings).toEqual(["line 2: a quote opens a field that is never closed; read it as text"]);
  });

  it("joins cells after the second into the back without a header, and says how to name columns", () => {
    const outcome = importDeck("gVisor,runtime,in Go\n", { title: "t", format: "csv" });
    expect(outcome.ok && pairs(outcome.deck)).toEqual([["gVisor", "runtime\nin Go"]]);
    expect(outcome.warnings[0]).toContain("front,back,tags");
  });
});

describe("TSV", () => {
  it("takes an optional header in any order, Quizlet's term/definition too", () => {
    expect(pairs(imported("back\tfront\nParis\tFrance\n"))).toEqual([["France", "Paris"]]);
    expect(pairs(imported("term\tdefinition\nperro\tdog\n"))).toEqual([["perro", "dog"]]);
    expect(pairs(imported("perro\tdog\ngato\tcat\n"))).toEqual([
      ["perro", "dog"],
      ["gato", "cat"],
    ]);
  });
});

describe("skipped rows", () => {
  it("names empty, one-column, duplicate and half-empty rows with their lines", () => {
    const outcome = importDeck("front\tback\na\t1\n \t \nlonely\na\t1\nb\t\n\tc\nA \t 1\nd\t4\n", { title: "t" });
    expect(outcome.ok && outcome.deck.cards.map((card) => card.front)).toEqual(["a", "d"]);
    const sameAsLine2 = "same front and back as line 2";
    expect(outcome.skipped).toEqual([
      { reason: "empty", count: 1, shown: [{ line: 3, reason: "empty" }] },
      { reason: "one column", count: 1, shown: [{ line: 4, reason: "one column" }] },
      {
        reason: "duplicate",
        count: 2,
        shown: [
          { line: 5, reason: "duplicate", detail: sameAsLine2 },
          { line: 8, reason: "duplicate", detail: sameAsLine2 },
        ],
      },
      { reason: "no back", count: 1, shown: [{ line: 6, reason: "no back" }] },
      { reason: "no front", count: 1, shown: [{ line: 7, reason: "no front" }] },
    ]);
    expect(importSummary(outcome)).toEqual([
      "Read 2 cards as tsv (auto: 7 of the first 8 rows have a tab).",
      "Skipped 6 rows:",
      "  empty: line 3",
      "  one column: line 4",
      "  duplicate: line 5 (same front and back as line 2), line 8 (same front and back as line 2)",
      "  no back: line 6",
      "  no front: line 7",
    ]);
  });
});

describe("Anki notes in plain text", () => {
  const anki = [
    "#separator:tab",
    "#html:true",
    "#tags column:3",
    "#deck:World capitals",
    "Capital of <b>France</b>?\tParis<br><div>on the Seine</div>\tgeo::europe capitals",
    "{{c1::Rome::city}} is the capital of {{c2::Italy}}.\tSince 1871&nbsp;&amp; before\tgeo::europe",
    "",
  ].join("\n");

  it("reads the header, strips HTML keeping line breaks, and turns cloze deletions into blanks", () => {
    const outcome = importDeck(anki, {});
    expect(outcome.detectedBecause).toBe('Anki header line "#separator:tab"');
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.deck).toMatchObject({ id: "world-capitals", title: "World capitals" });
    expect(outcome.deck.cards).toEqual([
      {
        id: "capital-of-france",
        front: "Capital of **France**?",
        back: "Paris\non the Seine",
        tags: ["geo-europe", "capitals"],
      },
      {
        id: "city-is-the-capital-of-italy",
        front: "[city] is the capital of Italy.",
        back: "Rome\n\nSince 1871 & before",
        tags: ["geo-europe"],
      },
      {
        id: "rome-is-the-capital-of",
        front: "Rome is the capital of [...].",
        back: "Italy\n\nSince 1871 & before",
        tags: ["geo-europe"],
      },
    ]);
  });

  it("reads other separators by name and old exports without a header", () => {
    expect(pairs(imported("#separator:Semicolon\n#html:false\na;<b>1</b>\n"))).toEqual([["a", "<b>1</b>"]]);
    expect(pairs(imported("{{c1::Oslo}} is in Norway\n"))).toEqual([["[...] is in Norway", "Oslo"]]);
  });

  it("strips scripts, images, sounds and entities", () => {
    expect(
      htmlToText(
        '<ul><li>one</li><li>two &lt;3</li></ul><img src="x.png">[sound:a.mp3]<script>x()</script>&#233;&#x263A;',
      ),
    ).toBe("- one\n- two <3\né☺");
  });
});

describe("Quizlet", () => {
  it("reads custom term and row separators, splitting at the first term separator only", () => {
    const outcome = importDeck("perro - dog - a pet\n\nGATO - cat\ngato - cat\n", {
      title: "t",
      termSeparator: " - ",
      rowSeparator: "\n",
    });
    expect(outcome.format).toBe("quizlet");
    expect(outcome.ok && pairs(outcome.deck)).toEqual([
      ["perro", "dog - a pet"],
      ["GATO", "cat"],
    ]);
    expect(outcome.skipped.flatMap((group) => group.shown.map((row) => [row.line, row.reason]))).toEqual([
      [4, "duplicate"],
    ]);
    expect(outcome.blankLines).toBe(1);
  });

  it("reads rows separated by a custom separator, with line numbers of where rows start", () => {
    const outcome = importDeck("uno|one##\ndos|two##\ntres##", {
      title: "t",
      format: "quizlet",
      termSeparator: "pipe",
      rowSeparator: "##",
    });
    expect(outcome.ok && pairs(outcome.deck)).toEqual([
      ["uno", "one"],
      ["dos", "two"],
    ]);
    expect(outcome.skipped).toEqual([{ reason: "one column", count: 1, shown: [{ line: 3, reason: "one column" }] }]);
  });

  it("detects Quizlet's comma and semicolon export", () => {
    const outcome = importDeck("uno,one;dos,two;tres,three", { title: "t" });
    expect(outcome.format).toBe("quizlet");
    expect(outcome.ok && outcome.deck.cards).toHaveLength(3);
  });
});

describe("ids", () => {
  it("derives ids from fronts, stable and unique", () => {
    const deck = imported("C++\tlanguage\nC#\tlanguage too\n猫\tcat\nÉtat\tstate\n");
    expect(deck.cards.map((card) => card.id)).toEqual([
      "c",
      "c-2",
      expect.stringMatching(/^card-[0-9a-z]{7}$/),
      "etat",
    ]);
    expect(imported("猫\tcat\n").cards[0]?.id).toBe(deck.cards[2]?.id);
  });

  it("keeps the previous version's ids for unchanged fronts and never reuses a removed card's id", () => {
    const previous = imported("b\t2\na\t1\n");
    const next = imported("new\t0\nA\t1 (edited)\nb\t2\n", {
      previous: { ...previous, cards: previous.cards.map((c) => (c.front === "b" ? { ...c, id: "bee" } : c)) },
    });
    expect(next.cards.map((card) => [card.front, card.id])).toEqual([
      ["new", "new"],
      ["A", "a"],
      ["b", "bee"],
    ]);
    const reused = imported("b\t2\n", {
      previous: { ...previous, cards: [{ id: "b", front: "old b", back: "x", tags: [] }] },
    });
    expect(reused.cards[0]?.id).toBe("b-2");
  });

  it("marks cards with the same front or back as answering the same prompt", () => {
    const deck = imported("car\ta vehicle\nautomobile\ta vehicle\nbank\triver side\nbank\tmoney place\n");
    expect(deck.cards.map((card) => card.same_as)).toEqual([["automobile"], ["car"], ["bank-2"], ["bank"]]);
  });
});

describe("garbage", () => {
  it("says why binary, empty and one-column text make no deck, without throwing", () => {
    expect(failed("").message).toBe("there is nothing to import: the text is empty");
    expect(failed(" \n\n").message).toBe("there is nothing to import: the text is empty");
    expect(failed("\u0000\u0001\u0002\u0003garbage\u0004\u0005").message).toContain("not text");
    const oneColumn = failed("just\nwords\nhere\n");
    expect(oneColumn.message).toContain("no row has a tab between front and back");
    expect(oneColumn.skipped).toEqual([expect.objectContaining({ reason: "one column", count: 3 })]);
  });

  it("rejects a bad deck id or a missing title with a sentence", () => {
    expect(failed("a\tb\n", { id: "Not An Id" }).message).toContain('"Not An Id" is not a deck id');
    expect(importDeck("a\tb\n", {})).toMatchObject({ ok: false, message: "the deck needs a title" });
    expect(failed("a\tb\n", { title: "日本語" }).message).toContain("no deck id can be made");
  });

  it("points at the line of a card the deck schema refuses", () => {
    const outcome = failed(`front\tback\tterm\nok\tfine\tshort\nlong\tx\t${"t".repeat(81)}\n`);
    expect(outcome.message).toBe("line 3: cards[1].term: must be at most 80 characters");
  });

  it("decodes bytes: PDF, NUL bytes and empty files are refused, UTF-16 and Windows-1252 read", () => {
    expect(decodeDeckBytes(new TextEncoder().encode("%PDF-1.7"))).toMatchObject({ ok: false });
    expect(decodeDeckBytes(new Uint8Array([0x61, 0x00, 0x62]))).toMatchObject({
      ok: false,
      message: expect.stringContaining("binary"),
    });
    expect(decodeDeckBytes(new Uint8Array())).toEqual({ ok: false, message: "the file is empty" });
    expect(decodeDeckBytes(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x09, 0x00, 0x62, 0x00]))).toEqual({
      ok: true,
      text: "a\tb",
    });
    expect(decodeDeckBytes(new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).toMatchObject({ ok: true, text: "café" });
  });

  it("never throws on arbitrary text in any format", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = [
      '"',
      ",",
      "\t",
      "\n",
      "\r",
      ";",
      "#",
      "{{c1::",
      "}}",
      "<br>",
      "&amp;",
      "a",
      "Z",
      " ",
      "é",
      "::",
      "|",
    ];
    for (let round = 0; round < 300; round += 1) {
      const text = Array.from(
        { length: Math.floor(random() * 60) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join("");
      for (const format of ["auto", "csv", "tsv", "anki", "quizlet"] as const) {
        expect(() => importDeck(text, { title: "t", format })).not.toThrow();
      }
    }
  });
});

describe("export", () => {
  const deck: Deck = {
    id: "sandboxes",
    title: "L12 – Sandboxes",
    description: "",
    cards: [
      {
        id: "gvisor",
        front: "gVisor",
        back: "- runtime in Go\n- small\tattack surface",
        tags: ["runtimes"],
        term: "gVisor",
      },
      { id: "kata", front: 'Kata "containers"', back: "VMs <as> containers & more", tags: [], same_as: ["gvisor"] },
    ],
  };

  it("TSV round trip gives the same cards", () => {
    const text = exportDeck(deck, "tsv");
    expect(text.split("\n")[0]).toBe("id\tfront\tback\ttags\tterm\tsame_as");
    expect(imported(text, { id: deck.id, title: deck.title }).cards).toEqual(deck.cards);
  });

  it("Anki round trip gives the same cards, id and title (term and same_as stay behind)", () => {
    const text = exportDeck(deck, "anki");
    expect(text).toContain("#deck:L12 – Sandboxes");
    const back = importDeck(text, {});
    if (!back.ok) throw new Error(back.message);
    expect(back.deck.title).toBe(deck.title);
    expect(back.deck.cards).toEqual(deck.cards.map(({ term: _term, same_as: _sameAs, ...card }) => card));
  });

  it("imports 5,000 cards", () => {
    const text = Array.from(
      { length: 5000 },
      (_, n) => `term ${n}\t"definition ${n}, with a comma\nand a second line"`,
    ).join("\n");
    const big = imported(text, { format: "tsv" });
    expect(big.cards).toHaveLength(5000);
    expect(new Set(big.cards.map((card) => card.id)).size).toBe(5000);
  });
});

describe("input of any size: the work and the summary stay linear and bounded", () => {
  it("keeps a count and the first rows per reason, not a copy of every skipped row", () => {
    const outcome = importDeck(`a\t1\n${"\t\n".repeat(100_000)}b\t2\n`, { title: "t" });
    expect(outcome.ok).toBe(true);
    expect(outcome.skipped).toHaveLength(1);
    const [empty] = outcome.skipped;
    expect(empty?.count).toBe(100_000);
    expect(empty?.shown.map((row) => row.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(importSummary(outcome)).toContain(
      "  empty: line 2, line 3, line 4, line 5, line 6, line 7, line 8, line 9, line 10, line 11 and 99990 more",
    );
  });

  it("hands empty lines to a callback instead of making a row of each", () => {
    const blank: number[] = [];
    const read = readDelimited("a,b\n\n\r\n\nc,d\n", ",", (line) => blank.push(line));
    expect(read.rows).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 5, fields: ["c", "d"] },
    ]);
    expect(blank).toEqual([2, 3, 4]);
  });

  it("numbers equal fronts on from the last suffix given", () => {
    const deck = imported(Array.from({ length: 300 }, (_, n) => `same\tanswer ${n}`).join("\n"));
    expect(deck.cards.map((card) => card.id)).toEqual([
      "same",
      ...Array.from({ length: 299 }, (_, n) => `same-${n + 2}`),
    ]);
  });

  it(`links cards that share a back only while there are at most ${SAME_ANSWER_MAX_CARDS} of them`, () => {
    const sharing = (count: number) =>
      imported(Array.from({ length: count }, (_, n) => `question ${n}\tyes`).join("\n")).cards;
    expect(sharing(SAME_ANSWER_MAX_CARDS).every((card) => card.same_as?.length === SAME_ANSWER_MAX_CARDS - 1)).toBe(
      true,
    );
    expect(sharing(SAME_ANSWER_MAX_CARDS + 1).some((card) => card.same_as !== undefined)).toBe(false);
  });
});

describe("Anki fields with unclosed markup", () => {
  it("hides the rest after an unclosed comment or script, as a browser does", () => {
    expect(htmlToText("a<!-- x <!-- y -->b<!-- z")).toBe("ab");
    expect(htmlToText("a<script>1</script>b<style>c")).toBe("ab");
  });

  it("reads a field of thousands of unclosed clozes and tags without trying each to the end", () => {
    const unclosed = "{{c1::".repeat(5000);
    expect(clozeCards(`${unclosed}{{c1::Rome}} is a capital`, "Italy")).toEqual([
      { front: `${unclosed}[...] is a capital`, back: "Rome\n\nItaly" },
    ]);
    expect(htmlToText(`${"<a".repeat(5000)}<b>x</b>`)).toBe(`${"<a".repeat(5000)}**x**`);
  });
});
