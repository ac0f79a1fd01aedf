import { resolve } from "node:path";
import type { DeckUpload } from "../core/commands.js";
import type { Card, Deck } from "../core/deck.js";
import { compareCards, type DeckChanges, driftWarning } from "../core/deckChanges.js";
import { deckImportedView, deckImportFailedView, deckRemovedView, type ReloadReport } from "../core/deckAdminViews.js";
import { importFileSizeProblem, PASTE_MAX_CHARS } from "../core/deckImportForm.js";
import { type ImportFormat, importDeck } from "../core/importers/index.js";
import { type CardForm, SAVED_CARDS_DECK, withSavedCard } from "../core/savedCards.js";
import type { View } from "../core/views.js";
import { importTextOf } from "../decks/importText.js";
import { type CatalogDeck, DeckCatalog, formatDeckError, loadDecks } from "../decks/loader.js";
import type { Community } from "../store/communities.js";
import type { Store } from "../store/index.js";
import type { Member } from "../store/users.js";
import { CardFormError, UserError } from "./ports.js";
import type { DeckLibrary } from "./deckLibrary.js";
import type { Clock, Logger } from "./ports.js";

/** A community's own decks: enough for a course, few enough that `deck list` stays readable. */
export const MAX_COMMUNITY_DECKS = 25;
export const MAX_COMMUNITY_DECK_CARDS = 5000;

export interface DeckServiceDeps {
  store: Store;
  decks: DeckLibrary;
  clock: Clock;
  logger: Logger;
  /** Where file decks live; without it `deck reload` has nothing to read. */
  decksDir?: string;
}

/** Decks managed from the chat (import, remove) and file decks read again (reload, watch). */
export class DeckService {
  constructor(private readonly deps: DeckServiceDeps) {}

  /** The deck `deck import <deck>` would replace, after checking that this community may replace it. */
  replaceable(community: Community, deckId: string | undefined): Deck | undefined {
    if (deckId === undefined) return undefined;
    const { decks } = this.deps;
    if (decks.isOwn(community.id, deckId)) return decks.forCommunity(community.id).get(deckId);
    if (decks.files.has(deckId)) {
      throw new UserError(
        `"${deckId}" is a deck file of the bot, which only changes in decks/.`,
        "Import under another deck id.",
      );
    }
    return undefined;
  }

  /** `deck import` with a paste or a file: stores the deck for this community only, or says why not. */
  importUpload(community: Community, member: Member, deckId: string | undefined, upload: DeckUpload): View {
    const previous = this.replaceable(community, deckId);
    const { text, format, note } = this.uploadText(upload);
    const imported = importDeck(text, {
      format,
      id: deckId,
      ...(upload.kind === "text" && upload.title.trim() !== "" ? { title: upload.title } : {}),
      fallbackTitle:
        upload.kind === "file" ? upload.fileName.replace(/\.[^.]*$/, "").replace(/[_-]+/g, " ") : previous?.title,
      ...(previous ? { previous, description: previous.description } : {}),
    });
    // What a package left out (its images and sounds) closes the summary, as on the command line.
    const outcome = note ? { ...imported, warnings: [...imported.warnings, note] } : imported;
    if (!outcome.ok) return deckImportFailedView(outcome);
    const { deck } = outcome;
    if (!previous) this.checkNew(community, deck);
    if (deck.cards.length > MAX_COMMUNITY_DECK_CARDS) {
      throw new UserError(
        `That is ${deck.cards.length} cards: a deck imported in the chat has at most ${MAX_COMMUNITY_DECK_CARDS}.`,
      );
    }
    const changes: DeckChanges | undefined = previous ? compareCards(textsOf(previous), deck) : undefined;
    this.deps.store.communityDecks.save(community.id, deck, member.id, this.deps.clock.now());
    return deckImportedView(outcome, changes);
  }

  /** A card made from a chat message, added to one of this community's decks (made if it has none by that id). */
  saveCard(community: Community, member: Member, form: CardForm): { deck: Deck; card: Card } {
    const deckId = form.deckId.trim() || SAVED_CARDS_DECK.id;
    const previous = this.replaceable(community, deckId);
    const saved = withSavedCard(previous, deckId, form);
    if (!saved.ok) throw new CardFormError(saved.problem, saved.field);
    if (!previous) this.checkNew(community, saved.deck);
    if (saved.deck.cards.length > MAX_COMMUNITY_DECK_CARDS) {
      throw new UserError(
        `${deckId} has ${MAX_COMMUNITY_DECK_CARDS} cards, the most a deck imported in the chat may have.`,
      );
    }
    this.deps.store.communityDecks.save(community.id, saved.deck, member.id, this.deps.clock.now());
    return saved;
  }

