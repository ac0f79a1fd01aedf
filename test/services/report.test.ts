import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type View, plainInline } from "../../src/core/views.js";
import { enrolActor, handleCommand } from "../../src/services/commandRouter.js";
import { actor, openTestBot, type TestBot } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";

const admin = actor("admin", { isAdmin: true, userName: "Admin" });

/** Posts a quiz now and has each member pick the option at the given offset from the right one (0: right). */
async function quizPicked(bot: TestBot, picks: [user: string, offset: number][]) {
  const { community } = enrolActor(bot.services, admin);
  const quiz = await bot.services.quizzes.post({ community, channelId: "quiz-channel", windowMinutes: 30 });
  for (const [user, offset] of picks) {
    const { member } = enrolActor(bot.services, actor(user, { userName: user }));
    const choice = (quiz.correctIndex + offset) % quiz.options.length;
    bot.services.quizzes.answer({ quizId: quiz.id, community, member, choice });
  }
  await bot.services.quizzes.close(quiz);
  return quiz;
}

function fields(view: View): Map<string, string> {
  const found = view.blocks.flatMap((block) => (block.type === "fields" ? block.fields : []));
  return new Map(found.map((field) => [field.label, plainInline(field.value)]));
}

const body = (view: View) =>
  view.blocks.map((block) => (block.type === "text" ? plainInline(block.text) : "")).join("\n");

describe("report", () => {
  const tempDir = useTempDir();

  it("names the hardest card with its accuracy and the wrong option most who missed it picked", async () => {
    const bot = openTestBot(join(tempDir(), "bot.db"));
    const quiz = await quizPicked(bot, [
      ["ana", 1],
      ["ben", 1],
      ["cy", 1],
      ["dee", 2],
      ["eve", 0],
    ]);
    const picked = quiz.options[(quiz.correctIndex + 1) % quiz.options.length]?.text;

    const reply = await handleCommand(bot.services, admin, "report");
    expect(reply.visibility).toBe("private");
    expect(reply.view.title).toBe("Class report · this week");
    expect(body(reply.view)).toContain("5 members gave 5 answers this week (since 2026-11-02): 20% right.");
    const card = bot.services.decks.files.get(quiz.deckId)?.cards.find((each) => each.id === quiz.cardId);
    expect(fields(reply.view).get(`Hard card 1: ${card?.term}`)).toBe(
      `20% right of 5 answers · most who missed it picked ${picked} (3 of 4)`,
    );
    expect(fields(reply.view).get("ana")).toBe("0 pts · 1 answer · 0% right · streak 1d · 1 learned · 0 mastered");
  });

  it("counts members who chose me hide without naming them", async () => {
    const bot = openTestBot(join(tempDir(), "bot.db"));
    const { community, member } = enrolActor(bot.services, actor("shy", { userName: "Shy Person" }));
    bot.store.memberSettings.update(member.id, community.id, { hidden: true }, bot.clock.now());
    await quizPicked(bot, [
      ["shy", 0],
      ["ana", 1],
    ]);

    const reply = await handleCommand(bot.services, admin, "report all");
    expect(body(reply.view)).toContain("2 members gave 2 answers all time: 50% right.");
    const labels = [...fields(reply.view).keys()];
    expect(labels).toContain("A hidden member");
    expect(labels).toContain("ana");
    expect(JSON.stringify(reply.view)).not.toContain("Shy Person");
  });

  it("says so for a period without answers, and reads a deck and a period in any order", async () => {
    const bot = openTestBot(join(tempDir(), "bot.db"));
    await quizPicked(bot, [["ana", 0]]);
    bot.clock.set("2026-12-01T10:00:00Z");

    const empty = await handleCommand(bot.services, admin, "report month capitals");
    expect(empty.view.title).toBe("Class report · this month · Capitals (capitals)");
    expect(body(empty.view)).toBe(
      "No quiz in Capitals (capitals) was answered this month (since 2026-12-01): there is nothing to report yet.",
    );
    const all = await handleCommand(bot.services, admin, "report show all");
    expect(body(all.view)).toContain("1 member gave 1 answer all time: 100% right.");
  });

  it("refuses a deck or a period that does not exist, with an example, and members", async () => {
    const bot = openTestBot(join(tempDir(), "bot.db"));
    const deck = await handleCommand(bot.services, admin, "report biology week");
    expect(deck.view.tone).toBe("error");
    expect(body(deck.view)).toBe(
      'There is no deck "biology" here.\nDecks here: capitals. For example: report capitals week',
    );
    const period = await handleCommand(bot.services, admin, "report 2w");
    expect(body(period.view)).toContain("report does not take a window");
    expect(body(period.view)).toContain("Example: report lightweight-sandboxes month");
    const member = await handleCommand(bot.services, actor("ana"), "report");
    expect(body(member.view)).toContain("Only admins can do that.");
  });

  it("lists the 15 members with most points in the chat, and every member and card in the export", async () => {
    const bot = openTestBot(join(tempDir(), "bot.db"));
    const users = Array.from({ length: 17 }, (_, index) => `m${String(index).padStart(2, "0")}`);
    await quizPicked(
      bot,
      users.map((user): [string, number] => [user, 0]),
    );
    const chat = await handleCommand(bot.services, admin, "report");
    expect(body(chat.view)).toContain("The 15 with the most points are listed; report export has everyone.");
    expect([...fields(chat.view).keys()].filter((label) => label.startsWith("m"))).toHaveLength(15);

    const exported = await handleCommand(bot.services, admin, "report export");
    expect(exported.visibility).toBe("private");
    expect(exported.view.title).toBe("Class report · this week · CSV");
    expect(exported.files?.map((file) => [file.name, file.contentType])).toEqual([
      ["report-week-2026-11-02-members.csv", "text/csv; charset=utf-8"],
      ["report-week-2026-11-02-cards.csv", "text/csv; charset=utf-8"],
    ]);
    const members = new TextDecoder().decode(exported.files?.[0]?.bytes);
    expect(members.trimEnd().split("\r\n")).toHaveLength(1 + 17);

    bot.clock.set("2026-12-01T10:00:00Z");
    const empty = await handleCommand(bot.services, admin, "report export");
    expect(empty.files).toBeUndefined();
    expect(body(empty.view)).toContain("there is nothing to report yet");
  });
});
