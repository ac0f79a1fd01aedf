import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeAction } from "../../src/core/actions.js";
import { newMemory, review } from "../../src/core/fsrs.js";
import { DeckCatalog } from "../../src/decks/loader.js";
import { enrolActor, handleCommand } from "../../src/services/commandRouter.js";
import { drillLine } from "../../src/services/drillLines.js";
import { actor, openTestBot, smallDeck, type TestBot } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";
import { callerOf, drillButton, numberedDeck, rateButton } from "./drillHelpers.js";
import { viewText } from "../kit/viewText.js";

const DAY = 86_400_000;

function reviewsOf(bot: TestBot) {
  return bot.store.db
    .prepare<[], { card_id: string; source: string; rating: number; user_id: number }>(
      "SELECT card_id, source, rating, user_id FROM review_log ORDER BY id",
    )
    .all();
}

function sessionOf(bot: TestBot, userId: string) {
  return bot.store.drills.openSession(callerOf(bot, userId).member.id);
}

describe("drills", () => {
  const tempDir = useTempDir();
  const open = (options: Parameters<typeof openTestBot>[1] = {}) =>
    openTestBot(join(tempDir(), "drills.db"), { decks: [numberedDeck(15)], ...options });

  it("flip: front, Show answer, back with four ratings showing their next interval, then the next card", async () => {
    const bot = open();
    const reply = await handleCommand(bot.services, actor("ana"), "drill 2");
    expect(reply.visibility).toBe("private");
    let view = reply.view;
    expect(view.title).toBe("Drill · Numbers (numbers) · card 1 of 2");
    expect(viewText(view)).toContain("What is number 0?");
    expect(viewText(view)).not.toContain("The number after -1");
    expect(view.buttons.flat().map((button) => button.label)).toEqual(["Show answer", "Stop"]);

    view = bot.services.drills.act(callerOf(bot, "ana"), drillButton(view, "show"));
    expect(viewText(view)).toContain("The number after -1");
    expect(view.buttons.flat().map((button) => button.label)).toEqual([
      "Again · 1m",
      "Hard · 6m",
      "Good · 10m",
      "Easy · 8d",
      "Stop",
    ]);
    for (const button of view.buttons.flat()) expect(button.action.length).toBeLessThanOrEqual(100);

    view = bot.services.drills.act(callerOf(bot, "ana"), rateButton(view, "good"));
    expect(view.title).toBe("Drill · Numbers (numbers) · card 2 of 2");
    expect(viewText(view)).toContain("Number 0 rated Good · back in 10m");
    expect(viewText(view)).toContain("What is number 1?");

    view = bot.services.drills.act(callerOf(bot, "ana"), drillButton(view, "show"));
    view = bot.services.drills.act(callerOf(bot, "ana"), rateButton(view, "easy"));
    expect(view.title).toBe("Drill done · Numbers (numbers)");
    expect(viewText(view)).toContain("Cards reviewed: 2");
    expect(viewText(view)).toContain("Ratings: Again 0 · Hard 0 · Good 1 · Easy 1");
    expect(viewText(view)).toContain("Next card due: today at 09:10 (UTC)");
    expect(view.buttons.flat().map((button) => [button.label, button.typed])).toEqual([
      ["Report card", "flag numbers c1"],
    ]);
    expect(reviewsOf(bot).map((row) => [row.card_id, row.source, row.rating])).toEqual([
      ["c0", "drill", 3],
      ["c1", "drill", 4],
    ]);
    expect(sessionOf(bot, "ana")).toBeUndefined();
  });

  it("orders due cards most overdue first, then new cards in deck order", () => {
    const bot = open({ decks: [numberedDeck(6)] });
    const { member } = callerOf(bot, "ana");
    const t0 = bot.clock.now();
    // Seen cards, each in review and due on a different day.
    for (const [cardId, dueInDays] of [
      ["c4", 3],
      ["c1", 1],
      ["c5", 2],
      ["c2", 20],
    ] as const) {
      const learned = review(newMemory(t0), "easy", t0).memory;
      bot.store.drills.saveMemory(member.id, "numbers", cardId, {
        ...learned,
        due: new Date(t0.getTime() + dueInDays * DAY),
      });
    }
    bot.clock.advance(5 * DAY);
    bot.services.drills.start(callerOf(bot, "ana"), { count: 10 });
    expect(sessionOf(bot, "ana")?.queue).toEqual(["c1", "c5", "c4", "c0", "c3"]);
  });

  it("starts at most 10 new cards per local day, counted in the community's time zone", () => {
    // 18:00 in New York on Monday 2 November.
    const bot = open({ timeZone: "America/New_York", start: "2026-11-02T23:00:00Z" });
    const caller = callerOf(bot, "ana");
    let view = bot.services.drills.start(caller, { count: 50 });
    expect(view.title).toBe("Drill · Numbers (numbers) · card 1 of 10");
    while (!view.title.startsWith("Drill done")) {
      view = bot.services.drills.act(caller, drillButton(view, "show"));
      view = bot.services.drills.act(caller, rateButton(view, "easy"));
    }

    // 22:00 the same evening in New York, already Tuesday in UTC: still Monday's allowance.
    bot.clock.set("2026-11-03T03:00:00Z");
    view = bot.services.drills.start(caller, {});
    expect(view.title).toBe("Nothing to drill · Numbers (numbers)");
    expect(viewText(view)).toContain("You have started your 10 new cards for today; 5 more wait for tomorrow.");
    expect(viewText(view)).toContain("Next card due: on 2026-11-10 at 18:00 (America/New_York).");
    expect(sessionOf(bot, "ana")).toBeUndefined();

    // 00:30 on Tuesday in New York: a new day, the last five new cards.
    bot.clock.set("2026-11-03T05:30:00Z");
    view = bot.services.drills.start(caller, { count: 50 });
    expect(view.title).toBe("Drill · Numbers (numbers) · card 1 of 5");
    expect(sessionOf(bot, "ana")?.queue).toEqual(["c10", "c11", "c12", "c13", "c14"]);
  });

  it("says when the next card is due when everything is learned and nothing is due", () => {
    const bot = open({ decks: [numberedDeck(1)], timeZone: "Europe/Berlin" });
    const caller = callerOf(bot, "ana");
    let view = bot.services.drills.start(caller, {});
    view = bot.services.drills.act(caller, drillButton(view, "show"));
    bot.services.drills.act(caller, rateButton(view, "good"));
    view = bot.services.drills.start(caller, {});
    expect(view.title).toBe("Nothing to drill · Numbers (numbers)");
    // Rated at 09:00 UTC = 10:00 in Berlin; back after the 10-minute learning step.
    expect(viewText(view)).toContain("Next card due: today at 10:10 (Europe/Berlin).");
    expect(viewText(view)).not.toContain("new cards");
    bot.clock.advance(10 * 60_000);
    expect(bot.services.drills.start(caller, {}).title).toBe("Drill · Numbers (numbers) · card 1 of 1");
  });

  it("resumes an unfinished drill after a restart, and its buttons still work", () => {
    const file = join(tempDir(), "restart.db");
    const first = openTestBot(file, { decks: [numberedDeck(5)] });
    let view = first.services.drills.start(callerOf(first, "ana"), { count: 3 });
    view = first.services.drills.act(callerOf(first, "ana"), drillButton(view, "show"));
    const ratedBeforeRestart = rateButton(view, "good");
    view = first.services.drills.act(callerOf(first, "ana"), ratedBeforeRestart);
    const showSecond = drillButton(view, "show");
    first.close();

    const second = openTestBot(file, { decks: [numberedDeck(5)] });
    second.clock.set(new Date(first.clock.now().getTime() + 3_600_000));
    const resumed = second.services.drills.start(callerOf(second, "ana"), {});
    expect(resumed.title).toBe("Drill · Numbers (numbers) · card 2 of 3");
    expect(viewText(resumed)).toContain("Resuming your drill.");
    expect(viewText(resumed)).toContain("What is number 1?");
    // The same command line resumes too; other options start a new drill.
    expect(
      second.services.drills.start(callerOf(second, "ana"), { deck: "numbers", count: 3, mode: "flip" }).title,
    ).toBe("Drill · Numbers (numbers) · card 2 of 3");

    // A button from before the restart: the card-2 "Show answer" works, the card-1 rating is stale.
    view = second.services.drills.act(callerOf(second, "ana"), showSecond);
    expect(viewText(view)).toContain("The number after 0");
    const stale = second.services.drills.act(callerOf(second, "ana"), ratedBeforeRestart);
    expect(viewText(stale)).toContain("Already answered");
    expect(reviewsOf(second)).toHaveLength(1);
  });

  it("starts a new drill instead of resuming yesterday's, or when other options are asked for", () => {
    const bot = open();
    const caller = callerOf(bot, "ana");
    bot.services.drills.start(caller, { count: 3 });
    const yesterday = sessionOf(bot, "ana");
    bot.clock.advance(DAY);
    const view = bot.services.drills.start(caller, {});
    expect(view.title).toBe("Drill · Numbers (numbers) · card 1 of 10");
    expect(viewText(view)).not.toContain("Resuming");
    expect(bot.store.drills.session(yesterday?.id ?? 0)?.finishedAt).toEqual(bot.clock.now());

    bot.services.drills.start(caller, { mode: "type" });
    expect(sessionOf(bot, "ana")?.mode).toBe("type");
  });

  it("rejects replays, other people's clicks, finished drills and forged ids, changing nothing", () => {
    const bot = open({ decks: [numberedDeck(3)] });
    const ana = callerOf(bot, "ana");
    let view = bot.services.drills.start(ana, { count: 2 });
    const rateBeforeShow = { ...drillButton(view, "show"), step: { op: "rate", rating: "easy" } } as const;
    const early = bot.services.drills.act(ana, rateBeforeShow);
    expect(viewText(early)).toContain("Show the answer first");
    expect(reviewsOf(bot)).toHaveLength(0);

    view = bot.services.drills.act(ana, drillButton(view, "show"));
    const good = rateButton(view, "good");
    const again = rateButton(view, "again");

    // Someone else clicks ana's button (a shared message, a forwarded id).
    const foreign = bot.services.drills.act(callerOf(bot, "ben"), good);
    expect(foreign.title).toBe("Not your drill");
    expect(reviewsOf(bot)).toHaveLength(0);

    view = bot.services.drills.act(ana, good);
    const memory = bot.store.drills.memory(ana.member.id, "numbers", "c0");
    // A double click, and the other rating button of the same card: both stale.
    for (const replay of [good, again]) {
      const replayed = bot.services.drills.act(ana, replay);
      expect(replayed.title).toBe("Drill · Numbers (numbers) · card 2 of 2");
      expect(replayed.tone).toBe("warning");
      expect(viewText(replayed)).toContain("That was for an earlier card; nothing changed.");
      expect(viewText(replayed)).toContain("What is number 1?");
    }
    expect(reviewsOf(bot)).toHaveLength(1);
    expect(bot.store.drills.memory(ana.member.id, "numbers", "c0")).toEqual(memory);

    const forged = bot.services.drills.act(ana, { ...good, nonce: "Guessed1", position: 1 });
    expect(forged.title).toBe("Unknown drill");

    view = bot.services.drills.act(ana, drillButton(view, "stop"));
    expect(view.title).toBe("Drill stopped · Numbers (numbers)");
    expect(viewText(view)).toContain("Left for next time: 1");
    const afterStop = bot.services.drills.act(ana, { ...good, position: 1 });
    expect(afterStop.title).toBe("This drill is over");
    expect(reviewsOf(bot)).toHaveLength(1);
  });

  it("choice: the multiple-choice question; right rates Good, wrong rates Again and shows the right answer", () => {
    const bot = open({ decks: [smallDeck("capitals", 6)] });
    const caller = callerOf(bot, "ana");
    let view = bot.services.drills.start(caller, { count: 2, mode: "choice" });
    const first = sessionOf(bot, "ana");
    const question = first?.question;
    if (!first || !question) throw new Error("no question stored");
    expect(view.buttons[0]).toHaveLength(question.options.length);
    // The options keep their order when the drill is shown again (resumed, or after a restart).
    expect(bot.services.drills.start(caller, {}).buttons).toEqual(view.buttons);

    view = bot.services.drills.act(
      caller,
      drillButton(view, "pick", (step) => step.choice === question.correctIndex),
    );
    const right = question.options[question.correctIndex]?.text ?? "";
    expect(viewText(view)).toContain(`✔ Right: ${"ABCD"[question.correctIndex]} · ${right}`);

    const second = sessionOf(bot, "ana")?.question;
    if (!second) throw new Error("no second question");
    const wrong = (second.correctIndex + 1) % second.options.length;
    view = bot.services.drills.act(
      caller,
      drillButton(view, "pick", (step) => step.choice === wrong),
    );
    expect(view.title).toBe("Drill done · Capitals (capitals)");
    expect(viewText(view)).toContain(
      `✘ Not ${"ABCD"[wrong]}. The answer was ${"ABCD"[second.correctIndex]} · ${second.options[second.correctIndex]?.text}`,
    );
    expect(reviewsOf(bot).map((row) => row.rating)).toEqual([3, 1]);
  });

  it("type: the typed term is graded; a near miss is shown and rated Hard, a wrong term Again", () => {
    const bot = open({ decks: [smallDeck("capitals", 6)] });
    const caller = callerOf(bot, "ana");
    let view = bot.services.drills.start(caller, { count: 3, mode: "type" });
    expect(viewText(view)).toContain("Which term is this?");
    expect(viewText(view)).toContain("Paris");
    const typeButton = drillButton(view, "type");
    // The "Type the term" button changes nothing by itself: adapters open a text box with it.
    expect(bot.services.drills.act(caller, typeButton).title).toBe(view.title);

    view = bot.services.drills.answerTyped(caller, typeButton, "france");
    expect(viewText(view)).toContain("✔ Right: France");
    view = bot.services.drills.answerTyped(caller, drillButton(view, "type"), "Spian");
    expect(viewText(view)).toContain("≈ Almost: you typed “Spian”, it is spelled Spain · rated Hard");
    view = bot.services.drills.answerTyped(caller, drillButton(view, "type"), "Norway");
    expect(viewText(view)).toContain(
      "✘ You typed “Norway”. The answer was Italy (you may be thinking of “Norway”, another card)",
    );
    expect(reviewsOf(bot).map((row) => row.rating)).toEqual([3, 2, 1]);
  });

  it("routes typed lines to the open drill: flip words, letters, terms; commands still run", () => {
    const bot = open({ decks: [smallDeck("capitals", 6)] });
    const caller = callerOf(bot, "ana");
    expect(drillLine(bot.services, caller, "show")).toBeUndefined();
    bot.services.drills.start(caller, { count: 1 });
    expect(drillLine(bot.services, caller, "A")).toBeUndefined();
    expect(viewText(drillLine(bot.services, caller, "good") as never)).toContain("Show the answer first");
    expect(drillLine(bot.services, caller, "show")?.buttons[0]).toHaveLength(4);
    expect(drillLine(bot.services, caller, "3")?.title).toBe("Drill done · Capitals (capitals)");

    bot.services.drills.start(caller, { count: 1, mode: "type" });
    expect(drillLine(bot.services, caller, "stats")).toBeUndefined();
    // France was rated a minute ago and is not due: the type drill starts the next new card, Spain.
    expect(viewText(drillLine(bot.services, caller, "Spain") as never)).toContain("✔ Right: Spain");
  });

  it("grades a typed line that starts like a refused command, says so, and lets undo take it back", () => {
    const bot = open({ decks: [smallDeck("capitals", 6)] });
    const caller = callerOf(bot, "ana");
    bot.services.drills.start(caller, { count: 2, mode: "type" });
    const typeText = (line: string) => viewText(drillLine(bot.services, caller, line) as never);

    const graded = typeText(`flag capitals france ${"x".repeat(501)}`);
    // The verdict quotes a long wrong answer's first 100 characters.
    expect(graded).toContain(`✘ You typed “flag capitals france ${"x".repeat(78)}…”. The answer was`);
    expect(graded).toContain(
      "Graded as your answer. If you meant the command flag, it was refused: That reason has 501 characters: a reason has at most 500. Type undo to take the rating back, then the command again.",
    );
    expect(reviewsOf(bot)).toHaveLength(1);
    expect(typeText("undo")).toContain("Rating undone.");
    expect(reviewsOf(bot)).toHaveLength(0);
    // An answer that starts like no command gets no such note.
    expect(typeText("Lisbon")).not.toContain("Graded as your answer");
  });

  it("turns a channel-quiz answer into a review: right is Good, wrong is Again", async () => {
    const bot = open({ decks: [smallDeck("capitals", 6)] });
    await handleCommand(bot.services, actor("admin", { isAdmin: true }), "quiz now");
    const { community } = enrolActor(bot.services, actor("admin"));
    const quiz = bot.store.quizzes.findOpenInChannel(community.id, "quiz-channel");
    if (!quiz) throw new Error("no quiz");
    const answer = (userId: string, choice: number) =>
      bot.services.quizzes.answer({
        quizId: quiz.id,
        nonce: quiz.nonce,
        community,
        member: callerOf(bot, userId).member,
        choice,
      });
    answer("ana", quiz.correctIndex);
    answer("ben", (quiz.correctIndex + 1) % quiz.options.length);
    answer("ana", quiz.correctIndex);
    bot.services.settlement.settleAll();

    expect(reviewsOf(bot).map((row) => [row.card_id, row.source, row.rating])).toEqual([
      [quiz.cardId, "quiz", 3],
      [quiz.cardId, "quiz", 1],
    ]);
    const ana = bot.store.drills.memory(callerOf(bot, "ana").member.id, "capitals", quiz.cardId);
    expect(ana).toMatchObject({ reps: 1, state: "learning", due: new Date(bot.clock.now().getTime() + 10 * 60_000) });
    // The card missed this morning comes back in ben's drill once its minute is up, before any new card.
    bot.clock.advance(60_000);
    bot.services.drills.start(callerOf(bot, "ben"), { count: 2 });
    expect(sessionOf(bot, "ben")?.queue[0]).toBe(quiz.cardId);
  });

  it("still counts the reviews of a deck whose file was deleted mid-drill, and says it was removed", async () => {
    const bot = open({ decks: [numberedDeck(6), smallDeck()] });
    const caller = callerOf(bot, "ana");
    let view = bot.services.drills.start(caller, { deck: "numbers", count: 3 });
    for (const rating of ["good", "easy"] as const) {
      view = bot.services.drills.act(caller, drillButton(view, "show"));
      view = bot.services.drills.act(caller, rateButton(view, rating));
    }
    bot.services.decks.replaceFiles(new DeckCatalog([{ deck: smallDeck(), file: "decks/capitals.yaml" }]));
    const stats = viewText((await handleCommand(bot.services, actor("ana"), "stats")).view);
    expect(stats).toContain("Cards learned: 2 (2 of them in decks or cards since removed; their history is kept)");
    expect(stats).toContain("Due today: 0");
    expect(stats).toContain("Weakest cards: none in the loaded decks");
  });

  it("counts a drill review as a study day and adds drill fields to stats", async () => {
    const bot = open({ decks: [numberedDeck(6)] });
    const caller = callerOf(bot, "ana");
    const drillOnce = (ratings: ("again" | "good" | "easy")[]) => {
      let view = bot.services.drills.start(caller, { count: ratings.length });
      for (const rating of ratings) {
        view = bot.services.drills.act(caller, drillButton(view, "show"));
        view = bot.services.drills.act(caller, rateButton(view, rating));
      }
    };
    const before = await handleCommand(bot.services, actor("ana"), "stats");
    expect(viewText(before.view)).toContain("Drills: no card reviewed yet: try drill");

    drillOnce(["again", "easy", "easy", "good"]);
    bot.clock.advance(DAY);
    drillOnce(["good"]);
    const stats = viewText((await handleCommand(bot.services, actor("ana"), "stats")).view);
    expect(stats).toContain("Day streak: 2 days (best 2)");
    // Today's one card was the most overdue, c0, not a new one.
    expect(stats).toContain("Cards learned: 4");
    // c3 has been due since yesterday's 10-minute step; c0 is back on its step, due in 10 minutes.
    expect(stats).toContain("Due today: 2");
    expect(stats).toContain("Mastered: 0");
    expect(stats).toMatch(/Weakest cards: Number \d \(0 lapses, \d+% recall\)/);

    // A month of Easy makes cards mastered; a lapse puts a card at the top of the weakest.
    let lapsed = false;
    for (let day = 2; day < 60; day += 1) {
      bot.clock.set(new Date(Date.UTC(2026, 10, 2 + day, 9)));
      let view = bot.services.drills.start(caller, { count: 10 });
      while (!view.title.startsWith("Drill done") && !view.title.startsWith("Nothing")) {
        view = bot.services.drills.act(caller, drillButton(view, "show"));
        const cardId = sessionOf(bot, "ana")?.queue[sessionOf(bot, "ana")?.position ?? 0];
        const lapse: boolean = cardId === "c2" && day >= 5 && !lapsed;
        lapsed ||= lapse;
        view = bot.services.drills.act(caller, rateButton(view, lapse ? "again" : "easy"));
      }
    }
    const later = viewText((await handleCommand(bot.services, actor("ana"), "stats")).view);
    expect(later).toMatch(/Mastered: [1-6] \(remembered for over 21 days\)/);
    expect(later).toMatch(/Weakest cards: Number 2 \(1 lapse, \d+% recall\)/);
  });

  it("refuses an unknown deck with a hint, and a mode the deck cannot do", () => {
    const bot = open({ decks: [numberedDeck(2)] });
    const caller = callerOf(bot, "ana");
    const unknown = bot.services.drills.start(caller, { deck: "nope" });
    expect(unknown.tone).toBe("error");
    expect(viewText(unknown)).toContain('There is no deck "nope"');
    const choice = bot.services.drills.start(caller, { mode: "choice" });
    expect(viewText(choice)).toContain("No card of this deck can be drilled in choice mode.");
  });

  it("keeps every drill button id within Discord's 100 characters, however large the ids get", () => {
    const id = encodeAction({
      kind: "drill",
      sessionId: Number.MAX_SAFE_INTEGER,
      nonce: "ABCDEFGHIJKL",
      position: 49,
      step: { op: "pick", choice: 25 },
    });
    expect(id.length).toBeLessThanOrEqual(100);
  });
});
