import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Deck } from "../../src/core/deck.js";
import { htmlToText } from "../../src/core/importers/html.js";
import { exportDeck, type ImportOptions, importDeck, importSummary } from "../../src/core/importers/index.js";
import { decksImportCommand } from "../../src/decks/commandLine.js";
import { useTempDir } from "../kit/tempDir.js";

/** Issue #17: shapes of real exports written by other people, each checked card by card. */

const tempDir = useTempDir("studybot-real-exports-");

function imported(text: string, options: ImportOptions = {}): Deck {
  const outcome = importDeck(text, { title: "Real export", ...options });
  if (!outcome.ok) throw new Error(`expected a deck, got: ${outcome.message}`);
  return outcome.deck;
}

const cards = (deck: Deck) => deck.cards.map(({ front, back, tags }) => ({ front, back, tags }));

async function importFile(fileName: string, content: string, ...args: string[]) {
  const dir = tempDir();
  const file = join(dir, fileName);
  await writeFile(file, content);
  const output = { out: "", err: "" };
  const io = {
    decksDir: dir,
    out: (text: string) => (output.out += text),
    err: (text: string) => (output.err += text),
  };
  const code = await decksImportCommand([file, ...args], io);
  return { code, output, dir };
}

describe("8. separators that start with a dash", () => {
  it("takes --term-sep --- and --row-sep -// as values, not as options", async () => {
    const { code, output, dir } = await importFile(
      "quizlet.txt",
      "gato---cat-//perro---dog-//",
      "--term-sep",
      "---",
      "--row-sep",
      "-//",
      "--title",
      "Animals",
    );
    expect(output.err).toBe("");
    expect(code).toBe(0);
    const deck = parse(await readFile(join(dir, "animals.yaml"), "utf8")) as Deck;
    expect(deck.cards.map(({ front, back }) => [front, back])).toEqual([
      ["gato", "cat"],
      ["perro", "dog"],
    ]);
  });
});

describe("10. the YAML written and the card ids", () => {
  it("quotes on, yes, no and y, so YAML 1.1 readers do not take them as booleans", async () => {
    const { code, dir } = await importFile("words.tsv", "on\tan\nyes\tsí\nno\tno\ny\ty\nOff\tapagado\n");
    expect(code).toBe(0);
    const yaml = await readFile(join(dir, "words.yaml"), "utf8");
    for (const word of ["on", "yes", "no", "y", "Off"]) expect(yaml).toContain(`front: "${word}"`);
    expect(yaml).toContain('back: "no"');
    expect(yaml).toContain("back: an");
    const deck = parse(yaml, { version: "1.1" }) as Deck;
    expect(deck.cards.map((card) => card.front)).toEqual(["on", "yes", "no", "y", "Off"]);
  });

  it("transliterates letters that have no accent to drop: ł, ø, ß, æ, œ", () => {
    const deck = imported("Łódź\tcity\nØresund\tstrait\nStraße\tstreet\nÆbleskive\tpancake\nœuvre\twork\n");
    expect(deck.cards.map((card) => card.id)).toEqual(["lodz", "oresund", "strasse", "aebleskive", "oeuvre"]);
  });
});

describe("2 and 5. HTML as Anki's editor writes it", () => {
  it("keeps text before an opening <div> on its own line, and <div><br></div> as a blank line", () => {
    expect(htmlToText("first line<div>second</div><div>third</div>")).toBe("first line\nsecond\nthird");
    expect(htmlToText("a<div><br></div><div>b</div>")).toBe("a\n\nb");
    expect(htmlToText("Paris<br><div>on the Seine</div>")).toBe("Paris\non the Seine");
  });

  it("separates table cells, drops the source's indentation and closes bold at each line break", () => {
    const table = [
      "<table>",
      "  <tr><th>Source</th><th>Protocol</th><th>Port</th></tr>",
      "  <tr>",
      "    <td>web</td>",
      "    <td>TCP</td>",
      "    <td>443</td>",
      "  </tr>",
      "</table>",
    ].join("\n");
    expect(htmlToText(table)).toBe("Source | Protocol | Port\nweb | TCP | 443");
    expect(htmlToText("<div>\n    indented\n    source text\n</div>")).toBe("indented source text");
    expect(htmlToText("<b>bold over<br>two lines</b> then plain")).toBe("**bold over**\n**two lines** then plain");
  });
});

describe("11. CSV cells holding HTML", () => {
  it("turns the HTML of a cell into text, and leaves a < that is no tag alone", () => {
    const deck = imported('front,back\n"one<br>two","a&nbsp;b<div>c</div>"\nx < y,"a<b, b>c"\n', { format: "csv" });
    expect(cards(deck)).toEqual([
      { front: "one\ntwo", back: "a b\nc", tags: [] },
      { front: "x < y", back: "a<b, b>c", tags: [] },
    ]);
  });
});

