import { describe, expect, it } from "vitest";
import { decodeAction, encodeAction } from "../../src/core/actions.js";
import { type QuizSnapshot, questionView, resultView } from "../../src/core/quizViews.js";
import { type Button, text, type View, view } from "../../src/core/views.js";
import {
  choiceOfEmoji,
  escapeMarkdown,
  LIMITS,
  letterEmoji,
  renderView,
  safeMarkdown,
  truncate,
} from "../../src/platforms/discord/render.js";

const NOW = new Date("2026-11-02T09:00:00Z");

function quiz(overrides: Partial<QuizSnapshot> = {}): QuizSnapshot {
  return {
    id: 42,
    deckId: "lightweight-sandboxes",
    cardId: "gvisor",
    deckTitle: "L12 – Lightweight sandboxes",
    direction: "definition",
    prompt: "gVisor",
    options: ["a", "b", "c", "d"].map((letter) => ({ cardId: letter, text: `option ${letter}` })),
    correctIndex: 2,
    optionsInBody: false,
    answerMode: "buttons",
    nonce: "abcdef12",
    closesAt: new Date("2026-11-02T10:00:00Z"),
    ...overrides,
  };
}

function embedSize(message: ReturnType<typeof renderView>): number {
  const [embed] = message.embeds;
  return (
    (embed?.title?.length ?? 0) +
    (embed?.description?.length ?? 0) +
    (embed?.footer?.text.length ?? 0) +
    (embed?.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

function buttons(count: number, label = (i: number) => `Button ${i}`): Button[] {
  return Array.from({ length: count }, (_, i) => ({
    action: encodeAction({ kind: "answer", quizId: 1, nonce: "abcdef12", choice: i % 26 }).replace(/\d+$/, String(i)),
    label: label(i),
    style: "secondary" as const,
  }));
}

describe("Discord renderer", () => {
  it("renders a question as one embed with a row of answer buttons whose ids decode", () => {
    const message = renderView(questionView(quiz(), "UTC", NOW));
    expect(message.embeds).toHaveLength(1);
    expect(message.embeds[0]?.title).toBe("Quiz #42 · L12 – Lightweight sandboxes");
    expect(message.embeds[0]?.description).toContain("Which of these describes **gVisor**?");
    expect(message.components).toHaveLength(1);
    const row = message.components[0]?.components ?? [];
    expect(row.map((button) => button.label)).toEqual(["A · option a", "B · option b", "C · option c", "D · option d"]);
    expect(row.map((button) => decodeAction(button.custom_id))).toEqual(
      [0, 1, 2, 3].map((choice) => ({ kind: "answer", quizId: 42, nonce: "abcdef12", choice })),
    );
    expect(message.allowedMentions).toEqual({ parse: [], users: [] });
  });

  it("lists long options in the body and puts only letters on the buttons", () => {
    const long = "x".repeat(300);
    const message = renderView(
      questionView(
        quiz({ optionsInBody: true, options: quiz().options.map((o) => ({ ...o, text: `${o.text} ${long}` })) }),
        "UTC",
        NOW,
      ),
    );
    const labels = message.components[0]?.components.map((button) => button.label);
    expect(labels).toEqual(["A", "B", "C", "D"]);
    expect(message.embeds[0]?.description).toMatch(/\*\*A\*\* option a x{300}/);
  });

  it("shows closed results with the right answer marked, counts, a mention and disabled buttons", () => {
    const results = {
      answered: 3,
      correct: 2,
      countsByChoice: new Map([
        [2, 2],
        [0, 1],
      ]),
      firstCorrect: { externalId: "1400000000000000011", name: "ana" },
      streaks: [{ user: { externalId: "1400000000000000011", name: "ana" }, days: 3 }],
      explanation: "- secure-container runtime written in Go",
      closedAt: new Date("2026-11-02T10:00:00Z"),
    };
    const message = renderView(resultView(quiz(), results, "UTC"));
    const [embed] = message.embeds;
    expect(embed?.description).toContain("**C** option c ✅ · 2");
    expect(embed?.description).toContain("- secure-container runtime written in Go");
    expect(embed?.fields?.find((field) => field.name === "First right")?.value).toBe("<@1400000000000000011>");
    expect(message.allowedMentions).toEqual({ parse: [], users: ["1400000000000000011"] });
    const row = message.components[0]?.components ?? [];
    expect(row.every((button) => button.disabled)).toBe(true);
    expect(row[2]?.style).toBe(3);
  });

  it("keeps every text within Discord's embed limits, the 6000-character total included", () => {
    const huge = "word ".repeat(3000);
    const message = renderView(
      view(
        "T".repeat(400),
        "info",
        [
          text(huge),
          {
            type: "fields",
            fields: Array.from({ length: 40 }, (_, i) => ({ label: `L${i} ${"n".repeat(300)}`, value: [huge] })),
          },
        ],
        { footer: "f".repeat(3000) },
      ),
    );
    const [embed] = message.embeds;
    expect(embed?.title?.length).toBe(LIMITS.title);
    expect(embed?.title?.endsWith("…")).toBe(true);
    expect(embed?.footer?.text.length).toBe(LIMITS.footer);
    expect(embed?.fields?.length).toBeLessThanOrEqual(LIMITS.fields);
    for (const field of embed?.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    expect(embed?.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
    expect(embedSize(message)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it("shows a character drawing as its words: the picture itself comes as an image", () => {
    const drawing = { type: "drawing" as const, lines: ["Mon ██·"], alt: "Study calendar: 2 *study* days." };
    expect(renderView(view("Calendar", "info", [drawing])).embeds[0]?.description).toBe(
      "Study calendar: 2 \\*study\\* days.",
    );
  });

  it("caps fields at 25, saying how many were left out", () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ label: `F${i}`, value: [`v${i}`] }));
    const embed = renderView(view("Many", "info", [{ type: "fields", fields }])).embeds[0];
    expect(embed?.fields).toHaveLength(25);
    expect(embed?.fields?.at(-1)).toEqual({ name: "…", value: "6 more not shown" });
  });

  it("splits buttons into rows of five, at most five rows, with labels of at most 80 characters", () => {
    const message = renderView(
      view("Buttons", "info", [], { buttons: [buttons(12, (i) => `${i} ${"é".repeat(200)}`)] }),
    );
    expect(message.components.map((row) => row.components.length)).toEqual([5, 5, 2]);
    for (const button of message.components.flatMap((row) => row.components)) {
      expect(button.label?.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
    }
    const many = renderView(view("Buttons", "info", [], { buttons: [buttons(40)] }));
    expect(many.components).toHaveLength(LIMITS.rows);
    expect(many.components.every((row) => row.components.length <= LIMITS.buttonsPerRow)).toBe(true);
  });

  it("leaves out a button whose id is too long or repeats another's, rather than cutting it into a forged id", () => {
    const [first, second] = buttons(2);
    const message = renderView(
      view("Buttons", "info", [], {
        buttons: [
          [
            first as Button,
            { ...(second as Button), action: "x".repeat(101) },
            { ...(first as Button), label: "again" },
          ],
        ],
      }),
    );
    expect(message.components[0]?.components.map((button) => button.custom_id)).toEqual([first?.action]);
  });

  it("escapes literal text and keeps deck markdown, but neither can mention anyone", () => {
    const v: View = view("*Stats* · _ana_", "info", [
      text("name: *bold* __u__ ~s~ `c` |spoiler| [link](http://x) <@1234567890123456789> @everyone"),
      text("# not a heading"),
      { type: "markdown", text: "**bold** - item <@1234567890123456789> <@&1234567890123456789> @here" },
    ]);
    const embed = renderView(v).embeds[0];
    expect(embed?.title).toBe("\\*Stats\\* · \\_ana\\_");
    expect(embed?.description).toContain(
      "name: \\*bold\\* \\_\\_u\\_\\_ \\~s\\~ \\`c\\` \\|spoiler\\| \\[link\\](http://x) \\<@1234567890123456789> @\u200beveryone",
    );
    expect(embed?.description).toContain("\\# not a heading");
    expect(embed?.description).toContain(
      "**bold** - item \\<@1234567890123456789> \\<@&1234567890123456789> @\u200bhere",
    );
    expect(renderView(v).allowedMentions.users).toEqual([]);
  });

  it("mentions users by id, strong text in bold, code in a span", () => {
    const message = renderView(
      view("Hi", "info", [
        text({ user: { externalId: "1400000000000000011", name: "ana" } }, " ", { strong: "a*b" }, " ", {
          code: "x`y",
        }),
      ]),
    );
    expect(message.embeds[0]?.description).toBe("<@1400000000000000011> **a\\*b** `xˋy`");
    expect(message.allowedMentions.users).toEqual(["1400000000000000011"]);
  });

  it("renders a user without a Discord id as an escaped name, not a broken mention", () => {
    const message = renderView(view("Hi", "info", [text({ user: { externalId: "local", name: "_me_" } })]));
    expect(message.embeds[0]?.description).toBe("@\\_me\\_");
  });

  it("ranks with the caller marked and a gap before an unlisted caller", () => {
    const user = (id: number, name: string) => ({ externalId: `14000000000000000${id}`, name });
    const message = renderView(
      view("Leaderboard", "info", [
        {
          type: "ranking",
          gapBeforeLast: true,
          rows: [
            { rank: 1, user: user(11, "ana"), value: "30 pts", detail: "2/2 right", isCaller: false },
            { rank: 14, user: user(12, "bo"), value: "10 pts", isCaller: true },
          ],
        },
      ]),
    );
    expect(message.embeds[0]?.description).toBe(
      "**1.** <@1400000000000000011> — 30 pts (2/2 right)\n…\n**14.** <@1400000000000000012> — 10 pts ◀ **you**",
    );
  });

  it("cuts text without splitting a surrogate pair, an escape or a mention", () => {
    expect(truncate("abc", 3)).toBe("abc");
    expect(truncate("ab😀cd", 4)).toBe("ab…");
    expect(truncate("ab\\*cd", 4)).toBe("ab…");
    expect(truncate("hi <@1234567890123456789>", 12)).toBe("hi …");
    expect(escapeMarkdown("1. one\n- two\n> three")).toBe("1\\. one\n\\- two\n\\> three");
    expect(safeMarkdown("<#123> and <:emoji:123>")).toBe("\\<#123> and \\<:emoji:123>");
  });

  it("escapes each markup on its own, and leaves plain text as it is", () => {
    const escaped: [string, string][] = [
      ["a*b", "a\\*b"],
      ["a_b", "a\\_b"],
      ["a~b", "a\\~b"],
      ["a`b", "a\\`b"],
      ["a|b", "a\\|b"],
      ["a[b]", "a\\[b\\]"],
      ["a<b", "a\\<b"],
      ["a\\b", "a\\\\b"],
      ["12. twelve", "12\\. twelve"],
      ["  # heading", "  \\# heading"],
      ["### heading", "\\### heading"],
      [">>> quote", "\\>>> quote"],
      ["+ item", "\\+ item"],
      ["text\n- item", "text\n\\- item"],
      ["hi @everyone", "hi @\u200beveryone"],
      ["@here", "@\u200bhere"],
    ];
    for (const [text, expected] of escaped) expect(escapeMarkdown(text)).toBe(expected);
    for (const plain of ["Right! +10 points.", "Closes at 14:05 UTC.", "#channel-less", "1.5 points", "@everyones"])
      expect(escapeMarkdown(plain)).toBe(plain);
  });

  it("maps option letters to regional indicator emoji and back, and nothing else", () => {
    expect([0, 1, 2, 3].map(letterEmoji)).toEqual(["🇦", "🇧", "🇨", "🇩"]);
    expect(["🇦", "🇧", "🇨", "🇩", "🇿"].map(choiceOfEmoji)).toEqual([0, 1, 2, 3, 25]);
    expect(["👍", "A", "", null, "🇦🇧"].map(choiceOfEmoji)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
