/**
 * Button payloads. Buttons must keep working after a restart, so everything a
 * click needs travels in its id, never in memory: a short, versioned string
 * well under Discord's 100-character custom_id limit. Decoding accepts only
 * what encoding produces; anything else is a forged or stale id.
 */

import { type DrillRating, RATINGS } from "./fsrs.js";

export type AnswerAction = { kind: "answer"; quizId: number; nonce: string; choice: number };

/** What a drill button does. `type` asks the adapter for a text box; what is typed goes to the drill service. */
export type DrillStep =
  | { op: "show" }
  | { op: "rate"; rating: DrillRating }
  | { op: "pick"; choice: number }
  | { op: "type" }
  | { op: "stop" }
  | { op: "undo" };

/** `position` is the card's place in the session: a click meant for an earlier card is recognised as stale. */
export type DrillAction = { kind: "drill"; sessionId: number; nonce: string; position: number; step: DrillStep };

/** The confirmation of `me forget`: only the pending request of the member who clicks holds this nonce. */
export type ForgetAction = { kind: "forget"; nonce: string };

/**
 * A reminder's "Start drill" button: the member it was sent to and the nonce
 * stored with that day's reminder claim, which names the community and deck.
 */
export type ReminderAction = { kind: "reminder"; userId: number; nonce: string };

/**
 * A control on a person's Home (Slack's App Home tab). It names no one: the
 * clicker is whoever Slack says clicked, so a forged one can only change the
 * clicker's own settings. `time` is the reminder time picker, whose chosen
 * time comes with the click.
 */
export type HomeStep =
  | { op: "drill"; deckId?: string }
  | { op: "time" }
  | { op: "remind-off" }
  | { op: "streak"; on: boolean }
  | { op: "pause"; days: number | "off" };

export type HomeAction = { kind: "home"; step: HomeStep };

/**
 * "Report card": the card is named by what showed it, a closed quiz or a
 * drill's card at a position, with that quiz's or drill's nonce, so the id
 * stays short whatever the deck and card ids, and a forged one names nothing.
 */
export type ReportAction =
  | { kind: "report"; source: "quiz"; quizId: number; nonce: string }
  | { kind: "report"; source: "drill"; sessionId: number; nonce: string; position: number };

export type Action = AnswerAction | DrillAction | ForgetAction | ReminderAction | HomeAction | ReportAction;

const PREFIX = "sb1";
const NONCE = /^[A-Za-z0-9]{6,12}$/;
const MAX_ENCODED_LENGTH = 100;
/** A deck id as decks spell it (see deck.ts): a drill button names one. */
const DECK_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Pauses a Home offers; `me pause` takes any other length. */
const PAUSE_DAYS = /^[1-9][0-9]?$/;

function positiveInt(token: string | undefined, radix: number): number | undefined {
  if (token === undefined || !/^[0-9a-z]{1,11}$/.test(token)) return undefined;
  const value = Number.parseInt(token, radix);
  return Number.isSafeInteger(value) && value >= 0 && value.toString(radix) === token ? value : undefined;
}

function encodeStep(step: DrillStep): string {
  switch (step.op) {
    case "show":
      return "s";
    case "rate":
      return `r${RATINGS.indexOf(step.rating) + 1}`;
    case "pick":
      return `c${step.choice.toString(10)}`;
    case "type":
      return "t";
    case "stop":
      return "x";
    case "undo":
      return "u";
  }
}

function decodeStep(token: string | undefined): DrillStep | undefined {
  if (token === "s") return { op: "show" };
  if (token === "t") return { op: "type" };
  if (token === "x") return { op: "stop" };
  if (token === "u") return { op: "undo" };
  const rating = /^r([1-4])$/.exec(token ?? "")?.[1];
  if (rating) return { op: "rate", rating: RATINGS[Number(rating) - 1] as DrillRating };
  const choice = token?.startsWith("c") ? positiveInt(token.slice(1), 10) : undefined;
  return choice !== undefined && choice <= 25 ? { op: "pick", choice } : undefined;
}

function encodeHome(step: HomeStep): string[] {
  switch (step.op) {
    case "drill":
      return step.deckId === undefined ? ["d"] : ["d", step.deckId];
    case "time":
      return ["t"];
    case "remind-off":
      return ["o"];
    case "streak":
      return ["s", step.on ? "1" : "0"];
    case "pause":
      return ["p", step.days === "off" ? "off" : step.days.toString(10)];
  }
}