describe("9. blank lines between rows", () => {
  it("are counted as layout, not reported as thousands of skipped rows", () => {
    const blank = "\n".repeat(3000);
    for (const text of [
      `gato\tcat\n${blank}perro\tdog\n`,
      `#separator:tab\n#html:false\ngato\tcat\n${blank}perro\tdog\n`,
    ]) {
      const outcome = importDeck(text, { title: "Animals" });
      expect(outcome.ok && cards(outcome.deck)).toEqual([
        { front: "gato", back: "cat", tags: [] },
        { front: "perro", back: "dog", tags: [] },
      ]);
      expect(importSummary(outcome).slice(1)).toEqual(["Ignored 3000 blank lines between rows (no cards there)."]);
    }
  });
});

describe("4. content after the second column", () => {
  it("joins a definition's second tab into the back instead of cutting it, and counts it", () => {
    const outcome = importDeck("hund\tdog\tthe animal\nkatze\tcat\nmaus\tmouse\t\tcomputer too\n", { title: "t" });
    expect(outcome.ok && cards(outcome.deck)).toEqual([
      { front: "hund", back: "dog\nthe animal", tags: [] },
      { front: "katze", back: "cat", tags: [] },
      { front: "maus", back: "mouse\ncomputer too", tags: [] },
    ]);
    expect(importSummary(outcome)).toContain(
      "Note: joined 2 fields on 2 rows (first: line 1) into the back: cells after the second, each on a line (a header row such as front\tback\ttags names columns)",
    );
  });

  it("keeps columns the header does not know under their names", () => {
    const deck = imported("front,back,Example,tags\nser,to be,Soy yo,verbs\nestar,to be (state),,verbs\n");
    expect(cards(deck)).toEqual([
      { front: "ser", back: "to be\nExample: Soy yo", tags: ["verbs"] },
      { front: "estar", back: "to be (state)", tags: ["verbs"] },
    ]);
  });
});

describe("4. Anki note fields after the second", () => {
  it("joins them into the back, under the names of a #columns header, and counts them", () => {
    const text = [
      "#separator:tab",
      "#html:true",
      "#columns:Front\tBack\tExample\tNotes",
      "der Hund\tthe dog\tDer Hund bellt.\t",
      "die Katze\tthe cat\t\tfeminine",
      "",
    ].join("\n");
    const outcome = importDeck(text, { title: "German" });
    expect(outcome.ok && cards(outcome.deck)).toEqual([
      { front: "der Hund", back: "the dog\nExample: Der Hund bellt.", tags: [] },
      { front: "die Katze", back: "the cat\nNotes: feminine", tags: [] },
    ]);
    expect(importSummary(outcome)).toContain(
      "Note: joined 2 fields on 2 rows (first: line 4) into the back: note fields after the second, each on a line",
    );
  });
});

describe("6 and 7. Anki's deck, note type and tags columns", () => {
  it("makes the deck and note type of each note tags, so distractors come from the same deck", () => {
    const text = [
      "#separator:tab",
      "#html:true",
      "#notetype column:1",
      "#deck column:2",
      "#tags column:5",
      "Basic\tLanguages::German\tder Hund\tthe dog\tanimals",
      "Basic (and reversed card)\tGeography\tParis\tcapital of France\t",
      "",
    ].join("\n");
    expect(cards(imported(text))).toEqual([
      { front: "der Hund", back: "the dog", tags: ["animals", "languages-german", "basic"] },
      { front: "Paris", back: "capital of France", tags: ["geography", "basic-and-reversed-card"] },
    ]);
  });

  it("does not read an image field as tags when #tags column points at it", () => {
    const text = [
      "#separator:tab",
      "#html:true",
      "#tags column:3",
      'Hund\tdog\t<img src="hund.jpg">',
      'Katze\tcat\t<img src="katze.jpg">',
      "",
    ].join("\n");
    const outcome = importDeck(text, { title: "German" });
    expect(outcome.ok && cards(outcome.deck)).toEqual([
      { front: "Hund", back: "dog", tags: [] },
      { front: "Katze", back: "cat", tags: [] },
    ]);
    expect(outcome.warnings).toContain(
      'line 4: the "#tags column:3" header points at a field, not tags (an Anki export bug): read it as a field',
    );
  });
});

describe("1. Anki exports from before 2.1.55 (no # header lines)", () => {
  it("are read as Anki notes: HTML turned into text and the last column as tags", () => {
    const text = [
      "Capital of <b>France</b>?\tParis<br />on the Seine\tgeo::europe capitals",
      "5 &gt; 3?\tyes,&nbsp;it is<div>always</div>\tmaths",
      "der Hund\tthe dog\t",
      "",
    ].join("\n");
    const outcome = importDeck(text, { title: "Old export" });
    expect(outcome.format).toBe("anki");
    expect(outcome.detectedBecause).toBe("every row has a tab, and HTML in fields (an Anki export without # headers)");
    expect(outcome.ok && cards(outcome.deck)).toEqual([
      { front: "Capital of **France**?", back: "Paris\non the Seine", tags: ["geo-europe", "capitals"] },
      { front: "5 > 3?", back: "yes, it is\nalways", tags: ["maths"] },
      { front: "der Hund", back: "the dog", tags: [] },
    ]);
  });
});

