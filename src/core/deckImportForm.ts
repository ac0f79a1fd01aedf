/** Limits and the form of `deck import` in the chat, shared by the service and the adapters that show it. */

import { apkgFileSizeProblem, deckFileSizeProblem } from "./limits.js";

/** The most a modal's text box takes on Discord (4,000) and what Slack's takes too. */
export const PASTE_MAX_CHARS = 4000;

/** Asks the adapter to open its paste form (a modal) for this deck. */
export interface DeckImportForm {
  /** The deck the paste replaces or creates; absent: a new deck whose id comes from the title. */
  deckId?: string;
  /** The title to start with (the replaced deck's), or "". */
  title: string;
}

/** An Anki package by its name: read as a zip, within the package caps rather than a deck file's. */
export function isAnkiPackageName(fileName: string): boolean {
  return /\.apkg$/i.test(fileName.trim());
}

/** The size cap that applies to a file of this name: an Anki package's, or a deck file's. */
export function importFileSizeProblem(fileName: string): (bytes: number) => string | undefined {
  return isAnkiPackageName(fileName) ? apkgFileSizeProblem : deckFileSizeProblem;
}

/** Types a chat client may give a text export or an Anki package (a zip, or bytes of no known type). */
const ACCEPTED_TYPES = [
  "application/csv",
  "application/octet-stream",
  "application/zip",
  "application/x-zip-compressed",
];

/** Why an attachment is refused before it is downloaded, or undefined when it may be read. */
export function uploadProblem(file: { name: string; size: number; contentType?: string | null }): string | undefined {
  const tooBig = importFileSizeProblem(file.name)(file.size);
  if (tooBig) return `${file.name}: ${tooBig}.`;
  const type = file.contentType?.split(";")[0]?.trim().toLowerCase();
  if (type && !type.startsWith("text/") && !ACCEPTED_TYPES.includes(type)) {
    return `${file.name} is ${type}, not text: attach a CSV, a tab-separated file, Anki's Notes in Plain Text or an Anki package (.apkg).`;
  }
  return undefined;
}
