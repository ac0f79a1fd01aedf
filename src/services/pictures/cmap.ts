/**
 * The characters a TrueType or OpenType font maps to glyphs, read from its
 * `cmap` table (formats 4 and 12, the Unicode ones every current font has).
 * Pictures replace what no shipped font covers, so nothing is drawn as a box.
 */

function unicodeSubtableOffsets(font: Buffer, cmap: number): number[] {
  const count = font.readUInt16BE(cmap + 2);
  const offsets: number[] = [];
  for (let index = 0; index < count; index++) {
    const record = cmap + 4 + index * 8;
    const platform = font.readUInt16BE(record);
    const encoding = font.readUInt16BE(record + 2);
    // Unicode platform, or Windows Unicode BMP (1) and full repertoire (10).
    if (platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))) {
      offsets.push(cmap + font.readUInt32BE(record + 4));
    }
  }
  return offsets;
}

function addFormat4(font: Buffer, table: number, into: Set<number>): void {
  const segments = font.readUInt16BE(table + 6) / 2;
  const ends = table + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let segment = 0; segment < segments; segment++) {
    const end = font.readUInt16BE(ends + segment * 2);
    const start = font.readUInt16BE(starts + segment * 2);
    const delta = font.readInt16BE(deltas + segment * 2);
    const rangeOffsetAt = rangeOffsets + segment * 2;
    const rangeOffset = font.readUInt16BE(rangeOffsetAt);
    for (let code = start; code <= end && code !== 0xffff; code++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (code + delta) & 0xffff;
      else {
        const raw = font.readUInt16BE(rangeOffsetAt + rangeOffset + (code - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) into.add(code);
    }
  }
}

function addFormat12(font: Buffer, table: number, into: Set<number>): void {
  const groups = font.readUInt32BE(table + 12);
  for (let group = 0; group < groups; group++) {
    const at = table + 16 + group * 12;
    const start = font.readUInt32BE(at);
    const end = font.readUInt32BE(at + 4);
    const firstGlyph = font.readUInt32BE(at + 8);
    for (let code = start; code <= end; code++) if (firstGlyph + (code - start) !== 0) into.add(code);
  }
}

/** Every code point the font draws with a real glyph (not the .notdef box). */
export function coveredCodePoints(font: Buffer): Set<number> {
  const tables = font.readUInt16BE(4);
  let cmap: number | undefined;
  for (let index = 0; index < tables; index++) {
    const entry = 12 + index * 16;
    if (font.toString("latin1", entry, entry + 4) === "cmap") cmap = font.readUInt32BE(entry + 8);
  }
  if (cmap === undefined) throw new Error("Not a font with a cmap table");
  const covered = new Set<number>();
  for (const table of unicodeSubtableOffsets(font, cmap)) {
    const format = font.readUInt16BE(table);
    if (format === 4) addFormat4(font, table, covered);
    else if (format === 12) addFormat12(font, table, covered);
  }
  return covered;
}
