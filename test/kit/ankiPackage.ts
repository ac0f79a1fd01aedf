import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { zipSync } from "fflate";

/**
 * Anki packages (.apkg) written from SQL the way Anki lays them out, for the
 * importer's tests and bench: `anki2`/`anki21` keep note types and decks as
 * JSON in the `col` row, `anki21b` in tables (deck levels separated by \x1f)
 * and is zstd-compressed.
 */

export type CollectionFormat = "anki2" | "anki21" | "anki21b";

export interface FixtureNote {
  noteType: string;
  /** Anki's deck name, levels separated by "::". */
  deck: string;
  fields: string[];
  /** Space-separated, as Anki stores them. */
  tags?: string;
  /** Decks of the note's other cards (ord 1, 2, …), stored before its first card. */
  laterCardDecks?: string[];
}

export function collectionBytes(format: CollectionFormat, notes: readonly FixtureNote[]): Uint8Array {
  const folder = mkdtempSync(join(tmpdir(), "studybot-apkg-fixture-"));
  try {
    const file = join(folder, "collection");
    const db = new Database(file);
    db.exec(`
      CREATE TABLE col (id INTEGER PRIMARY KEY, models TEXT NOT NULL, decks TEXT NOT NULL);
      CREATE TABLE notes (id INTEGER PRIMARY KEY, guid TEXT, mid INTEGER NOT NULL, mod INTEGER, usn INTEGER,
        tags TEXT NOT NULL, flds TEXT NOT NULL, sfld TEXT, csum INTEGER, flags INTEGER, data TEXT);
      CREATE TABLE cards (id INTEGER PRIMARY KEY, nid INTEGER NOT NULL, did INTEGER NOT NULL, ord INTEGER NOT NULL);
    `);
    const ids = (names: readonly string[], first: number) =>
      new Map([...new Set(names)].map((name, n) => [name, first + n]));
    const noteTypeIds = ids(
      notes.map((note) => note.noteType),
      1_600_000_000_000,
    );
    const deckIds = ids(
      notes.flatMap((note) => [note.deck, ...(note.laterCardDecks ?? [])]),
      1_700_000_000_000,
    );
    const named = (map: Map<string, number>) =>
      Object.fromEntries([...map].map(([name, id]) => [String(id), { id, name }]));
    if (format === "anki21b") {
      db.exec(`
        CREATE TABLE notetypes (id INTEGER PRIMARY KEY, name TEXT NOT NULL, mtime_secs INTEGER, usn INTEGER, config BLOB);
        CREATE TABLE decks (id INTEGER PRIMARY KEY, name TEXT NOT NULL, mtime_secs INTEGER, usn INTEGER, common BLOB, kind BLOB);
        INSERT INTO col (id, models, decks) VALUES (1, '', '');
      `);
      for (const [name, id] of noteTypeIds) db.prepare("INSERT INTO notetypes (id, name) VALUES (?, ?)").run(id, name);
      for (const [name, id] of deckIds) {
        db.prepare("INSERT INTO decks (id, name) VALUES (?, ?)").run(id, name.replaceAll("::", "\x1f"));
      }
    } else {
      db.prepare("INSERT INTO col (id, models, decks) VALUES (1, ?, ?)").run(
        JSON.stringify(named(noteTypeIds)),
        JSON.stringify(named(deckIds)),
      );
    }
    const addNote = db.prepare("INSERT INTO notes (id, mid, tags, flds) VALUES (?, ?, ?, ?)");
    const addCard = db.prepare("INSERT INTO cards (nid, did, ord) VALUES (?, ?, ?)");
    notes.forEach((note, n) => {
      addNote.run(n + 1, noteTypeIds.get(note.noteType), ` ${note.tags ?? ""} `, note.fields.join("\x1f"));
      for (const [index, deck] of (note.laterCardDecks ?? []).entries())
        addCard.run(n + 1, deckIds.get(deck), index + 1);
      addCard.run(n + 1, deckIds.get(note.deck), 0);
    });
    db.close();
    const bytes = readFileSync(file);
    return format === "anki21b" ? zstdRawFrame(bytes) : bytes;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A package of one collection (current Anki also writes a stub `collection.anki2`: given here too for anki21b). */
export function ankiPackage(
  format: CollectionFormat,
  notes: readonly FixtureNote[],
  media: Record<string, Uint8Array> = {},
) {
  const files: Record<string, Uint8Array> = { ...media, [`collection.${format}`]: collectionBytes(format, notes) };
  if (format === "anki21b") files["collection.anki2"] = collectionBytes("anki2", []);
  return zipSync(files);
}

const ZSTD_MAX_BLOCK = 128 * 1024;

/**
 * A zstd frame (RFC 8878) of raw, uncompressed blocks: Node 20 has no zstd
 * compressor, and fzstd only decompresses. Single-segment frame with an
 * 8-byte content size, no checksum.
 */
export function zstdRawFrame(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / ZSTD_MAX_BLOCK));
  const out = new Uint8Array(4 + 1 + 8 + blocks * 3 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xfd2fb528, true);
  out[4] = 0b1110_0000; // content size field of 8 bytes, single segment
  view.setBigUint64(5, BigInt(data.length), true);
  let at = 13;
  for (let block = 0; block < blocks; block += 1) {
    const chunk = data.subarray(block * ZSTD_MAX_BLOCK, (block + 1) * ZSTD_MAX_BLOCK);
    const header = (chunk.length << 3) | (0 << 1) | (block === blocks - 1 ? 1 : 0); // raw block type 0, last flag
    out[at] = header & 0xff;
    out[at + 1] = (header >> 8) & 0xff;
    out[at + 2] = (header >> 16) & 0xff;
    out.set(chunk, at + 3);
    at += 3 + chunk.length;
  }
  return out;
}
