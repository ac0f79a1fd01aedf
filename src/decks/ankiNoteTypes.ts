import type Database from "better-sqlite3";
import type { CardTemplate } from "../core/importers/ankiTemplates.js";

/**
 * A collection's note types: name, field names in order, and the first card
 * template (which decides a note's front and back). Current collections keep
 * them in the `notetypes`, `fields` and `templates` tables (a template's
 * formats in a protobuf blob), older ones as JSON in the `col` row.
 */

export interface NoteType {
  name: string;
  fields: string[];
  template?: CardTemplate;
}

export function readNoteTypes(db: Database.Database): Map<number, NoteType> {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'notetypes'").get();
  return hasTable === undefined ? noteTypesFromJson(db) : noteTypesFromTables(db);
}

interface JsonNoteType {
  name?: unknown;
  flds?: { name?: unknown; ord?: unknown }[];
  tmpls?: { ord?: unknown; qfmt?: unknown; afmt?: unknown }[];
}

function noteTypesFromJson(db: Database.Database): Map<number, NoteType> {
  const json = db.prepare<[], { models: string }>("SELECT models FROM col").get()?.models ?? "{}";
  const models = JSON.parse(json) as Record<string, JsonNoteType>;
  return new Map(
    Object.entries(models).map(([id, model]) => {
      const byOrd = <T extends { ord?: unknown }>(items: T[] | undefined) =>
        [...(items ?? [])].sort((a, b) => Number(a.ord) - Number(b.ord));
      const [first] = byOrd(model.tmpls);
      const noteType: NoteType = {
        name: String(model.name ?? ""),
        fields: byOrd(model.flds).map((field) => String(field.name ?? "")),
      };
      if (first) noteType.template = { front: String(first.qfmt ?? ""), back: String(first.afmt ?? "") };
      return [Number(id), noteType];
    }),
  );
}

function noteTypesFromTables(db: Database.Database): Map<number, NoteType> {
  const noteTypes = new Map<number, NoteType>();
  for (const row of db.prepare<[], { id: number; name: string }>("SELECT id, name FROM notetypes").all()) {
    noteTypes.set(Number(row.id), { name: row.name, fields: [] });
  }
  const fields = db
    .prepare<[], { ntid: number; name: string }>("SELECT ntid, name FROM fields ORDER BY ntid, ord")
    .all();
  for (const field of fields) noteTypes.get(Number(field.ntid))?.fields.push(field.name);
  const templates = db
    .prepare<[], { ntid: number; config: Uint8Array }>(
      "SELECT ntid, config FROM templates WHERE ord = (SELECT MIN(ord) FROM templates AS t WHERE t.ntid = templates.ntid)",
    )
    .all();
  for (const template of templates) {
    const noteType = noteTypes.get(Number(template.ntid));
    if (noteType) noteType.template = templateFormats(template.config);
  }
  return noteTypes;
}

/**
 * `Notetype.Template.Config { string q_format = 1; string a_format = 2; … }`
 * read from its protobuf wire format; the other fields are skipped.
 */
export function templateFormats(config: Uint8Array): CardTemplate {
  const text = new TextDecoder();
  const formats: CardTemplate = { front: "", back: "" };
  let at = 0;
  const varint = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (at >= config.length) throw new Error("a card template's settings end early");
      const byte = config[at++] ?? 0;
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
  };
  while (at < config.length) {
    const key = varint();
    const wire = key % 8;
    if (wire === 0) varint();
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else if (wire === 2) {
      const length = varint();
      if (at + length > config.length) throw new Error("a card template's settings end early");
      const bytes = config.subarray(at, at + length);
      at += length;
      if (key >>> 3 === 1) formats.front = text.decode(bytes);
      if (key >>> 3 === 2) formats.back = text.decode(bytes);
    } else {
      throw new Error(`a card template's settings are unreadable (wire type ${wire})`);
    }
  }
  return formats;
}
