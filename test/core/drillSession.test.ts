import { describe, expect, it } from "vitest";
import { type DrillAction, decodeAction, encodeAction } from "../../src/core/actions.js";
import { checkInput, type DrillInput, readDrillLine, type SessionState } from "../../src/core/drillSession.js";
import { NO_STREAK } from "../../src/core/streaks.js";

const flip: SessionState = {
  userId: 7,
  mode: "flip",
  queue: ["a", "b", "c"],
  position: 1,
  answerShown: true,
  question: null,
  nonce: "Nonce123",
  finishedAt: null,
  lastRating: null,
};
const undoable: SessionState = {
  ...flip,
  lastRating: { reviewId: 9, position: 0, answerShown: true, question: null, memory: null, streak: NO_STREAK },
};
const choice: SessionState = {
  ...flip,
  mode: "choice",
  answerShown: false,
  question: {
    direction: "term",
    prompt: "binary instruction format",
    options: ["WebAssembly", "gVisor", "KVM"].map((text, i) => ({ cardId: `x${i}`, text })),
    correctIndex: 0,
    optionsInBody: false,
  },
};
const typed: SessionState = { ...flip, mode: "type", answerShown: false };
const claim = { nonce: "Nonce123", position: 1 };
const good: DrillInput = { op: "rate", rating: "good" };

describe("drill input checks", () => {
  it.each<
    [string, SessionState | undefined, { nonce: string; position: number }, number, DrillInput, string | undefined]
  >([
    ["a rating for the current card", flip, claim, 7, good, undefined],
    ["no such session", undefined, claim, 7, good, "unknown-session"],
    ["a forged nonce", flip, { ...claim, nonce: "Other123" }, 7, good, "unknown-session"],
    ["someone else's drill", flip, claim, 8, good, "not-yours"],
    ["a finished drill", { ...flip, finishedAt: new Date() }, claim, 7, good, "finished"],
    ["a replay for the previous card", flip, { ...claim, position: 0 }, 7, good, "stale"],
    ["a click for a card not reached yet", flip, { ...claim, position: 2 }, 7, good, "stale"],
    ["a rating before the answer shows", { ...flip, answerShown: false }, claim, 7, good, "show-first"],
    ["show answer twice", flip, claim, 7, { op: "show" }, undefined],
    ["a pick in a flip drill", flip, claim, 7, { op: "pick", choice: 0 }, "wrong-mode"],
    ["a pick of a listed option", choice, claim, 7, { op: "pick", choice: 2 }, undefined],
    ["a pick past the options", choice, claim, 7, { op: "pick", choice: 3 }, "no-such-option"],
    ["a rating in a choice drill", choice, claim, 7, good, "wrong-mode"],
    ["a typed answer in a type drill", typed, claim, 7, { op: "answer", text: "gVisor" }, undefined],
    ["a typed answer in a flip drill", flip, claim, 7, { op: "answer", text: "gVisor" }, "wrong-mode"],
    ["stop, in any mode", choice, claim, 7, { op: "stop" }, undefined],
    ["undo of the last rating, from the next card", undoable, claim, 7, { op: "undo" }, undefined],
    ["undo with nothing left to undo", flip, claim, 7, { op: "undo" }, "nothing-to-undo"],
    ["undo from an earlier card's button", undoable, { ...claim, position: 0 }, 7, { op: "undo" }, "stale"],
    ["undo by someone else", undoable, claim, 8, { op: "undo" }, "not-yours"],
    ["undo with a forged nonce", undoable, { ...claim, nonce: "Forged12" }, 7, { op: "undo" }, "unknown-session"],
  ])("%s", (_, session, given, userId, input, expected) => {
    expect(checkInput(session, given, userId, input)).toBe(expected);
  });
});

describe("typed drill lines", () => {
  const never = () => false;

  it("reads show, the four ratings and 1-4 in a flip drill, and nothing else", () => {
    expect(readDrillLine("show", flip, never)).toEqual({ op: "show" });
    expect(readDrillLine(" Good ", flip, never)).toEqual({ op: "rate", rating: "good" });
    expect(readDrillLine("1", flip, never)).toEqual({ op: "rate", rating: "again" });
    expect(readDrillLine("4", flip, never)).toEqual({ op: "rate", rating: "easy" });
    expect(readDrillLine("stop", flip, never)).toEqual({ op: "stop" });
    expect(readDrillLine("A", flip, never)).toBeUndefined();
    expect(readDrillLine("leaderboard", flip, never)).toBeUndefined();
  });

  it("reads a letter of the shown options in a choice drill", () => {
    expect(readDrillLine("b", choice, never)).toEqual({ op: "pick", choice: 1 });
    expect(readDrillLine("D", choice, never)).toBeUndefined();
    expect(readDrillLine("good", choice, never)).toBeUndefined();
  });

  it("takes any line but a command as the typed term in a type drill", () => {
    const isCommand = (line: string) => line === "stats";
    expect(readDrillLine("  Kata Containers ", typed, isCommand)).toEqual({ op: "answer", text: "Kata Containers" });
    expect(readDrillLine("stats", typed, isCommand)).toBeUndefined();
    expect(readDrillLine("stop", typed, isCommand)).toEqual({ op: "stop" });
  });

  it("reads undo in every mode, even where any other line would be a typed term", () => {
    for (const session of [flip, choice, typed])
      expect(readDrillLine(" Undo ", session, never)).toEqual({ op: "undo" });
  });
});

describe("drill button ids", () => {
  const base = { kind: "drill", sessionId: 123_456, nonce: "AbC123xy", position: 37 } as const;

  it.each<DrillAction>([
    { ...base, step: { op: "show" } },
    { ...base, step: { op: "rate", rating: "again" } },
    { ...base, step: { op: "rate", rating: "easy" } },
    { ...base, step: { op: "pick", choice: 3 } },
    { ...base, step: { op: "type" } },
    { ...base, step: { op: "stop" } },
    { ...base, step: { op: "undo" } },
  ])("round-trips $step.op within 100 characters", (action) => {
    const id = encodeAction(action);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(id.startsWith("sb1:d:")).toBe(true);
    expect(decodeAction(id)).toEqual(action);
  });

  it.each([
    "sb1:d:2n9c:AbC123xy:11:r5",
    "sb1:d:2n9c:AbC123xy:11:r0",
    "sb1:d:2n9c:AbC123xy:11:c01",
    "sb1:d:2n9c:AbC123xy:11:c26",
    "sb1:d:2n9c:AbC123xy:11:q",
    "sb1:d:2n9c:AbC123xy:11",
    "sb1:d:2n9c:AbC123xy:11:s:extra",
    "sb1:d:2N9C:AbC123xy:11:s",
    "sb1:d:2n9c:bad!:11:s",
    "sb1:d::AbC123xy:11:s",
    "sb1:d:2n9c:AbC123xy:-1:s",
    "sb2:d:2n9c:AbC123xy:11:s",
  ])("rejects %s, which encoding never produces", (id) => {
    expect(decodeAction(id)).toBeUndefined();
  });
});
