import { clip } from "./clip.js";
import { type Card, type Deck, validateDeck } from "./deck.js";
import { CardIdAllocator, sameTextKey } from "./importers/cardIds.js";
import { CARD_TEXT_MAX_CHARS } from "./limits.js";
import { text, type View, view } from "./views.js";

/** Where cards made from chat messages go when the community has no deck of its own yet. */
export const SAVED_CARDS_DECK = { id: "saved-from-chat", title: "Saved from chat" } as const;

/** What the "Make a flashcard" form starts with: the message as the back, an empty front. */
export interface CardForm {
  front: string;
  back: string;
  /** The community deck it is saved into unless the admin names another. */
  deckId: string;
}

export function cardFormFor(messageText: string, ownDeckIds: readonly string[]): CardForm {
  return {
    front: "",
    back: clip(messageText.trim(), CARD_TEXT_MAX_CHARS),
    deckId: ownDeckIds.at(-1) ?? SAVED_CARDS_DECK.id,
  };
}

export type SavedCard =
  | { ok: true; deck: Deck; card: Card }
  /** `field`: the box of the form to fix. */
  | { ok: false; problem: string; field: keyof CardForm };

/**
 * The deck with one more card, or why not: an empty side, a side over the
 * card limit, or a front the deck already has (two cards asking the same
 * thing would be offered as each other's wrong answers). A new deck is made
 * when the community has none by that id.
 */
export function withSavedCard(
  deck: Deck | undefined,
  deckId: string,
  sides: { front: string; back: string },
): SavedCard {
  const front = sides.front.trim();
  const back = sides.back.trim();
  if (front === "") {
    return { ok: false, field: "front", problem: "The front is empty: write the question or term the card asks." };
  }
  if (back === "") return { ok: false, field: "back", problem: "The back is empty: write the answer the card shows." };
  const twin = deck?.cards.find((card) => sameTextKey(card.front) === sameTextKey(front));
  if (twin) return { ok: false, field: "front", problem: `${deckId} already has a card with that front (${twin.id}).` };
  const previous = deck?.cards ?? [];
  const card = { id: new CardIdAllocator(previous).forFront(front), front, back, tags: [] };
  const checked = validateDeck({
    id: deckId,
    title: deck?.title ?? SAVED_CARDS_DECK.title,
    description: deck?.description ?? "",
    cards: [...previous, card],
  });
  if ("problems" in checked) {
    const [first] = checked.problems;
    if (first?.path === "id") {
      return { ok: false, field: "deckId", problem: `"${deckId}" cannot be a deck id: it ${first.message}.` };
    }
    const field = first?.path.endsWith(".back") ? "back" : "front";
    return { ok: false, field, problem: `The card cannot be saved: ${first?.path} ${first?.message}.` };
  }
  return { ok: true, deck: checked.deck, card: checked.deck.cards.at(-1) as Card };
}

export function cardSavedView(deck: Deck, card: Card): View {
  return view("Card saved", "success", [
    text({ strong: card.front }),
    text(`Saved in ${deck.title} (${deck.id}), which now has ${deck.cards.length} cards.`),
  ]);
}
