import type { DrillAction, DrillStep } from "../../src/core/actions.js";
import { decodeAction } from "../../src/core/actions.js";
import { type Deck, validateDeck } from "../../src/core/deck.js";
import type { View } from "../../src/core/views.js";
import { enrolActor } from "../../src/services/commandRouter.js";
import type { DrillCaller } from "../../src/services/drillService.js";
import { actor, type TestBot } from "../kit/fakes.js";

/** A deck of `size` cards c0, c1, … with short terms, in that order. */
export function numberedDeck(size: number, id = "numbers"): Deck {
  const result = validateDeck({
    id,
    title: `Numbers (${id})`,
    cards: Array.from({ length: size }, (_, i) => ({
      id: `c${i}`,
      front: `What is number ${i}?`,
      back: `The number after ${i - 1}`,
      term: `Number ${i}`,
    })),
  });
  if (!("deck" in result)) throw new Error(JSON.stringify(result.problems));
  return result.deck;
}

export function callerOf(bot: TestBot, userId: string): DrillCaller {
  return enrolActor(bot.services, actor(userId));
}

/** The drill action of the view's first button whose step is `op` (and passes `which`). */
export function drillButton<Op extends DrillStep["op"]>(
  view: View,
  op: Op,
  which: (step: Extract<DrillStep, { op: Op }>) => boolean = () => true,
): DrillAction & { step: Extract<DrillStep, { op: Op }> } {
  for (const button of view.buttons.flat()) {
    const action = decodeAction(button.action);
    if (action?.kind === "drill" && action.step.op === op && which(action.step as Extract<DrillStep, { op: Op }>)) {
      return action as DrillAction & { step: Extract<DrillStep, { op: Op }> };
    }
  }
  throw new Error(
    `no ${op} button in "${view.title}": ${view.buttons
      .flat()
      .map((b) => b.label)
      .join(", ")}`,
  );
}

export function rateButton(view: View, rating: "again" | "hard" | "good" | "easy"): DrillAction {
  return drillButton(view, "rate", (step) => step.rating === rating);
}