  private uploadText(upload: DeckUpload): { text: string; format?: ImportFormat; note?: string } {
    if (upload.kind === "text") {
      if (upload.text.length > PASTE_MAX_CHARS) {
        throw new UserError(
          `That is ${upload.text.length} characters: a paste takes up to ${PASTE_MAX_CHARS}.`,
          "Attach a file on Discord, or ask whoever runs the bot to add a deck file.",
        );
      }
      return { text: upload.text };
    }
    const tooBig = importFileSizeProblem(upload.fileName)(upload.bytes.length);
    if (tooBig) throw new UserError(`${upload.fileName}: ${tooBig}.`);
    const read = importTextOf(upload.bytes, upload.fileName);
    if (!read.ok) throw new UserError(`${upload.fileName}: ${read.message}.`);
    return read;
  }

  private checkNew(community: Community, deck: Deck): void {
    const { decks, store } = this.deps;
    if (decks.isOwn(community.id, deck.id)) {
      throw new UserError(
        `This community already has a deck "${deck.id}".`,
        `deck import ${deck.id} replaces it; or give another title.`,
      );
    }
    if (decks.files.has(deck.id)) {
      throw new UserError(`"${deck.id}" is the id of one of the bot's deck files.`, "Give the deck another title.");
    }
    if (store.communityDecks.count(community.id) >= MAX_COMMUNITY_DECKS) {
      throw new UserError(
        `This community has ${MAX_COMMUNITY_DECKS} imported decks, the most it may have.`,
        "deck remove <deck> makes room.",
      );
    }
  }

  /** `deck remove <deck>`: only a deck this community imported; file decks belong to whoever runs the bot. */
  remove(community: Community, deckId: string): View {
    const { decks, store } = this.deps;
    const deck = decks.resolve(community, deckId);
    if (!decks.isOwn(community.id, deckId)) {
      throw new UserError(
        `"${deckId}" is a deck file of the bot: it cannot be removed from the chat.`,
        "Whoever runs the bot can remove it from decks/.",
      );
    }
    store.communityDecks.remove(community.id, deckId);
    return deckRemovedView(deck);
  }

  /**
   * Reads `decks/` again. A file whose new version is broken keeps its last
   * good deck loaded, and the report says why; a deleted file's deck goes
   * (its history stays in the database).
   */
  async reloadFiles(): Promise<ReloadReport> {
    const { decksDir } = this.deps;
    if (decksDir === undefined)
      throw new UserError("This bot was started without a deck folder, so there is nothing to reload.");
    const result = await loadDecks(decksDir);
    const before = this.deps.decks.files;
    const brokenFiles = new Map<string, string[]>();
    for (const error of result.errors) {
      const file = resolve(error.file);
      brokenFiles.set(file, [...(brokenFiles.get(file) ?? []), formatDeckError(error)]);
    }
    const folderUnreadable = brokenFiles.has(resolve(decksDir));
    const entries: CatalogDeck[] = [...result.decks];
    const loadedIds = new Set(entries.map((entry) => entry.deck.id));
    const report: ReloadReport = { loaded: [], added: [], removed: [], kept: [], failed: [], drift: [] };
    for (const old of before.entries()) {
      const file = old.file === undefined ? undefined : resolve(old.file);
      const problems = file === undefined ? undefined : brokenFiles.get(file);
      if ((problems || folderUnreadable) && !loadedIds.has(old.deck.id)) {
        entries.push(old);
        loadedIds.add(old.deck.id);
        report.kept.push({ deckId: old.deck.id, problems: problems ?? brokenFiles.get(resolve(decksDir)) ?? [] });
        if (file) brokenFiles.delete(file);
      }
    }
    report.failed = folderUnreadable ? [] : [...brokenFiles.values()].flat();
    const files = new DeckCatalog(entries);
    report.loaded = files.list().map((deck) => deck.id);
    report.added = report.loaded.filter((id) => !before.has(id));
    report.removed = before
      .list()
      .map((deck) => deck.id)
      .filter((id) => !files.has(id));
    report.drift = this.recordFileDecks(result.decks.map((loaded) => loaded.deck));
    this.deps.decks.replaceFiles(files);
    this.deps.logger.info(
      { decks: report.loaded, kept: report.kept.map((kept) => kept.deckId), failed: report.failed },
      "decks reloaded",
    );
    for (const line of [...report.kept.flatMap((kept) => kept.problems), ...report.failed, ...report.drift]) {
      this.deps.logger.warn({ deckProblem: line }, "deck reload");
    }
    return report;
  }

  /**
   * Compares file decks with the card texts the database last saw, records
   * the new ones, and returns a warning per card that became another card
   * while keeping its id.
   */
  recordFileDecks(decks: readonly Deck[]): string[] {
    const { communityDecks } = this.deps.store;
    const warnings: string[] = [];
    for (const deck of decks) {
      const changes = compareCards(communityDecks.seenCards(deck.id), deck);
      warnings.push(...changes.drifted.map((drift) => driftWarning(deck.id, drift)));
      communityDecks.recordSeen(deck);
    }
    return warnings;
  }
}

function textsOf(deck: Deck) {
  return new Map(deck.cards.map((card) => [card.id, { front: card.front, back: card.back }]));
}
