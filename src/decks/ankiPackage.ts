import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { type UnzipFileInfo, unzipSync } from "fflate";
import { Decompress } from "fzstd";
import { type FieldLayout, fieldLayout } from "../core/importers/ankiTemplates.js";
import { writeDelimited } from "../core/importers/delimited.js";
import { APKG_ENTRY_MAX_BYTES, APKG_MAX_ENTRIES, APKG_TOTAL_MAX_BYTES } from "../core/limits.js";
import { readNoteTypes } from "./ankiNoteTypes.js";

/**
 * An Anki package (.apkg) read without Anki: a zip holding an SQLite
 * collection (`collection.anki21b` zstd-compressed by current Anki,
 * `collection.anki21` or `collection.anki2` by older ones) and media files.
 * Its notes become Anki's plain-text export, so the text importer reads them
 * by the same rules (clozes, HTML, tags, decks and note types as tags).
 */

export type AnkiPackageText =
  | { ok: true; text: string; images: number; sounds: number }
  | { ok: false; message: string };

/** Newest first: a current package also holds an old `collection.anki2` that only says "please update Anki". */
const COLLECTIONS = ["collection.anki21b", "collection.anki21", "collection.anki2"] as const;

class Refused extends Error {}

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

export function ankiPackageToText(bytes: Uint8Array): AnkiPackageText {
  try {
    const encrypted = encryptedEntry(bytes);
    if (encrypted !== undefined)
      throw new Refused(`"${encrypted}" is encrypted: export the deck again without a password`);
    const files = unzipSync(bytes, { filter: safeEntryFilter() });
    const name = COLLECTIONS.find((collection) => files[collection] !== undefined);
    const packed = name === undefined ? undefined : files[name];
    if (name === undefined || packed === undefined) {
      throw new Refused(
        `no Anki collection in the package (looked for ${COLLECTIONS.join(", ")}): a spreadsheet? save it as CSV`,
      );
    }
    return { ok: true, ...readCollection(name.endsWith("b") ? unzstd(packed) : packed) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, message: `not imported: ${error.message}` };
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `this Anki package is damaged (${why}): export it again from Anki` };
  }
}

/**
 * fflate's filter sees each entry's declared sizes before it is inflated:
 * too many entries, one too large or all together too large (a zip bomb),
 * and names that climb out of their folder are refused. Only the collection
 * is unpacked; media stay packed and are counted from the notes.
 */
function safeEntryFilter(): (file: UnzipFileInfo) => boolean {
  let entries = 0;
  let total = 0;
  return (file) => {
    entries += 1;
    total += file.originalSize;
    if (entries > APKG_MAX_ENTRIES) throw new Refused(`the package has more than ${APKG_MAX_ENTRIES} files`);
    if (file.name.startsWith("/") || /^[a-z]:/i.test(file.name) || file.name.split(/[\\/]/).includes("..")) {
      throw new Refused(`the package holds "${file.name}", a path outside its folder`);
    }
    if (file.originalSize > APKG_ENTRY_MAX_BYTES) {
      throw new Refused(`"${file.name}" unpacks to ${mb(file.originalSize)}: at most ${mb(APKG_ENTRY_MAX_BYTES)}`);
    }
    if (total > APKG_TOTAL_MAX_BYTES) {
      throw new Refused(`the package unpacks to more than ${mb(APKG_TOTAL_MAX_BYTES)} (at "${file.name}")`);
    }
    return (COLLECTIONS as readonly string[]).includes(file.name);
  };
}

/**
 * The first entry whose general-purpose flag bit 0 (encrypted) is set, read
 * from the zip's central directory: fflate does not expose the flags, and
 * would inflate the ciphertext into garbage.
 */
