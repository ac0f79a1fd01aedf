import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Period } from "../../src/core/commands.js";
import type { QuestionOption } from "../../src/core/question.js";
import { enrolActor } from "../../src/services/commandRouter.js";
import { actor, makeServices, smallDeck } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";

/** What the report must say, counted again by hand from the raw answer rows. */
interface RawAnswer {
  userId: number;
  choice: number;
  correct: number;
  points: number;
  deckId: string;
  cardId: string;
  options: string;
  postedAt: number;
}

const NOW = "2026-11-12T12:00:00Z";
/** The first instant of each period holding NOW, in UTC (the community's zone). */
const SINCE: Record<Period, number> = {
  week: Date.parse("2026-11-09T00:00:00Z"),
  month: Date.parse("2026-11-01T00:00:00Z"),
  all: 0,
};

const quizArb = fc.record({
  dayOffset: fc.integer({ min: 0, max: 45 }),
  deck: fc.constantFrom("capitals", "rivers"),
  answers: fc.array(fc.record({ member: fc.integer({ min: 0, max: 6 }), choice: fc.integer({ min: 0, max: 3 }) }), {
    maxLength: 8,
  }),
});

function recount(raw: readonly RawAnswer[], period: Period, deckId: string | undefined) {
  const kept = raw.filter((a) => a.postedAt >= SINCE[period] && (deckId === undefined || a.deckId === deckId));
  const members = new Map<number, { points: number; answered: number; correct: number }>();
  const cards = new Map<string, { answered: number; correct: number; wrong: Map<string, number> }>();
  for (const answer of kept) {
    const member = members.get(answer.userId) ?? { points: 0, answered: 0, correct: 0 };
    member.points += answer.points;
    member.answered += 1;
    member.correct += answer.correct;
    members.set(answer.userId, member);
    const key = `${answer.deckId}/${answer.cardId}`;
    const card = cards.get(key) ?? { answered: 0, correct: 0, wrong: new Map() };
    card.answered += 1;
    card.correct += answer.correct;
    if (!answer.correct) {
      const text = (JSON.parse(answer.options) as QuestionOption[])[answer.choice]?.text ?? "?";
      card.wrong.set(text, (card.wrong.get(text) ?? 0) + 1);
    }
    cards.set(key, card);
  }
  return { kept, members, cards };
}

describe("report figures", () => {
  const tempDir = useTempDir();

  it("equal a recount from the raw answers, for every period and deck", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(quizArb, { minLength: 0, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
        async (quizzes, hidden) => {
          const bot = makeServices(join(tempDir(), "report.db"), {
            decks: [smallDeck("capitals"), smallDeck("rivers")],
            start: "2026-10-01T09:00:00Z",
          });
          try {
            const { community } = enrolActor(bot.services, actor("admin"));
            const people = hidden.map((isHidden, index) => {
              const { member } = enrolActor(bot.services, actor(`u${index}`, { userName: `Member ${index}` }));
              if (isHidden) bot.store.memberSettings.update(member.id, community.id, { hidden: true }, bot.clock.now());
              return member;
            });
            const sorted = [...quizzes].sort((a, b) => a.dayOffset - b.dayOffset);
            for (const [index, quiz] of sorted.entries()) {
              bot.clock.set(
                new Date(Date.parse("2026-10-01T09:00:00Z") + quiz.dayOffset * 86_400_000 + index * 60_000),
              );
              const posted = await bot.services.quizzes.post({
                community,
                channelId: "quiz-channel",
                deckId: quiz.deck,
                windowMinutes: 30,
              });
              for (const answer of quiz.answers) {
                const member = people[answer.member];
                if (!member) continue;
                bot.services.quizzes.answer({ quizId: posted.id, community, member, choice: answer.choice });
              }
              await bot.services.quizzes.close(posted);
            }
            bot.clock.set(NOW);
            const raw = bot.store.db
              .prepare<[], RawAnswer>(
                `SELECT a.user_id AS userId, a.choice, a.correct, a.points, q.deck_id AS deckId, q.card_id AS cardId,
                   q.options, q.posted_at AS postedAt FROM answers a JOIN quizzes q ON q.id = a.quiz_id`,
              )
              .all();
            for (const period of ["week", "month", "all"] as const) {
              for (const deckId of [undefined, "capitals"]) {
                const report = bot.services.reports.build(community, {
                  period,
                  now: bot.clock.now(),
                  complete: true,
                  ...(deckId ? { deckId } : {}),
                });
                const expected = recount(raw, period, deckId);
                expect(report.totals).toEqual({
                  members: expected.members.size,
                  answered: expected.kept.length,
                  correct: expected.kept.reduce((sum, a) => sum + a.correct, 0),
                });
                expect(
                  new Map(
                    report.members.map((m) => [
                      m.userId,
                      { points: m.points, answered: m.answered, correct: m.correct },
                    ]),
                  ),
                ).toEqual(expected.members);
                const order = report.members.map((m) => m.points);
                expect(order).toEqual([...order].sort((a, b) => b - a));
                for (const member of report.members) {
                  expect(member.hidden).toBe(hidden[people.findIndex((p) => p.id === member.userId)]);
                }
                expect(report.cards.map((c) => `${c.deckId}/${c.cardId}`).sort()).toEqual(
                  [...expected.cards.keys()].sort(),
                );
                for (const card of report.cards) {
                  const counted = expected.cards.get(`${card.deckId}/${card.cardId}`);
                  expect({ answered: card.answered, correct: card.correct }).toEqual({
                    answered: counted?.answered,
                    correct: counted?.correct,
                  });
                  const picks = [...(counted?.wrong ?? [])].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
                  const missed = picks.reduce((sum, [, n]) => sum + n, 0);
                  expect(card.mostPickedWrong).toEqual(
                    picks[0] ? { text: picks[0][0], picked: picks[0][1], missed } : undefined,
                  );
                }
              }
            }
          } finally {
            bot.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
