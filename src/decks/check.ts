import { type CardText, compareCards, driftWarning } from "../core/deckChanges.js";
import { DeckCatalog, displayPath, formatDeckError, loadDecks } from "./loader.js";

export interface DeckCheck {
  /** One line per good deck (`id  N cards  title`, by id), then one per problem, then warnings. */
  lines: string[];
  /** False when any file has a problem, even if other decks loaded. */
  ok: boolean;
}

/**
 * Loads `dir` the way the bot does at start and describes the outcome for a
 * terminal. With `seenCards` (what the database last loaded of a deck), it
 * warns about cards that kept their id but became other cards; warnings do
 * not make the check fail.
 */
export async function checkDecks(
  dir: string,
  seenCards?: (deckId: string) => ReadonlyMap<string, CardText>,
): Promise<DeckCheck> {
  const { decks, errors } = await loadDecks(dir);
  const catalog = new DeckCatalog(decks);
  const good = catalog.list();
  // Ids padded to one width so the counts line up when there are several decks.
  const width = Math.max(0, ...good.map((deck) => deck.id.length));
  const lines = good.map((deck) => {
    const count = `${deck.cards.length} ${deck.cards.length === 1 ? "card" : "cards"}`;
    return `${deck.id.padEnd(width)}  ${count}  ${deck.title}`;
  });
  if (good.length === 0 && errors.length === 0) lines.push(`${displayPath(dir)}: no deck files (*.yaml, *.yml)`);
  lines.push(...errors.map(formatDeckError));
  if (seenCards) {
    for (const deck of good) {
      lines.push(
        ...compareCards(seenCards(deck.id), deck).drifted.map((drift) => `warning: ${driftWarning(deck.id, drift)}`),
      );
    }
  }
  return { lines, ok: errors.length === 0 };
}
