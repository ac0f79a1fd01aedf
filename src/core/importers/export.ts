import type { Deck } from "../deck.js";
import { writeDelimited } from "./delimited.js";
import { textToHtml } from "./html.js";

export const EXPORT_FORMATS = ["tsv", "anki"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * A deck as text that `importDeck` reads back to the same cards. TSV has a
 * header with every field a card uses; Anki's plain-text notes carry the
 * card id as the note's guid and the title as its deck (Anki has no place
 * for `term` and `same_as`, so they stay behind).
 */
export function exportDeck(deck: Deck, format: ExportFormat): string {
  return format === "anki" ? exportAnki(deck) : exportTsv(deck);
}

function exportTsv(deck: Deck): string {
  const withTerm = deck.cards.some((card) => card.term !== undefined);
  const withSameAs = deck.cards.some((card) => (card.same_as ?? []).length > 0);
  const header = ["id", "front", "back", "tags", ...(withTerm ? ["term"] : []), ...(withSameAs ? ["same_as"] : [])];
  const rows = deck.cards.map((card) => [
    card.id,
    card.front,
    card.back,
    card.tags.join(" "),
    ...(withTerm ? [card.term ?? ""] : []),
    ...(withSameAs ? [(card.same_as ?? []).join(" ")] : []),
  ]);
  return writeDelimited([header, ...rows], "\t");
}

function exportAnki(deck: Deck): string {
  const header = [
    "#separator:tab",
    "#html:true",
    "#guid column:1",
    "#tags column:4",
    `#deck:${deck.title.replace(/[\r\n]+/g, " ")}`,
  ];
  const rows = deck.cards.map((card) => [card.id, textToHtml(card.front), textToHtml(card.back), card.tags.join(" ")]);
  return `${header.join("\n")}\n${writeDelimited(rows, "\t")}`;
}
