import { type Apology, apologyView, mayBeApplied, NOT_RECORDED } from "../core/apologies.js";
import { parseCommand } from "../core/grammar.js";
import { errorView, type View } from "../core/views.js";
import { UserError } from "../services/ports.js";

/** A request's work failed before anything of it was committed: the person is told it was not recorded. */
export class NotRecordedError extends Error {
  override readonly name = "NotRecordedError";
}

/**
 * Runs work that is one transaction (an answer, a drill rating): when it
 * throws, nothing of it was committed, and the failure says so. A mistake the
 * person made (UserError) stays what it is.
 */
export async function recordOrSayNot<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserError || error instanceof NotRecordedError) throw error;
    // The reason goes in the message too: a log line shows it whatever its serializer does with causes.
    const reason = error instanceof Error ? error.message : String(error);
    throw new NotRecordedError(`not recorded: ${reason}`, { cause: error });
  }
}

/**
 * The one answer every platform gives a person whose request failed: their
 * mistake, "not recorded" when the work is known undone, else "may have been
 * applied" with where to check (the work was done and the reply failed, or
 * nobody can tell).
 */
export function apologyFor(error: unknown, otherwise: Apology): View {
  if (error instanceof UserError) return errorView(error.message, error.hint);
  return apologyView(error instanceof NotRecordedError ? NOT_RECORDED : otherwise);
}

/** Where to check after a request that is no command failed midway (a click, a reaction): where it was made. */
export const CHECK_THE_CHANNEL: Apology = { kind: "may-be-applied", check: "the channel" };

/** Where to check after a typed command line failed midway: its command's own check, else the channel. */
export function mayBeAppliedAfter(line: string): Apology {
  const parsed = parseCommand(line);
  return parsed.ok ? mayBeApplied(parsed.command.name) : CHECK_THE_CHANNEL;
}
