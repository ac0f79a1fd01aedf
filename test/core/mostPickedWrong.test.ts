import { describe, expect, it } from "vitest";
import { mostPickedWrong } from "../../src/core/report.js";

const byTerm = [
  { cardId: "norway", text: "Norway" },
  { cardId: "peru", text: "Peru" },
  { cardId: "spain", text: "Spain" },
];
const byAnswer = [
  { cardId: "norway", text: "Oslo" },
  { cardId: "peru", text: "Lima" },
  { cardId: "spain", text: "Madrid" },
];

describe("mostPickedWrong", () => {
  it("counts what people saw: a card offered by term in one quiz and by answer in the next is two options", () => {
    const wrong = mostPickedWrong([
      { options: byTerm, choice: 0, count: 1 },
      { options: byAnswer, choice: 0, count: 1 },
    ]);
    expect(wrong).toEqual({ text: "Norway", picked: 1, missed: 2 });
  });

  it("adds the same option up across quizzes whatever letter it had", () => {
    const wrong = mostPickedWrong([
      { options: byAnswer, choice: 1, count: 2 },
      { options: [...byAnswer].reverse(), choice: 1, count: 3 },
      { options: byAnswer, choice: 2, count: 1 },
    ]);
    expect(wrong).toEqual({ text: "Lima", picked: 5, missed: 6 });
  });

  it("names nothing when nobody missed", () => {
    expect(mostPickedWrong([])).toBeUndefined();
  });
});
