import { describe, expect, it } from "vitest";
import { CARD_TEXT_MAX_CHARS } from "../../src/core/limits.js";
import { FLAG_LIST_MAX_CARDS, flagListView, reportButton } from "../../src/core/flagViews.js";
import { LIMITS, renderView } from "../../src/platforms/discord/render.js";
import { renderMessage } from "../../src/platforms/slack/render.js";
import { expectWithinBlockKitLimits } from "../slack/blockKitLimits.js";
import { viewText } from "../kit/viewText.js";

/** The longest a report list can get: the longest fronts, ids and reasons there are. */
const worstCase = Array.from({ length: 30 }, (_, index) => ({
  deckId: `${"d".repeat(60)}${index}`,
  card: { id: `${"c".repeat(60)}${index}`, front: "F".repeat(CARD_TEXT_MAX_CHARS), back: "b", tags: [] },
  count: 30 - index,
  reasons: ["🙂".repeat(250), "r".repeat(500), "<!channel> **x**".repeat(31)],
  skipped: index % 2 === 0,
}));

describe("deck flags within platform limits", () => {
  it("lists the 8 most reported cards, says how many more, and fits a Discord embed and Slack's blocks", () => {
    const shown = flagListView(worstCase, undefined);
    expect(viewText(shown)).toContain(`and ${worstCase.length - FLAG_LIST_MAX_CARDS} more reported cards`);
    const embed = renderView(shown).embeds[0];
    expect(embed?.fields).toHaveLength(FLAG_LIST_MAX_CARDS);
    const size = (embed?.title?.length ?? 0) + (embed?.description?.length ?? 0) + (embed?.footer?.text.length ?? 0);
    const fields = (embed?.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
    expect(size + fields).toBeLessThanOrEqual(LIMITS.embedTotal);
    for (const field of embed?.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expectWithinBlockKitLimits(renderMessage(shown));
  });

  it("keeps the Report card id short and its label within Discord's and Slack's button limits", () => {
    const button = reportButton(
      { kind: "report", source: "drill", sessionId: Number.MAX_SAFE_INTEGER, nonce: "A".repeat(12), position: 5000 },
      "d".repeat(63),
      "c".repeat(63),
    );
    expect(button.action.length).toBeLessThanOrEqual(50);
    expect(button.label.length).toBeLessThanOrEqual(75);
    expect(button.typed).toBe(`flag ${"d".repeat(63)} ${"c".repeat(63)}`);
  });
});
