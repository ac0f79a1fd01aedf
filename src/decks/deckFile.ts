import { writeFile } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import { Document, isScalar, isSeq, Scalar, visit } from "yaml";
import type { Deck } from "../core/deck.js";
import {
  type ExportFormat,
  exportDeck,
  type ImportFormat,
  type ImportOutcome,
  importDecksByAnkiDeck,
  importDeck,
  importSummary,
  type SplitImportOptions,
  splitSummary,
} from "../core/importers/index.js";
import { importFileSizeProblem } from "../core/deckImportForm.js";
import { type ImportText, importTextOf } from "./importText.js";
import { displayPath, type DeckLoadResult, loadDecks } from "./loader.js";
import { readDeckBytes } from "./readDeckBytes.js";

/** Words that YAML 1.1 readers (PyYAML, many editors) take as booleans: written quoted, they stay text everywhere. */
const YAML_11_BOOLEAN = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;

/** A deck as the YAML a person would write: block text for multi-line backs, tags on one line. */
export function deckToYaml(deck: Deck): string {
  const doc = new Document(deck);
  visit(doc, {
    Pair(_key, pair) {
      const key = String(pair.key);
      if ((key === "tags" || key === "same_as") && isSeq(pair.value)) pair.value.flow = true;
    },
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === "string" && YAML_11_BOOLEAN.test(node.value)) {
        node.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  return doc.toString({ lineWidth: 0 });
}

export interface FileImportRequest {
  file: string;
  decksDir: string;
  format?: ImportFormat | "auto";
  id?: string;
  title?: string;
  termSeparator?: string;
  rowSeparator?: string;
  /** CSV and TSV: the first row is column names (true) or a card (false); absent guesses. */
  header?: boolean;
  /** Replace `decks/<id>.yaml` when it exists (its cards keep their ids). */
  force?: boolean;
  /** One deck file per Anki deck (`--split-decks`), named from the deck's path. */
  splitDecks?: boolean;
}

export interface CommandOutcome {
  ok: boolean;
  /** What to print, one line each. */
  lines: string[];
}

/** "spanish_verbs-2024.csv" → "spanish verbs 2024": the title when nothing better is given. */
function titleFromFileName(file: string): string {
  return basename(file, extname(file)).replace(/[_-]+/g, " ").trim();
}

/**
 * `studybot decks import`: reads a file of cards, writes a validated
 * `<decksDir>/<id>.yaml`, and says what it read. Replacing a deck needs
 * `force`; its cards are matched by front so they keep their ids.
 */
export async function importDeckFile(request: FileImportRequest): Promise<CommandOutcome> {
  const decoded = await readImportText(request.file);
  if (!decoded.ok) return { ok: false, lines: [`${request.file}: ${decoded.message}`] };

  const existing = await loadDecks(request.decksDir);
  const options = {
    format: decoded.format ?? request.format,
    fallbackTitle: titleFromFileName(request.file),
    termSeparator: request.termSeparator,
    rowSeparator: request.rowSeparator,
    ...(request.header === undefined ? {} : { header: request.header }),
  };
  if (request.splitDecks) return importSplitDecks(request, decoded, options, existing);
  const first = importDeck(decoded.text, { ...options, id: request.id, title: request.title });
  if (!first.ok) return { ok: false, lines: withNote(importSummary(first), decoded.note) };

  const id = first.deck.id;
  const owner = existing.decks.find((loaded) => loaded.deck.id === id);
  const problem = placementProblem(id, request, existing);
  if (problem) return { ok: false, lines: [problem] };
  // Again with the deck being replaced, so unchanged cards keep their ids.
  const outcome: ImportOutcome = owner
    ? importDeck(decoded.text, { ...options, id: request.id, title: request.title, previous: owner.deck })
    : first;
  if (!outcome.ok) return { ok: false, lines: withNote(importSummary(outcome), decoded.note) };
  const target = await writeDeck(request.decksDir, outcome.deck);
  return {
    ok: true,
    lines: [
      ...withNote(importSummary(outcome), decoded.note),
      `Wrote ${displayPath(target)} (deck "${id}": ${outcome.deck.title}).`,
    ],
  };
}

/**
 * `--split-decks`: a file per Anki deck. Written only when every deck may be
 * (none taken by another file, none replaced without `--force`), so a refused
 * import leaves `decks/` as it was; an Anki deck with no cards is named, not written.
 */
async function importSplitDecks(
  request: FileImportRequest,
  decoded: ImportText,
  options: SplitImportOptions,
  existing: DeckLoadResult,
): Promise<CommandOutcome> {
  if (request.id !== undefined || request.title !== undefined) {
    return { ok: false, lines: ["--split-decks names each deck from its Anki deck: leave out --id and --title"] };
  }
  const ownDeck = (id: string) => {
    const owner = existing.decks.find((loaded) => loaded.deck.id === id);
    return owner && resolve(owner.file) === deckPath(request.decksDir, id) ? owner.deck : undefined;
  };
  const split = importDecksByAnkiDeck(decoded.text, { ...options, previousFor: ownDeck });
  const summary = withNote(splitSummary(split), decoded.note);
  if (!split.ok) return { ok: false, lines: summary };
  const made = split.decks.flatMap((entry) => ("deck" in entry ? [entry.deck] : []));
  const refused = made.flatMap((deck) => placementProblem(deck.id, request, existing) ?? []);
  if (refused.length > 0) return { ok: false, lines: [...summary, ...refused, "Nothing was written."] };
  const lines = [...summary];
  for (const entry of split.decks) {
    if ("problem" in entry) {
      lines.push(`${entry.ankiDeck}: not written: ${entry.problem}.`);
      continue;
    }
    const target = await writeDeck(request.decksDir, entry.deck);
    const count = entry.deck.cards.length;
    lines.push(`${entry.ankiDeck} → ${displayPath(target)}: ${count} ${count === 1 ? "card" : "cards"}.`);
  }
  return { ok: made.length > 0, lines };
}

const deckPath = (decksDir: string, id: string) => resolve(decksDir, `${id}.yaml`);

/** Why `<id>.yaml` may not be written: another file holds the id, or it exists and `--force` was not given. */
function placementProblem(
  id: string,
  request: Pick<FileImportRequest, "decksDir" | "force">,
  existing: DeckLoadResult,
): string | undefined {
  const target = deckPath(request.decksDir, id);
  const owner = existing.decks.find((loaded) => loaded.deck.id === id);
  if (owner && resolve(owner.file) !== target) {
    return `deck id "${id}" is already used by ${displayPath(owner.file)}: give another with --id`;
  }
  const targetExists = owner !== undefined || existing.errors.some((error) => resolve(error.file) === target);
  if (targetExists && !request.force)
    return `${displayPath(target)} exists: add --force to replace it (cards keep their ids)`;
  return undefined;
}

async function writeDeck(decksDir: string, deck: Deck): Promise<string> {
  const target = deckPath(decksDir, deck.id);
  await writeFile(target, deckToYaml(deck), "utf8");
  return target;
}

/** The file's text: an Anki package within its own size cap, anything else within a deck file's. */
async function readImportText(file: string): Promise<ImportText | { ok: false; message: string }> {
  const read = await readDeckBytes(file, importFileSizeProblem(file));
  return read.ok ? importTextOf(read.bytes, file) : read;
}

function withNote(lines: string[], note: string | undefined): string[] {
  return note ? [...lines, `Note: ${note}`] : lines;
}

/** `studybot decks export <id>`: the deck's text in TSV or Anki's plain-text notes. */
export async function exportDeckText(
  decksDir: string,
  id: string,
  format: ExportFormat,
): Promise<{ text: string } | { error: string }> {
  const { decks } = await loadDecks(decksDir);
  const found = decks.find((loaded) => loaded.deck.id === id);
  if (!found) {
    const known = decks.map((loaded) => loaded.deck.id).join(", ") || "none";
    return { error: `no deck "${id}" in ${displayPath(join(decksDir))} (decks: ${known})` };
  }
  return { text: exportDeck(found.deck, format) };
}
