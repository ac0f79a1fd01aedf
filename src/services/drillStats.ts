import { type Card, cardLabel } from "../core/deck.js";
import { MASTERED_STABILITY_DAYS, summariseMemory } from "../core/drillPlan.js";
import { addDays, localDay, startOfLocalDay } from "../core/studyDay.js";
import type { Community } from "../store/communities.js";
import type { Store } from "../store/index.js";
import type { StatsSection } from "./boardService.js";
import type { DeckLibrary } from "./deckLibrary.js";

/**
 * The drill fields of `stats`: cards learned, due today, mastered, the five
 * weakest. Cards whose deck (or card) was removed still count as learned and
 * mastered, and the reply says how many they are: the reviews happened, and
 * their history is kept. Only cards that can still be drilled are due or weakest.
 */
export function drillStatsSection(decks: DeckLibrary, store: Store): StatsSection {
  return (community, member, now) => {
    const memories = store.drills.memoriesOf(member.id);
    if (memories.length === 0) return [{ label: "Drills", value: ["no card reviewed yet: try drill"] }];
    const cardOf = cardFinder(decks, community);
    const startOfTomorrow = startOfLocalDay(addDays(localDay(now, community.timeZone), 1), community.timeZone);
    const loaded = memories.filter((entry) => cardOf(entry.deckId, entry.cardId));
    const removed = memories.length - loaded.length;
    const all = summariseMemory(memories, now, startOfTomorrow);
    const drillable = summariseMemory(loaded, now, startOfTomorrow);
    const weakest = drillable.weakest.map((weak) => {
      const card = cardOf(weak.deckId, weak.cardId);
      const name = card ? (cardLabel(card) ?? weak.cardId) : weak.cardId;
      const lapses = weak.lapses === 1 ? "1 lapse" : `${weak.lapses} lapses`;
      return `${name} (${lapses}, ${Math.round(weak.retrievability * 100)}% recall)`;
    });
    const removedNote =
      removed === 0 ? "" : ` (${removed} of them in decks or cards since removed; their history is kept)`;
    return [
      { label: "Cards learned", value: [`${all.learned}${removedNote}`] },
      { label: "Due today", value: [String(drillable.dueToday)] },
      { label: "Mastered", value: [`${all.mastered} (remembered for over ${MASTERED_STABILITY_DAYS} days)`] },
      { label: "Weakest cards", value: [weakest.length > 0 ? weakest.join(" · ") : "none in the loaded decks"] },
    ];
  };
}

/** Finds a card by deck and id through a map made once per deck: `stats` looks up every card a learner reviewed. */
function cardFinder(decks: DeckLibrary, community: Community): (deckId: string, cardId: string) => Card | undefined {
  const catalog = decks.forCommunity(community.id);
  const byDeck = new Map<string, ReadonlyMap<string, Card>>();
  return (deckId, cardId) => {
    let cards = byDeck.get(deckId);
    if (cards === undefined) {
      cards = new Map((catalog.get(deckId)?.cards ?? []).map((card) => [card.id, card]));
      byDeck.set(deckId, cards);
    }
    return cards.get(cardId);
  };
}
