import { readdir } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { type Deck, validateDeck } from "../core/deck.js";
import { SUMMARY_MAX_ITEMS } from "../core/limits.js";
import { errorText, readDeckBytes } from "./readDeckBytes.js";

export interface LoadedDeck {
  deck: Deck;
  /** Path of the YAML file the deck came from. */
  file: string;
}

export interface DeckLoadError {
  /** Absolute path of the file (or of the directory, when it cannot be read). */
  file: string;
  /** Field path in the deck, e.g. `cards[3].back`; empty when the problem is the whole file. */
  path: string;
  message: string;
}

export interface DeckLoadResult {
  decks: LoadedDeck[];
  errors: DeckLoadError[];
}

const DECK_FILE = /\.ya?ml$/i;

/**
 * A path as a person at this terminal would type it: relative to the working
 * directory when inside it, absolute otherwise (`../../../tmp/x.yaml` helps nobody).
 */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  if (rel === "") return ".";
  return rel.startsWith("..") || isAbsolute(rel) ? resolve(file) : rel;
}

/** `decks/x.yaml: cards[3].back: Required`, or `decks/x.yaml: message` when the whole file is at fault. */
export function formatDeckError(error: DeckLoadError): string {
  const where = error.path === "" ? "" : `${error.path}: `;
  return `${displayPath(error.file)}: ${where}${error.message}`;
}

/**
 * Reads every `*.yaml` / `*.yml` file in `dir`, in name order, and validates each
 * as a deck. Asynchronous. Never throws for bad content: a broken file (unreadable,
 * bad YAML, invalid deck, deck id already taken by an earlier file) is reported in
 * `errors` and skipped, so one typo cannot take every deck offline. A missing or
 * unreadable directory is one error with the directory as `file`.
 */
export async function loadDecks(dir: string): Promise<DeckLoadResult> {
  const root = resolve(dir);
  const result: DeckLoadResult = { decks: [], errors: [] };

  let names: string[];
  try {
    const entries = await readdir(root, { withFileTypes: true });
    names = entries
      // Dotfiles are editor locks and backups (`.#x.yaml`), not decks. Any other kind of entry is read, so
      // that a FIFO or a folder named like a deck is reported, not silently left out.
      .filter((entry) => !entry.name.startsWith(".") && DECK_FILE.test(entry.name))
      .map((entry) => entry.name)
      // Code-unit order, not locale order, so every machine loads decks in the same order.
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (error) {
    result.errors.push({ file: root, path: "", message: `cannot read the deck directory: ${errorText(error)}` });
    return result;
  }

  const files = names.map((name) => join(root, name));
  const parsed = await Promise.all(files.map((file) => readDeckFile(file)));

  const owners = new Map<string, string>();
  files.forEach((file, index) => {
    const outcome = parsed[index];
    if (!outcome) return;
    if ("errors" in outcome) {
      result.errors.push(...outcome.errors);
      return;
    }
    const { deck } = outcome;
    const owner = owners.get(deck.id);
    if (owner !== undefined) {
      result.errors.push({
        file,
        path: "id",
        message: `duplicate deck id "${deck.id}" (also ${displayPath(owner)})`,
      });
      return;
    }
    owners.set(deck.id, file);
    result.decks.push({ deck, file });
  });
  return result;
}

async function readDeckFile(file: string): Promise<{ deck: Deck } | { errors: DeckLoadError[] }> {
  const whole = (message: string) => ({ errors: [{ file, path: "", message }] });

  const read = await readDeckBytes(file);
  if (!read.ok) return whole(read.message);
  const source = read.bytes.toString("utf8");

  const lines = new LineCounter();
  const doc = parseDocument(source, { prettyErrors: false, lineCounter: lines });
  const [syntax] = doc.errors;
  if (syntax) {
    const { line, col } = lines.linePos(syntax.pos[0]);
    return whole(`invalid YAML at line ${line}, column ${col}: ${syntax.message}`);
  }

  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // Unresolved aliases and alias bombs only surface when the document is built.
    return whole(`invalid YAML: ${errorText(error)}`);
  }
  if (data === null || data === undefined) return whole("the file is empty: a deck needs id, title and cards");

  const checked = validateDeck(data);
  if ("problems" in checked) {
    // A file of 10,000 broken cards is named in a few lines, not 10,000.
    const shown = checked.problems.slice(0, SUMMARY_MAX_ITEMS).map((problem) => ({ file, ...problem }));
    const more = checked.problems.length - shown.length;
    return { errors: more > 0 ? [...shown, { file, path: "", message: `and ${more} more problems` }] : shown };
  }
  return { deck: checked.deck };
}

/** A deck in a catalog: loaded from a file, or imported from the chat into one community (no file). */
export type CatalogDeck = LoadedDeck | { deck: Deck; file?: undefined };

/** The loaded decks, by id. Deck ids are unique here: `loadDecks` already skipped duplicates. */
export class DeckCatalog {
  readonly #byId = new Map<string, CatalogDeck>();
  readonly #sorted: Deck[];

  constructor(decks: readonly CatalogDeck[]) {
    for (const loaded of decks) {
      const other = this.#byId.get(loaded.deck.id);
      if (other) {
        throw new Error(
          `duplicate deck id "${loaded.deck.id}" in ${loaded.file ?? "the chat"} and ${other.file ?? "the chat"}`,
        );
      }
      this.#byId.set(loaded.deck.id, loaded);
    }
    this.#sorted = [...this.#byId.values()]
      .map((loaded) => loaded.deck)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  get(id: string): Deck | undefined {
    return this.#byId.get(id)?.deck;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** File the deck was loaded from, for messages that point the admin at it; undefined for a deck imported in the chat. */
  fileOf(id: string): string | undefined {
    return this.#byId.get(id)?.file;
  }

  /** Every entry, with its file when it has one. */
  entries(): CatalogDeck[] {
    return [...this.#byId.values()];
  }

  /** Every deck, sorted by id. */
  list(): Deck[] {
    return [...this.#sorted];
  }

  /** The deck used when none is named: the first by id, so it does not depend on file names. */
  defaultDeck(): Deck | undefined {
    return this.#sorted[0];
  }

  get size(): number {
    return this.#byId.size;
  }
}
