import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import type { DrillStep } from "../src/core/actions.js";
import { review } from "../src/core/fsrs.js";
import { enrolActor } from "../src/services/commandRouter.js";
import { openBenchApp } from "./lib/app.js";
import { distribution, peakRssMb, timeEach } from "./lib/measure.js";
import { type BenchReport, type Check, figure } from "./lib/report.js";

const DECK_ID = "bench-ten-thousand";
const DAY_MS = 86_400_000;

export interface DrillBenchArgs {
  dir: string;
  /** Cards in the deck, every one of them reviewed by the learner. */
  cards: number;
  /** Drills run, each of ten cards. */
  drills: number;
}

/** A deck file of `cards` cards in 20 tags, as `decks import` would write it. */
function writeDeck(decksDir: string, cards: number): void {
  mkdirSync(decksDir, { recursive: true });
  const deck = {
    id: DECK_ID,
    title: "Benchmark deck",
    description: `${cards} generated cards`,
    cards: Array.from({ length: cards }, (_, index) => ({
      id: `card-${index}`,
      front: `Term ${index}`,
      back: `The definition of term ${index}, long enough to read like one.`,
      term: `Term ${index}`,
      tags: [`tag-${index % 20}`],
    })),
  };
  writeFileSync(join(decksDir, `${DECK_ID}.yaml`), stringify(deck));
}

/**
 * Benchmark 5: a learner who has reviewed every card of a 10,000-card deck
 * (memory rows and review log written straight into the tables, due dates
 * from ten days ago to twenty days ahead, a third of them due) drills in flip
 * mode: start a drill (plan: due cards first, the first card shown), then for
 * each card show the answer and rate it "good" (the rating is stored and the
 * next card shown). The floor is ts-fsrs scheduling one rating, the one
 * computation a next card cannot skip.
 */
export async function run({ dir, cards, drills }: DrillBenchArgs): Promise<BenchReport[]> {
  const started = performance.now();
  const decksDir = join(dir, "drill-decks");
  writeDeck(decksDir, cards);
  const { app } = await openBenchApp(join(dir, "drill.db"), join(dir, "drill.log"), { decksDir });
  const { services } = app;
  const { store } = services;
  const actor = {
    platform: "bench",
    communityId: "drill",
    channelId: "dm",
    userId: "learner",
    userName: "Learner",
    isAdmin: false,
  };
  const { member } = enrolActor(services, actor);
  const now = Date.now();
  store.transaction(() => {
    const memory = store.db.prepare(
      `INSERT INTO card_memory (user_id, deck_id, card_id, due, stability, difficulty, elapsed_days, scheduled_days,
         learning_steps, reps, lapses, state, last_review) VALUES (?, ?, ?, ?, ?, 5.0, 3, ?, 0, 4, ?, 'review', ?)`,
    );
    const log = store.db.prepare(
      `INSERT INTO review_log (user_id, deck_id, card_id, source, rating, state_before, due_before, stability_before,
         difficulty_before, elapsed_days, last_elapsed_days, scheduled_days, learning_steps, reviewed_at, due_after)
       VALUES (?, ?, ?, 'drill', 3, 'review', ?, 8.0, 5.0, 3, 3, 8, 0, ?, ?)`,
    );
    for (let index = 0; index < cards; index++) {
      // Due from ten days ago to twenty days ahead: a learner who fell behind, a third of the deck due.
      const due = now - 10 * DAY_MS + ((index * 7919) % cards) * ((30 * DAY_MS) / cards);
      const scheduled = Math.max(1, Math.round((due - now) / DAY_MS) + 3);
      memory.run(
        member.id,
        DECK_ID,
        `card-${index}`,
        due,
        scheduled + 5,
        scheduled,
        index % 3,
        due - scheduled * DAY_MS,
      );
      log.run(member.id, DECK_ID, `card-${index}`, due - scheduled * DAY_MS, due - scheduled * DAY_MS, due);
    }
  });

  const caller = () => {
    const { community, member: learner } = enrolActor(services, actor);
    return { community, member: learner };
  };
  const step = (learner: ReturnType<typeof caller>, op: DrillStep) => {
    const session = store.drills.openSession(learner.member.id);
    if (!session) throw new Error("no open drill");
    return () =>
      services.drills.act(learner, {
        kind: "drill",
        sessionId: session.id,
        nonce: session.nonce,
        position: session.position,
        step: op,
      });
  };
  const startSamples: number[] = [];
  const nextSamples: number[] = [];
  const lastSamples: number[] = [];
  let rated = 0;
  for (let drill = 0; drill < drills; drill++) {
    const learner = caller();
    startSamples.push(...timeEach(1, () => services.drills.start(learner, { deck: DECK_ID, mode: "flip", count: 10 })));
    for (let card = 0; card < 10; card++) {
      step(learner, { op: "show" })();
      const rate = step(learner, { op: "rate", rating: "good" });
      (card < 9 ? nextSamples : lastSamples).push(...timeEach(1, rate));
      rated++;
    }
  }
  const memory = store.drills.memory(member.id, DECK_ID, "card-0");
  const floorSamples = memory ? timeEach(nextSamples.length, () => review(memory, "good", new Date())) : [];
  const logged = store.db
    .prepare<[number], number>("SELECT COUNT(*) FROM review_log WHERE user_id = ? AND session_id IS NOT NULL")
    .pluck()
    .get(member.id);
  app.close();

  const floor = distribution(floorSamples);
  const next = distribution(nextSamples);
  const start = distribution(startSamples);
  const last = distribution(lastSamples);
  const checks: Check[] = [
    { what: `${rated} ratings stored, one review each (${logged} in the review log)`, ok: logged === rated },
  ];
  return [
    {
      id: "5",
      title: `Drill: a learner with ${cards.toLocaleString("en-US")} reviewed cards`,
      figures: [
        figure("next card (rate → next card) p99", "ms", next.p99, {
          floor: { label: "ts-fsrs next()", value: floor.p99 },
          target: (value) => ({ text: "< 2 ms", met: value < 2 }),
          detail: `p50 ${next.p50.toFixed(3)}`,
        }),
        figure("first card (start a drill) p99", "ms", start.p99, {
          floor: { label: "ts-fsrs next()", value: floor.p99 },
          detail: `p50 ${start.p50.toFixed(3)}`,
        }),
        figure("last card (rate → summary) p99", "ms", last.p99, {
          floor: { label: "ts-fsrs next()", value: floor.p99 },
          detail: `p50 ${last.p50.toFixed(3)}`,
        }),
      ],
      checks,
      notes: [],
      peakRssMb: peakRssMb(),
      seconds: (performance.now() - started) / 1000,
    },
  ];
}
