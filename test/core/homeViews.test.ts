import { describe, expect, it } from "vitest";
import { decodeAction } from "../../src/core/actions.js";
import { homeCommandLine } from "../../src/core/homeControls.js";
import { HOME_DECKS_SHOWN, type HomeContent, homeViews, welcomeHomeViews } from "../../src/core/homeViews.js";
import { parseCommand } from "../../src/core/grammar.js";
import type { View } from "../../src/core/views.js";
import { viewText } from "../kit/viewText.js";

const content = (overrides: Partial<HomeContent> = {}): HomeContent => ({
  communityName: "Study Group",
  timeZone: "Europe/Berlin",
  streak: { current: 4, best: 9, freezes: 1 },
  decks: [
    { id: "capitals", title: "Capitals", due: 3, fresh: 2 },
    { id: "rivers", title: "Rivers", due: 0, fresh: 0 },
  ],
  week: { points: 30, place: { rank: 2, of: 7 } },
  reminder: { at: "07:30", streak: false },
  quizzes: [{ channelId: "C0QUIZ", deckTitle: "Capitals", at: new Date("2026-03-30T07:00:00Z") }],
  ...overrides,
});

describe("the Home views", () => {
  it("show the streak, rank, due decks with a drill button each, reminder controls and the next quiz", () => {
    const [summary, decks, reminder, quizzes] = homeViews(content()) as [View, View, View, View];
    expect(viewText(summary)).toContain("Day streak: 4 (best 9) · 1 freeze held.");
    expect(viewText(summary)).toContain("This week: #2 of 7 · 30 points");
    expect(viewText(decks)).toContain("Capitals: 3 due, 2 new");
    expect(viewText(decks)).not.toContain("Rivers");
    expect(decks.buttons.flat().map((button) => decodeAction(button.action))).toEqual([
      { kind: "home", step: { op: "drill", deckId: "capitals" } },
    ]);
    expect(reminder.blocks).toContainEqual(expect.objectContaining({ type: "timeChoice", time: "07:30" }));
    expect(reminder.buttons.flat().map((button) => button.label)).toEqual([
      "Turn reminders off",
      "Streak nudge: on",
      "Pause 7 days",
    ]);
    // Quizzes in the person's zone: 07:00 UTC is 09:00 in Berlin.
    expect(viewText(quizzes)).toContain("Mon 2026-03-30 09:00");
  });

  it("summarise decks past the first ten, busiest first", () => {
    const many = Array.from({ length: 60 }, (_, index) => ({
      id: `d${index}`,
      title: `Deck ${index}`,
      due: index,
      fresh: 0,
    }));
    const decks = homeViews(content({ decks: many }))[1] as View;
    expect(decks.buttons).toHaveLength(HOME_DECKS_SHOWN);
    expect(decks.buttons[0]?.[0]?.label).toBe("Start drill · Deck 59");
    // Deck 0 has nothing due; decks 1 to 49 are left: 49 decks, 1 + … + 49 cards.
    expect(viewText(decks)).toContain("… and 49 more decks with 1225 cards to study.");
  });

  it("welcome someone new with a button that starts a drill", () => {
    const [welcome] = welcomeHomeViews() as [View];
    expect(welcome.buttons.flat().map((button) => decodeAction(button.action))).toEqual([
      { kind: "home", step: { op: "drill" } },
    ]);
  });
});

describe("Home controls as command lines", () => {
  const parsed = (line: ReturnType<typeof homeCommandLine>) =>
    typeof line === "string" ? parseCommand(line) : { ok: false, view: line };

  it("are the lines a person would type, which the grammar reads back", () => {
    const set = { remindAt: "07:30", remindStreak: true };
    expect(parsed(homeCommandLine({ op: "time" }, set, "18:45"))).toMatchObject({
      ok: true,
      command: { name: "me-remind", reminder: { at: "18:45", streak: true } },
    });
    expect(parsed(homeCommandLine({ op: "streak", on: false }, set))).toMatchObject({
      command: { name: "me-remind", reminder: { at: "07:30", streak: false } },
    });
    expect(parsed(homeCommandLine({ op: "remind-off" }, set))).toMatchObject({
      command: { name: "me-remind", reminder: "off" },
    });
    expect(parsed(homeCommandLine({ op: "pause", days: 7 }, set))).toMatchObject({
      command: { name: "me-pause", days: 7 },
    });
    expect(parsed(homeCommandLine({ op: "drill", deckId: "capitals" }, set))).toMatchObject({
      command: { name: "drill", deck: "capitals" },
    });
  });

  it("say why when they cannot apply", () => {
    const noReminder = { remindStreak: false };
    expect(homeCommandLine({ op: "streak", on: true }, noReminder)).toMatchObject({ tone: "error" });
    expect(homeCommandLine({ op: "time" }, noReminder)).toMatchObject({ tone: "error" });
  });
});
