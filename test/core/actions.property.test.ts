import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Action, decodeAction, type DrillStep, encodeAction, type HomeStep } from "../../src/core/actions.js";
import { RATINGS } from "../../src/core/fsrs.js";

const nonce = fc.stringMatching(/^[A-Za-z0-9]{6,12}$/);
const id = fc.nat({ max: Number.MAX_SAFE_INTEGER });
const choice = fc.integer({ min: 0, max: 25 });

const step: fc.Arbitrary<DrillStep> = fc.oneof(
  fc.constant({ op: "show" as const }),
  fc.constant({ op: "type" as const }),
  fc.constant({ op: "stop" as const }),
  fc.constant({ op: "undo" as const }),
  fc.constantFrom(...RATINGS).map((rating) => ({ op: "rate" as const, rating })),
  choice.map((picked) => ({ op: "pick" as const, choice: picked })),
);

const homeStep: fc.Arbitrary<HomeStep> = fc.oneof(
  fc.constant({ op: "drill" as const }),
  fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,62}$/).map((deckId) => ({ op: "drill" as const, deckId })),
  fc.constant({ op: "time" as const }),
  fc.constant({ op: "remind-off" as const }),
  fc.boolean().map((on) => ({ op: "streak" as const, on })),
  fc
    .oneof(fc.integer({ min: 1, max: 90 }), fc.constant("off" as const))
    .map((days) => ({ op: "pause" as const, days })),
);

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant("answer" as const), quizId: id, nonce, choice }),
  fc.record({ kind: fc.constant("drill" as const), sessionId: id, nonce, position: id, step }),
  fc.record({ kind: fc.constant("forget" as const), nonce }),
  fc.record({ kind: fc.constant("reminder" as const), userId: id, nonce }),
  fc.record({ kind: fc.constant("home" as const), step: homeStep }),
  fc.record({ kind: fc.constant("report" as const), source: fc.constant("quiz" as const), quizId: id, nonce }),
  fc.record({
    kind: fc.constant("report" as const),
    source: fc.constant("drill" as const),
    sessionId: id,
    nonce,
    position: id,
  }),
);

/** Anything a client could send as a custom id: any Unicode, and near misses of real ids. */
const foreignId = fc.oneof(
  fc.string({ unit: "binary", maxLength: 120 }),
  fc.string({ unit: fc.constantFrom(..."sb1:adfhmopqr0123456789xyzcstABC-+ "), maxLength: 60 }),
  fc
    .tuple(action, fc.nat(), fc.string({ unit: "binary", maxLength: 3 }), fc.boolean())
    .map(([real, at, text, insert]) => {
      const encoded = encodeAction(real);
      const cut = at % (encoded.length + 1);
      return `${encoded.slice(0, cut)}${text}${encoded.slice(insert ? cut : cut + 1)}`;
    }),
);

describe("button ids (property)", () => {
  it("decode(encode(action)) is the action, within Discord's 100 characters", () => {
    fc.assert(
      fc.property(action, (original) => {
        const encoded = encodeAction(original);
        expect(encoded.length).toBeLessThanOrEqual(100);
        expect(decodeAction(encoded)).toEqual(original);
      }),
      { numRuns: 2000 },
    );
  });

  it("decodes nothing it did not encode: any other string is refused or is exactly an encoding", () => {
    fc.assert(
      fc.property(foreignId, (text) => {
        const decoded = decodeAction(text);
        if (decoded !== undefined) expect(encodeAction(decoded)).toBe(text);
      }),
      { numRuns: 5000 },
    );
  });
});
