import { isAnkiPackageName } from "../core/deckImportForm.js";
import { decodeDeckBytes, type ImportFormat } from "../core/importers/index.js";
import { ankiPackageToText } from "./ankiPackage.js";

/** A file's cards as text for the importer, with what was left out of it (an Anki package's media). */
export type ImportText = { ok: true; text: string; format?: ImportFormat; note?: string };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * The text of a file's bytes, for `decks import` and for a file attached in
 * the chat alike: an Anki package (by its .apkg name or a zip's first bytes)
 * becomes Anki's plain-text notes, read as `anki` whatever format was asked
 * for; anything else is decoded as text (UTF-8, UTF-16, Windows-1252).
 */
export function importTextOf(bytes: Uint8Array, fileName: string): ImportText | { ok: false; message: string } {
  const isZip = ZIP_MAGIC.every((byte, index) => bytes[index] === byte);
  if (!isAnkiPackageName(fileName) && !isZip) return decodeDeckBytes(bytes);
  const unpacked = ankiPackageToText(bytes);
  if (!unpacked.ok) return unpacked;
  const media = [plural(unpacked.images, "image"), plural(unpacked.sounds, "sound")].filter((part) => part !== "");
  return {
    ok: true,
    text: unpacked.text,
    format: "anki",
    ...(media.length > 0 ? { note: `${media.join(" and ")} left out (cards hold text only)` } : {}),
  };
}

const plural = (count: number, noun: string) => (count === 0 ? "" : `${count} ${noun}${count === 1 ? "" : "s"}`);