function encryptedEntry(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end -= 1;
  if (end < 0) return undefined;
  let at = view.getUint32(end + 16, true);
  for (let entry = view.getUint16(end + 10, true); entry > 0 && at + 46 <= bytes.length; entry -= 1) {
    if (view.getUint32(at, true) !== 0x02014b50) return undefined;
    const nameLength = view.getUint16(at + 28, true);
    if ((view.getUint16(at + 8, true) & 1) === 1) {
      return new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    }
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return undefined;
}

/** zstd, stopped at the entry cap: a small frame may declare, or expand to, gigabytes. */
function unzstd(packed: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const stream = new Decompress((chunk) => {
    size += chunk.length;
    if (size > APKG_ENTRY_MAX_BYTES) {
      throw new Refused(`collection.anki21b unpacks to more than ${mb(APKG_ENTRY_MAX_BYTES)}`);
    }
    chunks.push(chunk);
  });
  stream.push(packed, true);
  return Buffer.concat(chunks);
}

interface NoteRow {
  mid: number;
  flds: string;
  tags: string;
  did: number | null;
}

/** better-sqlite3 opens files, not bytes: the collection goes to a private temp folder, removed afterwards. */
function readCollection(collection: Uint8Array): { text: string; images: number; sounds: number } {
  const folder = mkdtempSync(join(tmpdir(), "studybot-apkg-"));
  try {
    const file = join(folder, "collection.sqlite");
    writeFileSync(file, collection);
    withoutAnkiCollation(file);
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return notesAsAnkiText(db);
    } finally {
      db.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Current Anki declares names `COLLATE unicase`, a collation of its own that
 * SQLite lacks: any read of the `fields` and `templates` tables fails ("no
 * query solution"). The private copy's schema drops it; names are only read.
 */
function withoutAnkiCollation(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    const declared = db.prepare("SELECT 1 FROM sqlite_master WHERE sql LIKE '%collate unicase%'").get();
    if (declared === undefined) return;
    // A throwaway copy: no journal, no fsync.
    db.pragma("journal_mode = OFF");
    db.pragma("synchronous = OFF");
    db.unsafeMode(true);
    db.pragma("writable_schema = ON");
    db.prepare(
      "UPDATE sqlite_master SET sql = replace(sql, 'COLLATE unicase', '') WHERE sql LIKE '%collate unicase%'",
    ).run();
  } finally {
    db.close();
  }
}

function notesAsAnkiText(db: Database.Database): { text: string; images: number; sounds: number } {
  const noteTypes = readNoteTypes(db);
  const decks = deckNames(db);
  const notes = db
    .prepare<[], NoteRow>(
      // A note's deck is its first card's, as in Anki's text export. Grouped, not a subquery per note:
      // linear also in a collection without Anki's index on cards.nid. SQLite takes `did` from the MIN(ord) row.
      `SELECT mid, flds, tags, first.did AS did FROM notes
       LEFT JOIN (SELECT nid, did, MIN(ord) FROM cards GROUP BY nid) AS first ON first.nid = notes.id
       ORDER BY notes.id`,
    )
    .all();
  // Fields that no card side shows go to columns named after them, shared by the note types that have them.
  const extraColumns = new Map<string, number>();
  const layouts = new Map<string, { names: string[]; layout: FieldLayout }>();
  let images = 0;
  let sounds = 0;
  const rows = notes.map((note) => {
    images += note.flds.match(/<img\b/gi)?.length ?? 0;
    sounds += note.flds.match(/\[sound:/g)?.length ?? 0;
    const deck = note.did === null ? "" : (decks.get(note.did) ?? "");
    const values = note.flds.split("\x1f");
    const noteType = noteTypes.get(note.mid);
    // A note of a missing note type, or with more fields than its type names, keeps every field all the same.
    const key = `${note.mid}:${values.length}`;
    let shape = layouts.get(key);
    if (shape === undefined) {
      const names = values.map((_value, index) => noteType?.fields[index] ?? `Field ${index + 1}`);
      shape = { names, layout: fieldLayout(names, noteType?.template) };
      layouts.set(key, shape);
    }
    const { names, layout } = shape;
    const row = [
      noteType?.name ?? "",
      deck,
      note.tags.trim(),
      joinShown(values, layout.front),
      joinShown(values, layout.back),
    ];
    for (const index of layout.rest) {
      const name = cleanColumnName(names[index] ?? "");
      let column = extraColumns.get(name);
      if (column === undefined) {
        column = 5 + extraColumns.size;
        extraColumns.set(name, column);
      }
      row[column] = values[index] ?? "";
    }
    return row;
  });
  const width = 5 + extraColumns.size;
  const usedDecks = new Set(rows.map((row) => row[1]));
  const [onlyDeck] = usedDecks;
  const header = [
    "#separator:tab",
    "#html:true",
    "#notetype column:1",
    "#deck column:2",
    "#tags column:3",
    `#columns:${["Note type", "Deck", "Tags", "Front", "Back", ...extraColumns.keys()].join("\t")}`,
    ...(usedDecks.size === 1 && onlyDeck ? [`#deck:${onlyDeck}`] : []),
  ];
  const filled = rows.map((row) => Array.from({ length: width }, (_cell, index) => row[index] ?? ""));
  return { text: `${header.join("\n")}\n${writeDelimited(filled, "\t")}`, images, sounds };
}

/** The fields one side of the card shows, one a line (Anki shows them in one card). */
function joinShown(values: readonly string[], indexes: readonly number[]): string {
  return indexes
    .map((index) => values[index] ?? "")
    .filter((value) => value.trim() !== "")
    .join("<br>");
}

/** A field name as one cell of the `#columns:` line. */
const cleanColumnName = (name: string) => name.replace(/[\t\r\n]+/g, " ").trim();

/**
 * Deck names by id: current collections have a table of them (whose names
 * separate levels with \x1f), older ones a JSON object in the `col` row.
 */
function deckNames(db: Database.Database): Map<number, string> {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'decks'").get();
  if (hasTable !== undefined) {
    const rows = db.prepare<[], { id: number; name: string }>("SELECT id, name FROM decks").all();
    return new Map(rows.map((row) => [Number(row.id), row.name.replaceAll("\x1f", "::")]));
  }
  const json = db.prepare<[], { decks: string }>("SELECT decks FROM col").get()?.decks ?? "{}";
  const parsed = JSON.parse(json) as Record<string, { name?: unknown }>;
  return new Map(Object.entries(parsed).map(([id, value]) => [Number(id), String(value.name ?? "")]));
}
