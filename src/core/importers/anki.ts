import { slugify } from "./cardIds.js";
import { type DelimitedRow, readDelimited } from "./delimited.js";
import { htmlToText } from "./html.js";
import { backWithExtras, isSkipped, joinedNote, rowFromCells } from "./rows.js";
import { SkippedRows } from "./skipped.js";
import type { ReadRows } from "./types.js";

/**
 * Anki's "Notes in Plain Text" export: `#key:value` header lines, then one
 * note per row. Header columns (guid, notetype, deck, tags) are 1-based; the
 * other columns are the note's fields in order: front and back for Basic
 * notes, text and extra for Cloze notes, which become one card per cloze
 * number with the deletion blanked.
 */

const SEPARATOR_NAMES: Record<string, string> = {
  tab: "\t",
  comma: ",",
  semicolon: ";",
  space: " ",
  pipe: "|",
  colon: ":",
};

const HEADER_LINE = /^#([a-z][a-z ]*):(.*)$/i;
// No part of these patterns runs past the next "<" or "{{": a field of ten thousand unclosed
// "<a" or "{{c1::" is read in linear time, not tried again from each one to the end.
const LOOKS_LIKE_HTML = /<\/?[a-z][^<>]*>|&(?:[a-z]{2,8}|#\d+);/i;
const CLOZE = /\{\{c(\d+)::((?:(?!\{\{|\}\}|::)[\s\S])*)(?:::((?:(?!\{\{|\}\})[\s\S])*))?\}\}/g;

export const ANKI_HEADER_KEYS = [
  "separator",
  "html",
  "tags column",
  "guid column",
  "notetype column",
  "deck column",
  "notetype",
  "deck",
  "columns",
  "tags",
];

interface AnkiHeader {
  values: Map<string, string>;
  /** Lines the header takes, so row line numbers count from the file's top. */
  lines: number;
}

function readHeader(text: string): AnkiHeader {
  const values = new Map<string, string>();
  let lines = 0;
  for (const line of text.split(/\r\n|\n|\r/)) {
    const match = HEADER_LINE.exec(line);
    if (!match) break;
    values.set((match[1] ?? "").trim().toLowerCase(), (match[2] ?? "").trim());
    lines += 1;
  }
  return { values, lines };
}

function separatorOf(value: string | undefined): string {
  if (value === undefined || value === "") return "\t";
  return SEPARATOR_NAMES[value.toLowerCase()] ?? value;
}

function columnOf(values: Map<string, string>, key: string): number | undefined {
  const column = Number(values.get(key));
  return Number.isInteger(column) && column >= 1 ? column - 1 : undefined;
}

/** `{{c1::Paris::capital}}` → one card per cloze number: that deletion blanked, the others shown. */
export function clozeCards(text: string, extra: string): { front: string; back: string }[] {
  const numbers = [...new Set([...text.matchAll(CLOZE)].map((match) => Number(match[1])))].sort((a, b) => a - b);
  return numbers.map((number) => {
    const answers: string[] = [];
    const front = text.replace(CLOZE, (_whole, n: string, answer: string, hint: string | undefined) => {
      if (Number(n) !== number) return answer;
      answers.push(answer.trim());
      return hint ? `[${hint.trim()}]` : "[...]";
    });
    const back = [answers.join(" · "), extra].filter((part) => part.trim() !== "").join("\n\n");
    return { front, back };
  });
}

/**
 * The `#tags column:` header, unless its cells hold markup (Anki exports before 2025 could point it at the
 * wrong column, an image field): then that column is read as a field, and the summary says so.
 */
function trustedTagsColumn(
  column: number | undefined,
  rows: readonly DelimitedRow[],
  headerLines: number,
  warnings: string[],
): number | undefined {
  if (column === undefined) return undefined;
  const wrong = rows.find((row) => /[<>[\]"]/.test(row.fields[column] ?? ""));
  if (wrong === undefined) return column;
  warnings.push(
    `line ${wrong.line + headerLines}: the "#tags column:${column + 1}" header points at a field, not tags (an Anki export bug): read it as a field`,
  );
  return undefined;
}

/**
 * Exports before Anki 2.1.55 have no header: with "include tags" the tags are the last column. It is taken as
 * tags when every row has it after at least two fields, and no cell of it has markup or sentence punctuation.
 */
function lastColumnOfTags(rows: readonly DelimitedRow[]): number | undefined {
  const width = rows[0]?.fields.length ?? 0;
  if (width < 3 || rows.some((row) => row.fields.length !== width)) return undefined;
  const cells = rows.map((row) => row.fields[width - 1] ?? "");
  const tagLike = cells.every((cell) => /^[^\s<>[\]"&.,;!?]*(?:\s+[^\s<>[\]"&.,;!?]+)*\s*$/.test(cell));
  return tagLike && cells.some((cell) => cell.trim() !== "") ? width - 1 : undefined;
}

export function readAnki(text: string): ReadRows {
  const header = readHeader(text);
  const { values } = header;
  const body = text
    .split(/\r\n|\n|\r/)
    .slice(header.lines)
    .join("\n");
  const skipped = new SkippedRows();
  const separator = separatorOf(values.get("separator"));
  let blankLines = 0;
  const { rows, warnings } = readDelimited(body, separator, () => {
    blankLines += 1;
  });
  const html = values.has("html") ? values.get("html")?.toLowerCase() === "true" : LOOKS_LIKE_HTML.test(body);
  const clean = (field: string) => (html ? htmlToText(field) : field.trim());
  const special = {
    tags:
      header.lines === 0
        ? lastColumnOfTags(rows)
        : trustedTagsColumn(columnOf(values, "tags column"), rows, header.lines, warnings),
    guid: columnOf(values, "guid column"),
    notetype: columnOf(values, "notetype column"),
    deck: columnOf(values, "deck column"),
  };
  const specialColumns = new Set(Object.values(special).filter((column) => column !== undefined));
  const deckTitle = values.get("deck");
  const read: ReadRows = {
    rows: [],
    skipped,
    warnings,
    blankLines,
    ...(deckTitle && deckTitle !== "Default" ? { title: deckTitle } : {}),
  };

  const columnNames = (values.get("columns") ?? "")
    .split(separator)
    .filter((_name, index) => !specialColumns.has(index));
  const joined = { fields: 0, rows: 0, firstLine: 0 };
  for (const row of rows) {
    const line = row.line + header.lines;
    const fields = row.fields.filter((_field, index) => !specialColumns.has(index)).map(clean);
    // Deck and note type as tags ("Languages::German" → languages-german): distractors come from the same deck.
    const grouping = [special.deck, special.notetype].map((column) =>
      column === undefined ? "" : slugify((row.fields[column] ?? "").replaceAll("::", "-"), 63),
    );
    const tags = [special.tags === undefined ? "" : (row.fields[special.tags] ?? ""), ...grouping].join(" ");
    const guid = special.guid === undefined ? undefined : row.fields[special.guid];
    const ankiDeck = special.deck === undefined ? undefined : (row.fields[special.deck] ?? "").trim();
    const [first = "", second = "", ...rest] = fields;
    const extras = rest.map((value, index) => {
      const name = columnNames[index + 2]?.trim();
      return name ? { name, value } : { value };
    });
    const extended = backWithExtras(second, extras);
    if (extended.joined > 0) {
      joined.fields += extended.joined;
      joined.rows += 1;
      if (joined.rows === 1) joined.firstLine = line;
    }
    const cloze = clozeCards(first, extended.back);
    const cards = cloze.length > 0 ? cloze : [{ front: first, back: extended.back, ...(guid ? { id: guid } : {}) }];
    for (const card of cards) {
      // A cloze note is whole in one field.
      const result = rowFromCells(line, cloze.length > 0 ? 2 : fields.length, { ...card, tags });
      if (isSkipped(result)) read.skipped.add(result);
      else read.rows.push(ankiDeck === undefined ? result : { ...result, ankiDeck });
    }
  }
  if (joined.rows > 0) {
    warnings.push(
      joinedNote(joined.fields, joined.rows, joined.firstLine, "note fields after the second, each on a line"),
    );
  }
  return read;
}
