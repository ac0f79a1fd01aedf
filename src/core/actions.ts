/**
 * Button payloads. Buttons must keep working after a restart, so everything a
 * click needs travels in its id, never in memory: a short, versioned string
 * well under Discord's 100-character custom_id limit. Decoding accepts only
 * what encoding produces; anything else is a forged or stale id.
 */

export type Action = { kind: "answer"; quizId: number; nonce: string; choice: number };

const PREFIX = "sb1";
const NONCE = /^[A-Za-z0-9]{6,12}$/;
const MAX_ENCODED_LENGTH = 100;

function positiveInt(token: string | undefined, radix: number): number | undefined {
  if (token === undefined || !/^[0-9a-z]{1,11}$/.test(token)) return undefined;
  const value = Number.parseInt(token, radix);
  return Number.isSafeInteger(value) && value >= 0 && value.toString(radix) === token ? value : undefined;
}

export function encodeAction(action: Action): string {
  return [PREFIX, "a", action.quizId.toString(36), action.nonce, action.choice.toString(10)].join(":");
}

export function decodeAction(id: string): Action | undefined {
  if (typeof id !== "string" || id.length > MAX_ENCODED_LENGTH) return undefined;
  const [prefix, kind, quiz, nonce, choice, ...rest] = id.split(":");
  if (prefix !== PREFIX || rest.length > 0) return undefined;
  if (kind === "a") {
    const quizId = positiveInt(quiz, 36);
    const choiceIndex = positiveInt(choice, 10);
    if (quizId === undefined || choiceIndex === undefined || choiceIndex > 25 || !nonce || !NONCE.test(nonce)) {
      return undefined;
    }
    return { kind: "answer", quizId, nonce, choice: choiceIndex };
  }
  return undefined;
}
