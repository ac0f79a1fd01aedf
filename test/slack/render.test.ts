import { describe, expect, it } from "vitest";
import { type Button, text, type View, view } from "../../src/core/views.js";
import {
  clip,
  escapeMrkdwn,
  markdownToMrkdwn,
  renderHome,
  renderMessage,
  renderTextInputModal,
  TIME_CHOICE_ACTION_ID,
} from "../../src/platforms/slack/render.js";
import { expectHomeWithinLimits, expectWithinBlockKitLimits } from "./blockKitLimits.js";

type Json = Record<string, unknown>;
const blocksOf = (v: View) => renderMessage(v).blocks as unknown as Json[];
const sectionTexts = (v: View) =>
  blocksOf(v)
    .filter((block) => block.type === "section" && block.text)
    .map((block) => String((block.text as Json).text));
const buttonsOf = (v: View) =>
  blocksOf(v)
    .filter((block) => block.type === "actions")
    .flatMap((block) => block.elements as Json[]);

const button = (label: string, action = "sb1:a:1:abcdef12:0", extra: Partial<Button> = {}): Button => ({
  action,
  label,
  style: "secondary",
  ...extra,
});

describe("Slack rendering", () => {
  it("escapes plain text, so deck or user text can never mention anyone or a channel", () => {
    const rendered = renderMessage(view("Q & A <tag>", "info", [text("Tom & Jerry <!channel> <@U123> a>b")]));
    expect(sectionTexts(view("t", "info", [text("Tom & Jerry <!channel> <@U123> a>b")]))).toEqual([
      "Tom &amp; Jerry &lt;!channel&gt; &lt;@U123&gt; a&gt;b",
    ]);
    // The header is plain text, which Slack shows literally.
    expect((rendered.blocks[0] as unknown as Json).text).toMatchObject({ type: "plain_text", text: "Q & A <tag>" });
    expect(rendered.text).toBe("Q &amp; A &lt;tag&gt;: Tom &amp; Jerry &lt;!channel&gt; &lt;@U123&gt; a&gt;b");
  });

  it("shows a character drawing as its words: the picture itself comes as an image", () => {
    const drawing = { type: "drawing" as const, lines: ["Mon ██·"], alt: "Study calendar: 2 study days & 1 missed." };
    expect(sectionTexts(view("t", "info", [text("Before"), drawing]))).toEqual([
      "Before\nStudy calendar: 2 study days &amp; 1 missed.",
    ]);
  });

  it("mentions Slack users by id, shows other people by name, and bolds and codes inline parts", () => {
    const v = view("t", "info", [
      text("First: ", { user: { externalId: "U024BE7LH", name: "ana" } }, ", then ", {
        user: { externalId: "local-ben", name: "ben" },
      }),
      text({ strong: " Right! " }, { code: "quiz `now`" }),
    ]);
    expect(sectionTexts(v)).toEqual(["First: <@U024BE7LH>, then @ben\n *Right!* `quiz 'now'`"]);
  });

  it("turns deck markdown into Slack mrkdwn: lists, bold, italics, headings and links", () => {
    expect(
      markdownToMrkdwn(
        "## Runtimes\n- **gVisor** is *secure*\n* Firecracker: [docs](https://firecracker-microvm.github.io)",
      ),
    ).toBe("*Runtimes*\n• *gVisor* is _secure_\n• Firecracker: <https://firecracker-microvm.github.io|docs>");
    expect(markdownToMrkdwn("a < b && <!here>")).toBe("a &lt; b &amp;&amp; &lt;!here&gt;");
  });

  it("joins consecutive prose into one section, split between lines at 3000 characters", () => {
    const line = "x".repeat(1_000);
    const v = view("t", "info", [
      text("a"),
      { type: "markdown", text: "- b" },
      { type: "fields", fields: [{ label: "f", value: ["v"] }] },
      ...Array.from({ length: 5 }, () => text(line)),
    ]);
    expect(blocksOf(v).map((block) => block.type)).toEqual([
      "header",
      "section",
      "section",
      "section",
      "section",
      "section",
    ]);
    expect(sectionTexts(v)[0]).toBe("a\n• b");
    expect(sectionTexts(v).map((section) => section.length)).toEqual([5, 2_001, 2_001, 1_000]);
  });

  it("lists options with their letter, mark and count", () => {
    const v = view("t", "info", [
      {
        type: "options",
        options: [
          { letter: "A", text: "Paris", mark: "correct", count: 3 },
          { letter: "B", text: "Rome\nnot Milan", count: 0 },
        ],
      },
    ]);
    expect(sectionTexts(v)).toEqual(["*A*  Paris :white_check_mark: _(3)_\n*B*  Rome\n        not Milan _(0)_"]);
  });

  it("ranks by name, not mention, so a public leaderboard notifies nobody, and marks the caller", () => {
    const row = (rank: number, id: string, isCaller = false) => ({
      rank,
      user: { externalId: id, name: `name-${id}` },
      value: `${100 - rank} pts`,
      detail: "3/4 right",
      isCaller,
    });
    const v = view("Leaderboard", "info", [
      { type: "ranking", rows: [row(1, "U1"), row(12, "U9", true)], gapBeforeLast: true },
    ]);
    const [ranking] = sectionTexts(v);
    expect(ranking).toBe("1. name-U1 — 99 pts _(3/4 right)_\n…\n*12. name-U9 — 88 pts* _(3/4 right)_  ← you");
    expect(ranking).not.toContain("<@");
  });

  it("puts fields ten to a section", () => {
    const fields = Array.from({ length: 23 }, (_, i) => ({ label: `usage ${i}`, value: [`summary ${i} & more`] }));
    const sections = blocksOf(view("help", "info", [{ type: "fields", fields }])).filter((b) => b.type === "section");
    expect(sections.map((s) => (s.fields as Json[]).length)).toEqual([10, 10, 3]);
    expect((sections[0]?.fields as Json[] | undefined)?.[0]).toEqual({
      type: "mrkdwn",
      text: "*usage 0*\nsummary 0 &amp; more",
    });
  });

  it("renders buttons with unique action ids and their value, leaves out disabled ones, maps styles", () => {
    const v = view("q", "info", [text("?")], {
      buttons: [
        [button("A"), button("B", "sb1:a:1:abcdef12:1", { style: "success" }), button("C", "x", { disabled: true })],
        [button("D", "y", { style: "danger" })],
      ],
    });
    expect(buttonsOf(v)).toEqual([
      {
        type: "button",
        action_id: "studybot-0-0",
        text: { type: "plain_text", text: "A", emoji: true },
        value: "sb1:a:1:abcdef12:0",
      },
      {
        type: "button",
        action_id: "studybot-0-1",
        text: { type: "plain_text", text: "B", emoji: true },
        value: "sb1:a:1:abcdef12:1",
        style: "primary",
      },
      {
        type: "button",
        action_id: "studybot-1-0",
        text: { type: "plain_text", text: "D", emoji: true },
        value: "y",
        style: "danger",
      },
    ]);
    const allDisabled = view("closed", "success", [text("done")], {
      buttons: [[button("A", "x", { disabled: true })]],
    });
    expect(blocksOf(allDisabled).some((b) => b.type === "actions")).toBe(false);
  });

  it("keeps every text within Slack's limits however long the content", () => {
    const long = "word ".repeat(2_000);
    const v = view(
      `Quiz #1 · ${"very long deck title ".repeat(20)}`,
      "info",
      [
        text(long),
        { type: "markdown", text: `${long}\n${"- item\n".repeat(800)}` },
        { type: "options", options: ["A", "B", "C", "D"].map((letter) => ({ letter, text: long })) },
        { type: "fields", fields: [{ label: "x".repeat(3000), value: [long] }] },
      ],
      {
        buttons: [Array.from({ length: 30 }, (_, i) => button(`${i} ${long}`, `sb1:a:1:abcdef12:${i % 26}`))],
        footer: long,
      },
    );
    const rendered = renderMessage(v);
    expectWithinBlockKitLimits(rendered);
    const header = rendered.blocks[0] as unknown as Json;
    expect(String((header.text as Json).text)).toHaveLength(150);
    const actions = rendered.blocks.filter((b) => b.type === "actions") as unknown as Json[];
    expect(actions.map((a) => (a.elements as Json[]).length)).toEqual([25, 5]);
    expect(rendered.text.length).toBeLessThanOrEqual(300);
  });

  it("keeps buttons and footer when a long body has to be shortened to 50 blocks", () => {
    const v = view(
      "big",
      "info",
      Array.from({ length: 80 }, (_, i) => ({
        type: "options" as const,
        options: [{ letter: "A", text: `line ${i}` }],
      })),
      {
        buttons: [[button("A")], [button("B", "sb1:a:1:abcdef12:1")]],
        footer: "the footer",
      },
    );
    const blocks = blocksOf(v);
    expect(blocks).toHaveLength(50);
    expect(blocks.slice(-3).map((b) => b.type)).toEqual(["actions", "actions", "context"]);
    expect(JSON.stringify(blocks.at(-4))).toContain("shortened");
    expectWithinBlockKitLimits(renderMessage(v));
  });

  it("marks the tone in the header", () => {
    const header = (tone: View["tone"]) => String(((blocksOf(view("T", tone, []))[0] as Json).text as Json).text);
    expect([header("info"), header("success"), header("warning"), header("error")]).toEqual([
      "T",
      ":white_check_mark: T",
      ":warning: T",
      ":x: T",
    ]);
  });

  it("clips without cutting an escape or a mention in half", () => {
    expect(clip("abc", 5)).toBe("abc");
    expect(clip("abcdef&amp;", 9)).toBe("abcdef…");
    expect(clip("hello <@U12345>", 12)).toBe("hello …");
    expect(escapeMrkdwn("<&>")).toBe("&lt;&amp;&gt;");
  });

  it("renders a modal with the view's content above one text input, within the modal limits", () => {
    const input = {
      callbackId: "cb",
      privateMetadata: "{}",
      title: "Type the term, please, right here",
      submitLabel: "Check",
      blockId: "typed",
      actionId: "term",
      label: "The term",
      maxLength: 200,
    };
    const card = view("Drill · card 1 of 3", "info", [text("Which term is this?")], {
      buttons: [[button("Type the term")]],
      footer: "Private",
    });
    const modal = renderTextInputModal(card, input);
    expect(modal.title.text).toHaveLength(24);
    expect(modal.blocks.map((block) => block.type)).toEqual(["header", "section", "context", "input"]);
    expect(modal.blocks.at(-1)).toMatchObject({
      block_id: "typed",
      element: { type: "plain_text_input", action_id: "term", max_length: 200 },
    });
    expect(() => renderTextInputModal(card, { ...input, privateMetadata: "x".repeat(3001) })).toThrow(RangeError);
  });

  it("renders a Home tab's views between dividers, with action ids unique across them, within 100 blocks", () => {
    const part = (index: number) =>
      view(`Part ${index}`, "info", [text("line"), { type: "timeChoice", label: "Reminder time", action: "sb1:h:t" }], {
        buttons: [[button("Go")]],
      });
    const home = renderHome([part(0), part(1)]);
    expect(home.blocks.map((block) => block.type)).toEqual([
      ...["header", "section", "section", "actions"],
      "divider",
      ...["header", "section", "section", "actions"],
    ]);
    expect(home.blocks[2]).toMatchObject({
      block_id: "sb1:h:t",
      accessory: { type: "timepicker", action_id: TIME_CHOICE_ACTION_ID },
    });
    expectHomeWithinLimits(home);

    const crowded = renderHome(Array.from({ length: 30 }, (_, index) => part(index)));
    expect(crowded.blocks).toHaveLength(100);
    expect(crowded.blocks.at(-1)).toMatchObject({ type: "context" });
  });
});