describe("3. a first row of column names the importer does not know", () => {
  it.each([
    ["Terms,Definitions", "Terms"],
    ["Column1,Column2", "Column1"],
    ["korean,english", "korean"],
    ["Wort,Bedeutung", "Wort"],
  ])("skips %s and says so", (names, firstName) => {
    const outcome = importDeck(`${names}\n개,dog\n고양이,cat\n`, { title: "t", format: "csv" });
    expect(outcome.ok && cards(outcome.deck).map((card) => card.front)).toEqual(["개", "고양이"]);
    expect(outcome.warnings[0]).toContain(`line 1 looks like column names ("${firstName}"`);
  });

  it("skips short plain words above rows with digits and punctuation, and names extra columns by them", () => {
    const deck = imported("word\tsense\tusage\nrun\tto move fast.\tI run daily (at 6).\nsit\tto rest, seated.\t\n");
    expect(cards(deck)).toEqual([
      { front: "run", back: "to move fast.\nusage: I run daily (at 6).", tags: [] },
      { front: "sit", back: "to rest, seated.", tags: [] },
    ]);
  });

  it("reads a vocabulary list's first pair as a card, and --header / --no-header decide", async () => {
    const vocabulary = "gato\tcat\nperro\tdog\n";
    expect(cards(imported(vocabulary)).map((card) => card.front)).toEqual(["gato", "perro"]);
    expect(cards(imported(vocabulary, { header: true })).map((card) => card.front)).toEqual(["perro"]);
    expect(cards(imported("Terms\tDefinitions\n", { header: false })).map((card) => card.front)).toEqual(["Terms"]);
    const { code, dir } = await importFile("pets.tsv", vocabulary, "--header");
    expect(code).toBe(0);
    expect(await readFile(join(dir, "pets.yaml"), "utf8")).not.toContain("gato");
    const both = await importFile("pets.tsv", vocabulary, "--header", "--no-header");
    expect(both.code).toBe(2);
    expect(both.output.err).toContain("give --header or --no-header, not both");
  });
});

describe("round trip of text that looks like markup", () => {
  it("keeps typed ** and <b> in studybot's own TSV and Anki exports", () => {
    const deck: Deck = {
      id: "marks",
      title: "Marks",
      description: "",
      cards: [{ id: "stars", front: "**a", back: "<b>a</b> is bold", tags: [] }],
    };
    for (const format of ["tsv", "anki"] as const) {
      const back = imported(exportDeck(deck, format), { format });
      expect(cards(back)).toEqual([{ front: "**a", back: "<b>a</b> is bold", tags: [] }]);
    }
  });

  it("keeps a nested list's indentation and two blank lines in a row through an Anki export", () => {
    const back = "- runtimes\n  - gVisor\n  - Kata \n\n\nsee also: VMs";
    const deck: Deck = {
      id: "lists",
      title: "Lists",
      description: "",
      cards: [{ id: "l", front: "list", back, tags: [] }],
    };
    expect(cards(imported(exportDeck(deck, "anki"), { format: "anki" }))).toEqual([{ front: "list", back, tags: [] }]);
  });

  it("reads blank lines as a browser shows them: each <div><br></div> one, and no extra one", () => {
    expect(htmlToText("a<div><br></div><div><br></div><div>b</div>")).toBe("a\n\n\nb");
    expect(htmlToText("<div>a</div><br><div>b</div>")).toBe("a\n\nb");
    expect(htmlToText("a<br><br><br>b")).toBe("a\n\n\nb");
  });
});

describe("Quizlet's custom term separators", () => {
  it.each([
    ["/////", "gato/////cat\nperro/////dog, a pet\nratón/////mouse\n"],
    [" --- ", "gato --- cat\nperro --- dog - a pet\nratón --- mouse\n"],
    [" - ", "gato - cat\nperro - dog\nratón - mouse\n"],
  ])("recognises %j and says it chose it", (separator, text) => {
    const outcome = importDeck(text, { title: "Animals" });
    expect(outcome.format).toBe("quizlet");
    expect(outcome.detectedBecause).toBe(
      `${JSON.stringify(separator)} occurs once on nearly every line: taken as the term separator`,
    );
    expect(outcome.ok && cards(outcome.deck).map((card) => card.front)).toEqual(["gato", "perro", "ratón"]);
  });

  it("leaves prose with the odd dash alone", () => {
    const outcome = importDeck("gato,cat - a pet\nperro,dog\nratón,mouse\n", { title: "Animals" });
    expect(outcome.format).toBe("csv");
  });
});
