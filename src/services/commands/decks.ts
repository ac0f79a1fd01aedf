import { deckImportElsewhereView, deckReloadView } from "../../core/deckAdminViews.js";
import { deckInfoView, deckListView } from "../../core/deckViews.js";
import type { CommandHandler } from "./types.js";
import { privateReply } from "../ports.js";

export const deckList: CommandHandler<"deck-list"> = {
  names: ["deck-list"],
  run({ services, community }) {
    const decks = services.decksFor(community);
    const fallback = community.defaultDeck ?? decks.defaultDeck()?.id;
    const imported = new Set(
      decks
        .list()
        .filter((deck) => services.decks.isOwn(community.id, deck.id))
        .map((deck) => deck.id),
    );
    return privateReply(deckListView(decks.list(), fallback, imported));
  },
};

export const deckInfo: CommandHandler<"deck-info"> = {
  names: ["deck-info"],
  run({ services, community }, command) {
    return privateReply(deckInfoView(services.decks.resolve(community, command.deck)));
  },
};

/**
 * `deck import [deck]`: without an upload, asks the adapter for its paste form
 * (after checking the deck may be replaced); with one, imports it for this community.
 */
export const deckImport: CommandHandler<"deck-import"> = {
  names: ["deck-import"],
  run({ services, community, member }, command) {
    if (command.upload)
      return privateReply(services.deckAdmin.importUpload(community, member, command.deck, command.upload));
    const replaced = services.deckAdmin.replaceable(community, command.deck);
    return {
      ...privateReply(deckImportElsewhereView()),
      form: { ...(command.deck ? { deckId: command.deck } : {}), title: replaced?.title ?? "" },
    };
  },
};

export const deckRemove: CommandHandler<"deck-remove"> = {
  names: ["deck-remove"],
  run({ services, community }, command) {
    return privateReply(services.deckAdmin.remove(community, command.deck));
  },
};

export const deckReload: CommandHandler<"deck-reload"> = {
  names: ["deck-reload"],
  async run({ services }) {
    return privateReply(deckReloadView(await services.deckAdmin.reloadFiles()));
  },
};

export const deckFlags: CommandHandler<"deck-flags"> = {
  names: ["deck-flags"],
  run({ services, community }, command) {
    return privateReply(services.flags.list(community, command.deck));
  },
};

export const deckSkip: CommandHandler<"deck-skip" | "deck-unskip"> = {
  names: ["deck-skip", "deck-unskip"],
  run({ services, community, member }, command) {
    return privateReply(
      command.name === "deck-skip"
        ? services.flags.skip(community, member, command.deck, command.card)
        : services.flags.unskip(community, command.deck, command.card),
    );
  },
};

export const flag: CommandHandler<"flag"> = {
  names: ["flag"],
  run(ctx, command) {
    return privateReply(ctx.services.flags.flag(ctx, command.deck, command.card, command.reason));
  },
};
