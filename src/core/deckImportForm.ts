/** Limits and the form of `deck import` in the chat, shared by the service and the adapters that show it. */

import { deckFileSizeProblem } from "./limits.js";

/** The most a modal's text box takes on Discord (4,000) and what Slack's takes too. */
export const PASTE_MAX_CHARS = 4000;

/** Asks the adapter to open its paste form (a modal) for this deck. */
export interface DeckImportForm {
  /** The deck the paste replaces or creates; absent: a new deck whose id comes from the title. */
  deckId?: string;
  /** The title to start with (the replaced deck's), or "". */
  title: string;
}

/** Why an attachment is refused before it is downloaded, or undefined when it may be read. */
export function uploadProblem(file: { name: string; size: number; contentType?: string | null }): string | undefined {
  const tooBig = deckFileSizeProblem(file.size);
  if (tooBig) return `${file.name}: ${tooBig}.`;
  const type = file.contentType?.split(";")[0]?.trim().toLowerCase();
  if (type && !type.startsWith("text/") && type !== "application/csv" && type !== "application/octet-stream") {
    return `${file.name} is ${type}, not text: attach a CSV, a tab-separated file or Anki's Notes in Plain Text.`;
  }
  return undefined;
}
