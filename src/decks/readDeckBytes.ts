import { constants, type Stats } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { deckFileSizeProblem } from "../core/limits.js";

export type DeckBytes = { ok: true; bytes: Buffer } | { ok: false; message: string };

/**
 * A deck file's bytes, or a sentence saying why they are not read. The file is
 * opened non-blocking and checked with fstat before any read: behind a deck's
 * name (or a link) a FIFO or a device would block the read forever, and with
 * it `decks check`, the start and `deck reload` (whose stuck read SIGTERM could
 * not end). A file over the size cap (`sizeProblem`: a deck file's, or an Anki
 * package's) is refused before it is read.
 */
export async function readDeckBytes(file: string, sizeProblem = deckFileSizeProblem): Promise<DeckBytes> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, message: `cannot read the file: ${errorText(error)}` };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, message: `not a regular file (${kindOf(info)}): skipped` };
    const before = sizeProblem(info.size);
    if (before) return { ok: false, message: before };
    const bytes = await handle.readFile();
    // The file may have grown between fstat and the read.
    const after = sizeProblem(bytes.length);
    return after ? { ok: false, message: after } : { ok: true, bytes };
  } catch (error) {
    return { ok: false, message: `cannot read the file: ${errorText(error)}` };
  } finally {
    await handle.close();
  }
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return "a named pipe";
  if (info.isDirectory()) return "a directory";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  if (info.isSocket()) return "a socket";
  return "not a file";
}

/** An fs error's message without the path that ends it (", open '/abs/x.yaml'"): the caller already names the file. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message.replace(/, \w+ '[^']*'$/, "") : String(error);
}
