import { type Apology, apologyView, NOT_RECORDED } from "../core/apologies.js";
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
    throw new NotRecordedError("not recorded", { cause: error });
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
