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

export interface FixtureNoteType {
  name: string;
  fields: string[];
  /** Card templates in order: front (`qfmt`) and back (`afmt`). */
  templates: { front: string; back: string }[];
  cloze?: boolean;
}

export interface FixtureNote {
  /** A note type, or the name of one laid out as Anki's stock Basic (Front, Back) or, named "Cloze", Cloze. */
  noteType: string | FixtureNoteType;
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
    const noteTypes = new Map(notes.map((note) => [noteTypeName(note), noteTypeOf(note, notes)]));
    const noteTypeIds = ids([...noteTypes.keys()], 1_600_000_000_000);
    const deckIds = ids(
      notes.flatMap((note) => [note.deck, ...(note.laterCardDecks ?? [])]),
      1_700_000_000_000,
    );
    if (format === "anki21b") {
      // Anki declares names with its own collation; SQLite lacks it, so the tables are made with NOCASE and
      // the schema text is then changed to what Anki writes.
      db.exec(`
        CREATE TABLE notetypes (id INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL COLLATE NOCASE,
          mtime_secs INTEGER, usn INTEGER, config BLOB);
        CREATE UNIQUE INDEX idx_notetypes_name ON notetypes (name);
        CREATE TABLE fields (ntid INTEGER NOT NULL, ord INTEGER NOT NULL, name TEXT NOT NULL COLLATE NOCASE,
          config BLOB NOT NULL, PRIMARY KEY (ntid, ord)) WITHOUT ROWID;
        CREATE UNIQUE INDEX idx_fields_name_ntid ON fields (name, ntid);
        CREATE TABLE templates (ntid INTEGER NOT NULL, ord INTEGER NOT NULL, name TEXT NOT NULL COLLATE NOCASE,
          mtime_secs INTEGER NOT NULL, usn INTEGER NOT NULL, config BLOB NOT NULL, PRIMARY KEY (ntid, ord)) WITHOUT ROWID;
        CREATE UNIQUE INDEX idx_templates_name_ntid ON templates (name, ntid);
        CREATE TABLE decks (id INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL COLLATE NOCASE,
          mtime_secs INTEGER, usn INTEGER, common BLOB, kind BLOB);
        CREATE UNIQUE INDEX idx_decks_name ON decks (name);
        INSERT INTO col (id, models, decks) VALUES (1, '', '');
      `);
      for (const [name, id] of noteTypeIds) {
        const type = noteTypes.get(name) as FixtureNoteType;
        db.prepare("INSERT INTO notetypes (id, name, config) VALUES (?, ?, ?)").run(
          id,
          name,
          protobuf([[1, type.cloze ? 1 : 0]]),
        );
        type.fields.forEach((field, ord) => {
          db.prepare("INSERT INTO fields (ntid, ord, name, config) VALUES (?, ?, ?, ?)").run(
            id,
            ord,
            field,
            protobuf([]),
          );
        });
        type.templates.forEach((template, ord) => {
          // Other settings around the formats, as Anki writes them: a target deck (varint) and a font size.
          const config = protobuf([
            [1, template.front],
            [2, template.back],
            [5, 0],
            [7, 20],
          ]);
          db.prepare("INSERT INTO templates (ntid, ord, name, mtime_secs, usn, config) VALUES (?, ?, ?, 0, 0, ?)").run(
            id,
            ord,
            `Card ${ord + 1}`,
            config,
          );
        });
      }
      for (const [name, id] of deckIds) {
        db.prepare("INSERT INTO decks (id, name) VALUES (?, ?)").run(id, name.replaceAll("::", "\x1f"));
      }
      db.unsafeMode(true);
      db.pragma("writable_schema = ON");
      db.exec("UPDATE sqlite_master SET sql = replace(sql, 'COLLATE NOCASE', 'COLLATE unicase')");
    } else {
      const models = [...noteTypeIds].map(([name, id]) => {
        const type = noteTypes.get(name) as FixtureNoteType;
        return [
          String(id),
          {
            id,
            name,
            type: type.cloze ? 1 : 0,
            flds: type.fields.map((field, ord) => ({ name: field, ord })),
            tmpls: type.templates.map((template, ord) => ({
              name: `Card ${ord + 1}`,
              ord,
              qfmt: template.front,
              afmt: template.back,
            })),
          },
        ];
      });
      const decks = [...deckIds].map(([name, id]) => [String(id), { id, name }]);
      db.prepare("INSERT INTO col (id, models, decks) VALUES (1, ?, ?)").run(
        JSON.stringify(Object.fromEntries(models)),
        JSON.stringify(Object.fromEntries(decks)),
      );
    }
    const addNote = db.prepare("INSERT INTO notes (id, mid, tags, flds) VALUES (?, ?, ?, ?)");
    const addCard = db.prepare("INSERT INTO cards (nid, did, ord) VALUES (?, ?, ?)");
    notes.forEach((note, n) => {
      addNote.run(n + 1, noteTypeIds.get(noteTypeName(note)), ` ${note.tags ?? ""} `, note.fields.join("\x1f"));
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

const noteTypeName = (note: FixtureNote) => (typeof note.noteType === "string" ? note.noteType : note.noteType.name);

/** The note's type; a name alone is Anki's stock Basic (or Cloze), with as many fields as its notes have. */
function noteTypeOf(note: FixtureNote, notes: readonly FixtureNote[]): FixtureNoteType {
  if (typeof note.noteType !== "string") return note.noteType;
  const name = note.noteType;
  const width = Math.max(...notes.filter((other) => other.noteType === name).map((other) => other.fields.length));
  const cloze = name === "Cloze";
  const [first, second] = cloze ? ["Text", "Back Extra"] : ["Front", "Back"];
  const fields = Array.from({ length: width }, (_field, index) =>
    index === 0 ? first : index === 1 ? second : `Field ${index + 1}`,
  );
  const template = cloze
    ? { front: "{{cloze:Text}}", back: "{{cloze:Text}}<br>\n{{Back Extra}}" }
    : { front: "{{Front}}", back: "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}" };
  return { name, fields, templates: [template], cloze };
}

/** Protobuf wire format of varint (number) and length-delimited (string) fields. */
function protobuf(fields: readonly [number, number | string][]): Uint8Array {
  const bytes: number[] = [];
  const varint = (value: number) => {
    let rest = value;
    while (rest >= 0x80) {
      bytes.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    bytes.push(rest);
  };
  for (const [field, value] of fields) {
    if (typeof value === "number") {
      varint(field * 8);
      varint(value);
    } else {
      const text = new TextEncoder().encode(value);
      varint(field * 8 + 2);
      varint(text.length);
      bytes.push(...text);
    }
  }
  return new Uint8Array(bytes);
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
