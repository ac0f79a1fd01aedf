import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeAction, type ReportAction } from "../../src/core/actions.js";
import type { View } from "../../src/core/views.js";
import { enrolActor, handleCommand } from "../../src/services/commandRouter.js";
import { actor, openTestBot, smallDeck, type TestBot } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";
import { viewText } from "../kit/viewText.js";
import { callerOf, numberedDeck, rateButton, drillButton } from "./drillHelpers.js";

const admin = actor("admin", { isAdmin: true });

async function say(bot: TestBot, line: string, who = admin): Promise<View> {
  return (await handleCommand(bot.services, who, line)).view;
}

function reportButtonOf(view: View): ReportAction {
  for (const button of view.buttons.flat()) {
    const action = decodeAction(button.action);
    if (action?.kind === "report") return action;
  }
  throw new Error(`no Report card button in "${view.title}"`);
}

/** Posts and closes `count` quizzes in a row; returns the card each asked and every card offered as an option. */
async function quizCards(bot: TestBot, count: number): Promise<{ asked: string[]; offered: Set<string> }> {
  const { community } = enrolActor(bot.services, admin);
  const asked: string[] = [];
  const offered = new Set<string>();
  for (let i = 0; i < count; i++) {
    const quiz = await bot.services.quizzes.post({ community, channelId: "quiz-channel", windowMinutes: 10 });
    asked.push(quiz.cardId);
    for (const option of quiz.options) offered.add(option.cardId);
    await bot.services.quizzes.close(quiz);
  }
  return { asked, offered };
}

