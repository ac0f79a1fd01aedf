import { FLAG_EXAMPLE, REASON_MAX_CHARS } from "../cardFlags.js";
import { fail, ok, type Parsed } from "./parsed.js";

/** A reason as typed or submitted: trimmed, not empty, at most REASON_MAX_CHARS characters. */
export function checkReason(typed: string): Parsed<string> {
  const reason = typed.trim();
  if (reason === "") return fail(`Say what is wrong with the card, such as: ${FLAG_EXAMPLE}`);
  if (reason.length > REASON_MAX_CHARS) {
    return fail(`That reason has ${reason.length} characters: a reason has at most ${REASON_MAX_CHARS}.`);
  }
  return ok(reason);
}
