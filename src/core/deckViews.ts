import type { Deck } from "./deck.js";
import { DECK_INFO_MAX_TERMS } from "./limits.js";
import { text, type View, view } from "./views.js";

/** `imported` names the decks this community imported in the chat (the ones `deck remove` takes). */
export function deckListView(
  decks: readonly Deck[],
  defaultDeckId: string | undefined,
  imported: ReadonlySet<string> = new Set(),
): View {
  if (decks.length === 0) return view("Decks", "warning", [text("No deck is loaded. Add YAML files to decks/.")]);
  return view(
    "Decks",
    "info",
    [
      {
        type: "fields",
        fields: decks.map((deck) => ({
          label: [
            deck.id,
            ...(deck.id === defaultDeckId ? ["(default)"] : []),
            ...(imported.has(deck.id) ? ["(imported here)"] : []),
          ].join(" "),
          value: [`${deck.title} · ${deck.cards.length} cards`],
        })),
      },
    ],
    { footer: "deck info <deck> shows a deck's cards" },
  );
}

/** The first `DECK_INFO_MAX_TERMS` of `items` joined by `separator`, then how many more there are. */
function firstFew(items: readonly string[], separator: string): string {
  const shown = items.slice(0, DECK_INFO_MAX_TERMS).join(separator);
  return items.length > DECK_INFO_MAX_TERMS
    ? `${shown}${separator}and ${items.length - DECK_INFO_MAX_TERMS} more`
    : shown;
}

export function deckInfoView(deck: Deck): View {
  const tags = [...new Set(deck.cards.flatMap((card) => card.tags))].sort();
  const blocks = [
    text({ strong: deck.title }, ` (${deck.id})`),
    ...(deck.description ? [text(deck.description)] : []),
    {
      type: "fields" as const,
      fields: [
        { label: "Cards", value: [String(deck.cards.length)] },
        { label: "Topics", value: [tags.length > 0 ? firstFew(tags, ", ") : "none"] },
        {
          label: "Terms",
          value: [
            firstFew(
              deck.cards.map((card) => card.term ?? card.front),
              " · ",
            ),
          ],
        },
      ],
    },
  ];
  return view(`Deck · ${deck.id}`, "info", blocks, { footer: `quiz now ${deck.id} · drill ${deck.id}` });
}
