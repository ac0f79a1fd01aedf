import { deckInfoView, deckListView } from "../../core/deckViews.js";
import type { CommandHandler } from "./types.js";
import { privateReply, UserError } from "./types.js";

export const deckList: CommandHandler<"deck-list"> = {
  names: ["deck-list"],
  adminOnly: false,
  run({ services, community }) {
    const fallback = community.defaultDeck ?? services.decks.defaultDeck()?.id;
    return privateReply(deckListView(services.decks.list(), fallback));
  },
};

export const deckInfo: CommandHandler<"deck-info"> = {
  names: ["deck-info"],
  adminOnly: false,
  run({ services }, command) {
    const deck = services.decks.get(command.deck);
    if (!deck) {
      throw new UserError(`There is no deck "${command.deck}".`, "deck list shows the loaded decks.");
    }
    return privateReply(deckInfoView(deck));
  },
};
