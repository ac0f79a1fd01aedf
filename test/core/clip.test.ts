import { describe, expect, it } from "vitest";
import { clip, ELLIPSIS } from "../../src/core/clip.js";
import { driftWarning } from "../../src/core/deckChanges.js";
import { parseCommand } from "../../src/core/grammar.js";
import { resultView } from "../../src/core/quizViews.js";
import { autocompleteChoices } from "../../src/platforms/discord/commands.js";
import { truncate } from "../../src/platforms/discord/render.js";
import { clip as clipForSlack } from "../../src/platforms/slack/render.js";
import { smallDeck } from "../kit/fakes.js";

const FAMILY = "👨‍👩‍👧‍👦"; // four people joined by ZWJ: 11 UTF-16 units, 7 code points, one grapheme
const FLAG = "🇩🇪"; // two regional indicators: 4 UTF-16 units, 2 code points, one grapheme
const E_ACUTE = "e\u0301"; // e + combining acute accent: 2 units, one grapheme
const GRINNING = "😀"; // a surrogate pair

describe("clip", () => {
  it("returns text that fits unchanged, up to the exact limit", () => {
    expect(clip("", 0)).toBe("");
    expect(clip("abc", 5)).toBe("abc");
    expect(clip("abcde", 5)).toBe("abcde");
    expect(clip("abcdef", 5)).toBe("abcd…");
    expect(clip("abcdef", 5)).toHaveLength(5);
  });

  it("returns only the ellipsis when it alone fits, and nothing when it does not", () => {
    expect(clip("abc", 1)).toBe(ELLIPSIS);
    expect(clip("abc", 0)).toBe("");
    expect(clip("abc", -3)).toBe("");
  });

  it("keeps a ZWJ family whole or drops it whole", () => {
    const text = `a${FAMILY}bc`;
    expect(clip(text, 13)).toBe(`a${FAMILY}…`);
    for (let max = 2; max < 13; max++) expect(clip(text, max)).toBe("a…");
    expect(clip(`${FAMILY}${FAMILY}`, 10)).toBe(ELLIPSIS);
  });

  it("never splits a flag into its two regional indicators", () => {
    const text = `${FLAG}${FLAG}${FLAG}`;
    expect(clip(text, 9)).toBe(`${FLAG}${FLAG}…`);
    expect(clip(text, 8)).toBe(`${FLAG}…`);
    expect(clip(text, 6)).toBe(`${FLAG}…`);
    expect(clip(text, 5)).toBe(`${FLAG}…`);
    expect(clip(text, 4)).toBe(ELLIPSIS);
  });

  it("keeps a combining mark with its letter", () => {
    const text = `caf${E_ACUTE} noir`;
    expect(clip(text, 6)).toBe(`caf${E_ACUTE}…`);
    expect(clip(text, 5)).toBe("caf…");
  });

  it("does not cut a surrogate pair that straddles the limit", () => {
    expect(clip(`ab${GRINNING}cd`, 4)).toBe("ab…");
    expect(clip(`ab${GRINNING}cd`, 5)).toBe(`ab${GRINNING}…`);
  });

  it("counts in code points when the platform counts characters", () => {
    const text = `${GRINNING.repeat(4)}x`;
    expect(clip(text, 5, { unit: "codePoint" })).toBe(text);
    expect(clip(text, 4, { unit: "codePoint" })).toBe(`${GRINNING.repeat(3)}…`);
    expect(clip(text, 4)).toBe(`${GRINNING}…`);
    expect(clip(`a${FAMILY}b`, 9, { unit: "codePoint" })).toBe(`a${FAMILY}b`);
    expect(clip(`a${FAMILY}bc`, 9, { unit: "codePoint" })).toBe(`a${FAMILY}…`);
  });

  it("drops a keepWhole span the cut would fall into", () => {
    const mention = /<@\w+>/g;
    expect(clip("hi <@U12345> there", 8, { keepWhole: mention })).toBe("hi …");
    expect(clip("hi <@U12345> there", 13, { keepWhole: mention })).toBe("hi <@U12345>…");
    expect(clip("<@U1><@U2><@U3>", 11, { keepWhole: mention })).toBe("<@U1><@U2>…");
  });

  it("never returns more than max, whatever the text", () => {
    const text = `${FAMILY}a${E_ACUTE}${FLAG}${GRINNING}<@U1>b`.repeat(3);
    for (const unit of ["utf16", "codePoint"] as const) {
      const count = (s: string) => (unit === "utf16" ? s.length : [...s].length);
      for (let max = 0; max <= count(text); max++) {
        const clipped = clip(text, max, { unit, keepWhole: /<@\w+>/g });
        expect(count(clipped)).toBeLessThanOrEqual(max);
        expect(text.startsWith(clipped.replace(/…$/, ""))).toBe(true);
      }
    }
  });
});

describe("every clip in the tree keeps graphemes whole", () => {
  const ACCENTED = E_ACUTE.repeat(50);

  it("Discord: a ZWJ family at the limit is dropped, not cut after its first person", () => {
    expect(truncate(`ab${FAMILY}cd`, 8)).toBe("ab…");
    expect(truncate(`ab${FAMILY}cd`, 14)).toBe(`ab${FAMILY}…`);
  });

  it("Slack: counts characters and never leaves half a flag", () => {
    expect(clipForSlack(`ab${FLAG}${FLAG}`, 4)).toBe("ab…");
    expect(clipForSlack(GRINNING.repeat(3), 3)).toBe(GRINNING.repeat(3));
  });

  it("Discord: a deck suggestion's name keeps its flags whole", () => {
    const deck = { ...smallDeck("flags"), title: `x${FLAG.repeat(30)}` };
    const [choice] = autocompleteChoices("deck", "", [deck]);
    expect(choice?.name).toMatch(/^x(?:🇩🇪)+…$/u);
    expect(choice?.name.length).toBeLessThanOrEqual(100);
  });

  it("a command error echoes a pasted token without half a flag", () => {
    const result = parseCommand(`deck info x${FLAG.repeat(25)}`);
    const echoed = result.ok ? "" : (/^"(.*)…"/u.exec(result.error)?.[1] ?? "");
    expect(echoed).toMatch(/^x(?:🇩🇪)+$/u);
  });

  it("a drift warning quotes whole accented letters", () => {
    const warning = driftWarning("deck", { cardId: "c", side: "front", before: ACCENTED, after: "new" });
    expect(warning).toContain(`from "${E_ACUTE.repeat(19)}…" to "new"`);
  });

  it("a closed quiz shows the first line of the answer with whole accented letters", () => {
    const quiz = {
      id: 1,
      deckId: "deck",
      cardId: "c",
      deckTitle: "Deck",
      direction: "definition" as const,
      prompt: "p",
      options: [{ cardId: "a", text: ACCENTED }],
      correctIndex: 0,
      optionsInBody: false,
      answerMode: "buttons" as const,
      nonce: "abcdef12",
      closesAt: null,
    };
    const results = {
      answered: 0,
      correct: 0,
      countsByChoice: new Map(),
      streaks: [],
      explanation: "",
      closedAt: new Date(0),
    };
    const texts = resultView(quiz, results, "UTC").blocks.flatMap((block) =>
      block.type === "text" ? [block.text] : [],
    );
    expect(texts).toContainEqual(["Answer: ", { strong: `A · ${E_ACUTE.repeat(39)}…` }]);
  });
});