function decodeHome(tokens: readonly (string | undefined)[]): HomeAction | undefined {
  const [op, arg, ...extra] = tokens;
  if (extra.some((token) => token !== undefined)) return undefined;
  const step = ((): HomeStep | undefined => {
    if (op === "d")
      return arg === undefined ? { op: "drill" } : DECK_ID.test(arg) ? { op: "drill", deckId: arg } : undefined;
    if (arg === undefined && op === "t") return { op: "time" };
    if (arg === undefined && op === "o") return { op: "remind-off" };
    if (op === "s" && (arg === "0" || arg === "1")) return { op: "streak", on: arg === "1" };
    if (op === "p" && arg === "off") return { op: "pause", days: "off" };
    if (op === "p" && arg !== undefined && PAUSE_DAYS.test(arg)) return { op: "pause", days: Number(arg) };
    return undefined;
  })();
  return step && { kind: "home", step };
}

export function encodeAction(action: Action): string {
  if (action.kind === "home") return [PREFIX, "h", ...encodeHome(action.step)].join(":");
  if (action.kind === "forget") return [PREFIX, "f", action.nonce].join(":");
  if (action.kind === "drill") {
    const { sessionId, nonce, position, step } = action;
    return [PREFIX, "d", sessionId.toString(36), nonce, position.toString(36), encodeStep(step)].join(":");
  }
  if (action.kind === "reminder") return [PREFIX, "m", action.userId.toString(36), action.nonce].join(":");
  if (action.kind === "report") {
    if (action.source === "quiz") return [PREFIX, "r", "q", action.quizId.toString(36), action.nonce].join(":");
    return [PREFIX, "r", "d", action.sessionId.toString(36), action.nonce, action.position.toString(36)].join(":");
  }
  return [PREFIX, "a", action.quizId.toString(36), action.nonce, action.choice.toString(10)].join(":");
}

export function decodeAction(id: string): Action | undefined {
  if (typeof id !== "string" || id.length > MAX_ENCODED_LENGTH) return undefined;
  const [prefix, kind, quiz, nonce, choice, ...rest] = id.split(":");
  if (prefix === PREFIX && kind === "d") return decodeDrill(quiz, nonce, choice, rest);
  if (prefix === PREFIX && kind === "h") return decodeHome([quiz, nonce, choice, ...rest]);
  if (prefix === PREFIX && kind === "r") return decodeReport(quiz, nonce, choice, rest);
  if (prefix !== PREFIX || rest.length > 0) return undefined;
  if (kind === "f") {
    const forgetNonce = quiz;
    const extra = nonce !== undefined || choice !== undefined;
    return !extra && forgetNonce && NONCE.test(forgetNonce) ? { kind: "forget", nonce: forgetNonce } : undefined;
  }
  if (kind === "m") {
    const userId = positiveInt(quiz, 36);
    if (userId === undefined || choice !== undefined || !nonce || !NONCE.test(nonce)) return undefined;
    return { kind: "reminder", userId, nonce };
  }
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

function decodeDrill(
  session: string | undefined,
  nonce: string | undefined,
  position: string | undefined,
  rest: readonly string[],
): DrillAction | undefined {
  const [stepToken, ...extra] = rest;
  const sessionId = positiveInt(session, 36);
  const at = positiveInt(position, 36);
  const step = decodeStep(stepToken);
  if (sessionId === undefined || at === undefined || !step || extra.length > 0 || !nonce || !NONCE.test(nonce)) {
    return undefined;
  }
  return { kind: "drill", sessionId, nonce, position: at, step };
}

function decodeReport(
  source: string | undefined,
  id: string | undefined,
  nonce: string | undefined,
  rest: readonly string[],
): ReportAction | undefined {
  const number = positiveInt(id, 36);
  if (number === undefined || !nonce || !NONCE.test(nonce)) return undefined;
  if (source === "q" && rest.length === 0) return { kind: "report", source: "quiz", quizId: number, nonce };
  const [position, ...extra] = rest;
  const at = positiveInt(position, 36);
  if (source !== "d" || at === undefined || extra.length > 0) return undefined;
  return { kind: "report", source: "drill", sessionId: number, nonce, position: at };
}