describe("reported and skipped cards", () => {
  const tempDir = useTempDir();
  const open = (decks = [smallDeck("capitals", 8)]) => openTestBot(join(tempDir(), "flags.db"), { decks });

  it("a skipped card is never asked nor offered in a quiz, and comes back when unskipped", async () => {
    const bot = open();
    expect(viewText(await say(bot, "deck skip capitals france"))).toContain(
      "(capitals france) is now kept out of quizzes, schedules and drills",
    );
    expect((await say(bot, "deck skip capitals france")).title).toBe("Already skipped");
    await say(bot, "deck skip capitals spain");
    const skipped = await quizCards(bot, 18);
    expect(new Set(skipped.asked).size).toBe(6);
    expect(skipped.offered.has("france") || skipped.offered.has("spain")).toBe(false);

    expect(viewText(await say(bot, "deck unskip capitals france"))).toContain(
      "capitals france is back in quizzes and drills; 0 reports cleared.",
    );
    const back = await quizCards(bot, 7);
    expect(back.asked).toContain("france");
    expect(back.asked).not.toContain("spain");
  });

  it("a quiz is refused with a way out when skipping leaves too few cards to ask", async () => {
    const bot = open([smallDeck("capitals", 4)]);
    for (const card of ["france", "spain", "italy"]) await say(bot, `deck skip capitals ${card}`);
    const refused = await say(bot, "quiz now capitals");
    expect(viewText(refused)).toContain('Deck "capitals" has too few cards left to ask: 3 are skipped.');
    expect(viewText(refused)).toContain("deck unskip capitals <card> brings one back");
  });

  it("a skipped card is not offered in a drill, is passed over in an open one, and comes back when unskipped", async () => {
    const bot = open([numberedDeck(6)]);
    await say(bot, "deck skip numbers c0");
    const ana = actor("ana");
    await say(bot, "drill 6", ana);
    const queueOf = () => bot.store.drills.openSession(callerOf(bot, "ana").member.id)?.queue;
    expect(queueOf()).toEqual(["c1", "c2", "c3", "c4", "c5"]);

    // Skipped while the drill is open: the drill passes over it when it gets there.
    let view = (await handleCommand(bot.services, ana, "drill 6")).view;
    await say(bot, "deck skip numbers c2");
    view = bot.services.drills.act(callerOf(bot, "ana"), drillButton(view, "show"));
    view = bot.services.drills.act(callerOf(bot, "ana"), rateButton(view, "good"));
    expect(viewText(view)).toContain("What is number 3?");
    await say(bot, "drill 6 choice", ana);
    expect(queueOf()).not.toContain("c2");

    await say(bot, "deck unskip numbers c0");
    await say(bot, "drill 6 choice", ana);
    expect(queueOf()?.[0]).toBe("c0");
  });

  it("deck flags counts each member once per card, most reported first, with the latest reasons", async () => {
    const bot = open();
    await say(bot, "flag capitals paris wrong", actor("ana"));
    expect((await say(bot, "flag capitals france the back should say Paris", actor("ana"))).title).toBe(
      "Card reported",
    );
    const again = await say(bot, "flag capitals france Paris, not Lyon", actor("ana"));
    expect(viewText(again)).toContain(
      "Your reason is updated for Capital of France: each member counts once per card.",
    );
    await say(bot, "flag capitals france typo in the front", actor("bo"));
    await say(bot, "flag capitals spain Madrid is fine but the term is odd", actor("cy"));

    const listed = viewText(await say(bot, "deck flags"));
    expect(listed).toContain("Capital of France: capitals france · 2 reports");
    expect(listed).toContain("“typo in the front”");
    expect(listed).toContain("“Paris, not Lyon”");
    expect(listed).not.toContain("the back should say Paris");
    expect(listed).toContain("Capital of Spain: capitals spain · 1 report");
    expect(listed.indexOf("France")).toBeLessThan(listed.indexOf("Spain"));

    await say(bot, "deck skip capitals france");
    expect(viewText(await say(bot, "deck flags capitals"))).toContain("capitals france · 2 reports · skipped");
    expect(viewText(await say(bot, "deck unskip capitals france"))).toContain("2 reports cleared");
    expect(viewText(await say(bot, "deck flags"))).not.toContain("France");
  });

  it("deck flags shows the 8 most reported cards and counts the others", async () => {
    const bot = open([numberedDeck(12)]);
    for (let card = 0; card < 11; card++) {
      for (let member = 0; member <= card; member++) await say(bot, `flag numbers c${card} wrong`, actor(`m${member}`));
    }
    const listed = viewText(await say(bot, "deck flags numbers"));
    expect(listed).toContain("numbers c10 · 11 reports");
    expect(listed).toContain("numbers c3 · 4 reports");
    expect(listed).not.toContain("numbers c2 ·");
    expect(listed).toContain("and 3 more reported cards");
  });

  it("refuses an unknown deck or card with an example, and admin commands to members", async () => {
    const bot = open();
    expect(viewText(await say(bot, "flag capitals paris wrong"))).toContain(
      'Deck "capitals" has no card "paris".\nIts cards include france, spain, italy, norway, peru; for example: flag capitals france <reason>.',
    );
    expect(viewText(await say(bot, "deck skip geography france"))).toContain('There is no deck "geography".');
    expect(viewText(await say(bot, "deck unskip capitals atlantis"))).toContain(
      "for example: deck unskip capitals france.",
    );
    for (const line of ["deck flags", "deck skip capitals france", "deck unskip capitals france"]) {
      expect(viewText(await say(bot, line, actor("ana")))).toContain("Only admins can do that.");
    }
    expect(bot.store.cardFlags.skipped(enrolActor(bot.services, admin).community.id, "capitals").size).toBe(0);
  });

  it("a quiz's Report card button works once it is closed, for its own community, and refuses forgeries", async () => {
    const bot = open();
    const { community } = enrolActor(bot.services, admin);
    const quiz = await bot.services.quizzes.post({ community, channelId: "quiz-channel", windowMinutes: 10 });
    const action: ReportAction = { kind: "report", source: "quiz", quizId: quiz.id, nonce: quiz.nonce };
    const ana = callerOf(bot, "ana");
    expect(() => bot.services.flags.formFor(ana, action)).toThrow("This quiz is still open");
    await bot.services.quizzes.close(quiz);
    const closed = bot.messenger.edits.at(-1)?.view;
    expect(closed && reportButtonOf(closed)).toEqual(action);
    expect(bot.services.flags.formFor(ana, action)).toMatchObject({ title: "Report this card", maxLength: 500 });

    const stale = "That Report card button is not one studybot knows, or its card is gone.";
    expect(() => bot.services.flags.formFor(ana, { ...action, nonce: "Forged99" })).toThrow(stale);
    expect(() => bot.services.flags.formFor(ana, { ...action, quizId: quiz.id + 1 })).toThrow(stale);
    const elsewhere = enrolActor(bot.services, actor("ana", { communityId: "guild-2" }));
    expect(() => bot.services.flags.formFor(elsewhere, action)).toThrow(stale);

    expect(() => bot.services.flags.flagFromForm(ana, action, "x".repeat(501))).toThrow(
      "That reason has 501 characters: a reason has at most 500.",
    );
    expect(bot.services.flags.flagFromForm(ana, action, "  the option text is wrong ").title).toBe("Card reported");
    bot.services.flags.flagFromForm(ana, action, "second thoughts");
    const flagged = { communityId: community.id, deckId: "capitals", cardId: quiz.cardId };
    expect(bot.store.cardFlags.flagged(community.id, "capitals")).toEqual([
      { deckId: "capitals", cardId: quiz.cardId, count: 1 },
    ]);
    expect(bot.store.cardFlags.reasons(flagged, 3)).toEqual(["second thoughts"]);
  });

  it("a drill answer's Report card button names the card answered, for its learner only", async () => {
    const bot = open([numberedDeck(4)]);
    let view = (await handleCommand(bot.services, actor("ana"), "drill 2")).view;
    view = bot.services.drills.act(callerOf(bot, "ana"), drillButton(view, "show"));
    view = bot.services.drills.act(callerOf(bot, "ana"), rateButton(view, "good"));
    const action = reportButtonOf(view);
    if (action.source !== "drill") throw new Error("expected a drill's report button");
    expect(action.position).toBe(0);
    expect(bot.services.flags.formFor(callerOf(bot, "ana"), action).about).toBe("What is number 0?");
    expect(() => bot.services.flags.formFor(callerOf(bot, "bo"), action)).toThrow("not one studybot knows");
    expect(() => bot.services.flags.formFor(callerOf(bot, "ana"), { ...action, position: 3 })).toThrow(
      "not one studybot knows",
    );
    bot.services.flags.flagFromForm(callerOf(bot, "ana"), action, "the back is off by one");
    const { community } = callerOf(bot, "ana");
    expect(bot.store.cardFlags.flagged(community.id)).toEqual([{ deckId: "numbers", cardId: "c0", count: 1 }]);
    const c0 = { communityId: community.id, deckId: "numbers", cardId: "c0" };
    expect(bot.store.cardFlags.reasons(c0, 3)).toEqual(["the back is off by one"]);
  });
});
