import { type CardForm, cardFormFor, cardSavedView } from "../core/savedCards.js";
import { errorView, type View } from "../core/views.js";
import { adminHint, enrolActor } from "./commandRouter.js";
import { type Actor, CardFormError, UserError } from "./ports.js";
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

export interface CardSaveOutcome {
  view: View;
  /** The form's box that needs fixing, when one does, and what is wrong with it. */
  invalid?: { field: CardFormError["field"]; message: string };
}

export function saveCardFromMessage(services: Services, actor: Actor, form: CardForm): CardSaveOutcome {
  if (!actor.isAdmin) return { view: refusal(actor) };
  try {
    const { community, member } = enrolActor(services, actor);
    const { deck, card } = services.deckAdmin.saveCard(community, member, form);
    return { view: cardSavedView(deck, card) };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const view = errorView(error.message, error.hint);
    return error instanceof CardFormError
      ? { view, invalid: { field: error.field, message: error.message } }
      : { view };
  }
}

const refusal = (actor: Actor) =>
  errorView("Thanks! Only admins can add cards to this community's decks.", adminHint(actor.platform));
