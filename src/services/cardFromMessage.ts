import { type CardForm, cardFormFor, cardSavedView } from "../core/savedCards.js";
import { errorView, type View } from "../core/views.js";
import { adminHint, enrolActor } from "./commandRouter.js";
import { type Actor, UserError } from "./ports.js";
import type { Services } from "./services.js";

/**
 * "Make a flashcard" on a chat message (a Discord message command, a Slack
 * message shortcut): the form to show, then the card saved into one of the
 * community's imported decks. Only admins change decks; a member is told so
 * politely before any form opens, and again if a form is submitted anyway.
 */
export function cardFormForMessage(services: Services, actor: Actor, messageText: string): CardForm | View {
  if (!actor.isAdmin) return refusal(actor);
  const community = services.store.communities.find(actor.platform, actor.communityId);
  const ownDecks = community ? services.store.communityDecks.list(community.id).map((own) => own.deck.id) : [];
  return cardFormFor(messageText, ownDecks);
}

export function saveCardFromMessage(services: Services, actor: Actor, form: CardForm): View {
  if (!actor.isAdmin) return refusal(actor);
  try {
    const { community, member } = enrolActor(services, actor);
    const { deck, card } = services.deckAdmin.saveCard(community, member, form);
    return cardSavedView(deck, card);
  } catch (error) {
    if (error instanceof UserError) return errorView(error.message, error.hint);
    throw error;
  }
}

const refusal = (actor: Actor) =>
  errorView("Thanks! Only admins can add cards to this community's decks.", adminHint(actor.platform));
