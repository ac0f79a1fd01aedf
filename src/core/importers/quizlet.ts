import { isSkipped, rowFromCells } from "./rows.js";
import { SkippedRows } from "./skipped.js";
import type { ReadRows } from "./types.js";

/**
 * Quizlet's export: "between term and definition" (tab, comma or custom) and
 * "between rows" (new line, semicolon or custom), with no quoting. A row is
 * split at the first term separator only, so a definition may contain it.
 */

const SEPARATOR_WORDS: Record<string, string> = {
  tab: "\t",
  "\\t": "\t",
  comma: ",",
  semicolon: ";",
  newline: "\n",
  "new line": "\n",
  "\\n": "\n",
  space: " ",
  pipe: "|",
};

/** `tab`, `comma`, `\t`, `\n`… or the separator itself (" - "). */
export function parseSeparator(text: string): string {
  return SEPARATOR_WORDS[text.toLowerCase()] ?? text.replaceAll("\\t", "\t").replaceAll("\\n", "\n");
}

export function describeSeparator(separator: string): string {
  const word = Object.entries(SEPARATOR_WORDS).find(
    ([name, value]) => value === separator && !name.includes("\\"),
  )?.[0];
  return word ?? JSON.stringify(separator);
}

const LINE_BREAK = /\r\n|\n|\r/g;

export function readQuizlet(text: string, termSeparator = "\t", rowSeparator = "\n"): ReadRows {
  const read: ReadRows = { rows: [], skipped: new SkippedRows(), warnings: [], blankLines: 0 };
  if (termSeparator === "" || rowSeparator === "") {
    read.warnings.push("an empty separator splits nothing: give --term-sep and --row-sep some text");
    return read;
  }
  const normalized = text.replace(LINE_BREAK, "\n");
  let line = 1;
  let at = 0;
  while (at <= normalized.length) {
    const found = normalized.indexOf(rowSeparator, at);
    const end = found < 0 ? normalized.length : found;
    const raw = normalized.slice(at, end);
    // A custom row separator usually sits at the end of a line: the row starts after that line break.
    const leading = raw.length - raw.trimStart().length;
    const rowLine = line + (raw.slice(0, leading).match(/\n/g)?.length ?? 0);
    const row = raw.trim();
    if (row === "" && rowSeparator === "\n") {
      if (found >= 0) read.blankLines += 1;
    } else if (row !== "" || found >= 0) {
      const split = row.indexOf(termSeparator);
      const cells =
        split < 0 ? { front: row } : { front: row.slice(0, split), back: row.slice(split + termSeparator.length) };
      const result = rowFromCells(rowLine, split < 0 ? 1 : 2, cells);
      if (isSkipped(result)) read.skipped.add(result);
      else read.rows.push(result);
    }
    line += (normalized.slice(at, end + rowSeparator.length).match(/\n/g) ?? []).length;
    if (found < 0) break;
    at = end + rowSeparator.length;
  }
  return read;
}
