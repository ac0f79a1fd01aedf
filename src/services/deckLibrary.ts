import { withoutSkipped } from "../core/cardFlags.js";
import type { Deck } from "../core/deck.js";
import { DeckCatalog } from "../decks/loader.js";
import type { Community } from "../store/communities.js";
import type { Store } from "../store/index.js";
import { UserError } from "./ports.js";

/**
 * Every deck a community can use: the file decks, shared by all, plus the
 * decks its admins imported in the chat (which win over a file deck of the
 * same id, as their progress was made on them). The file decks are replaced
 * on reload; a community's view is cached until its decks change, in this
 * process or another one on the same database.
 */
export class DeckLibrary {
  #files: DeckCatalog;
  readonly #views = new Map<number, { files: DeckCatalog; revision: string; catalog: DeckCatalog; own: Set<string> }>();

  constructor(
    files: DeckCatalog,
    private readonly store: Store,
  ) {
    this.#files = files;
  }

  /** The decks in `decks/`, the same in every community. */
  get files(): DeckCatalog {
    return this.#files;
  }

  replaceFiles(files: DeckCatalog): void {
    this.#files = files;
    this.#views.clear();
  }

  /** The decks of one community: the file decks and its own. */
  forCommunity(communityId: number): DeckCatalog {
    return this.view(communityId).catalog;
  }

  /**
   * The deck a command names, else the community's default deck, else the
   * first loaded one; an unknown id is the person's mistake, said with the
   * decks there are.
   */
  resolve(community: Pick<Community, "id" | "defaultDeck">, deckId?: string): Deck {
    const decks = this.forCommunity(community.id);
    const id = deckId ?? community.defaultDeck ?? decks.defaultDeck()?.id;
    const deck = id ? decks.get(id) : undefined;
    if (deck) return deck;
    if (!id) throw new UserError("No deck is loaded.", "Add YAML files to decks/ or import one with deck import.");
    const known =
      decks
        .list()
        .map((d) => d.id)
        .join(", ") || "none loaded";
    throw new UserError(`There is no deck "${id}".`, `Decks here: ${known}. deck list shows them.`);
  }

  /** A deck as quizzes, drills and reminders ask it: without the cards this community's admins skipped. */
  askable(communityId: number, deck: Deck): Deck {
    return withoutSkipped(deck, this.store.cardFlags.skipped(communityId, deck.id));
  }

  /** True for a deck this community imported in the chat (it may remove it); false for a file deck. */
  isOwn(communityId: number, deckId: string): boolean {
    return this.view(communityId).own.has(deckId);
  }

  private view(communityId: number) {
    const revision = this.store.communityDecks.revision(communityId);
    const cached = this.#views.get(communityId);
    if (cached && cached.revision === revision && cached.files === this.#files) return cached;
    const own: Deck[] = this.store.communityDecks.list(communityId).map((entry) => entry.deck);
    const ownIds = new Set(own.map((deck) => deck.id));
    const catalog =
      own.length === 0
        ? this.#files
        : new DeckCatalog([
            ...this.#files.entries().filter((entry) => !ownIds.has(entry.deck.id)),
            ...own.map((deck) => ({ deck })),
          ]);
    const view = { files: this.#files, revision, catalog, own: ownIds };
    this.#views.set(communityId, view);
    return view;
  }
}
