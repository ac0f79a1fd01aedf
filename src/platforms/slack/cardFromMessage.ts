import type { App, MessageShortcut, types } from "@slack/bolt";
import { CARD_TEXT_MAX_CHARS } from "../../core/limits.js";
import type { CardForm } from "../../core/savedCards.js";
import { cardFormForMessage, saveCardFromMessage } from "../../services/cardFromMessage.js";
import type { SlackAdapter } from "./app.js";
import { submittedFrom } from "./users.js";

/**
 * "Make a flashcard", a message shortcut (the ⋮ menu of a message): an admin
 * gets a modal with the message as the back; on submit the card is saved,
 * or the box to fix is pointed out and the modal stays open with what they
 * typed. A member is thanked and told only admins add cards.
 */

export const MAKE_CARD_CALLBACK = "make_flashcard";
const FORM_CALLBACK = "studybot-make-card";
/** Block and action ids by the form's field; Slack shows an error beside the block. */
const BOXES: Record<keyof CardForm, { label: string; multiline: boolean; maxLength: number }> = {
  front: { label: "Front: the question or term", multiline: true, maxLength: CARD_TEXT_MAX_CHARS },
  back: { label: "Back: the answer", multiline: true, maxLength: CARD_TEXT_MAX_CHARS },
  deckId: { label: "Deck id (made if this workspace has none)", multiline: false, maxLength: 63 },
};

function cardModal(form: CardForm, channelId: string): types.ModalView {
  return {
    type: "modal",
    callback_id: FORM_CALLBACK,
    private_metadata: JSON.stringify({ channelId }),
    title: { type: "plain_text", text: "Make a flashcard" },
    submit: { type: "plain_text", text: "Save card" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: (Object.keys(BOXES) as (keyof CardForm)[]).map((field) => ({
      type: "input",
      block_id: field,
      label: { type: "plain_text", text: BOXES[field].label },
      element: {
        type: "plain_text_input",
        action_id: field,
        multiline: BOXES[field].multiline,
        max_length: BOXES[field].maxLength,
        ...(form[field] !== "" ? { initial_value: form[field] } : { focus_on_load: true }),
      },
    })),
  };
}

function channelOf(metadata: string): string | undefined {
  try {
    const { channelId } = JSON.parse(metadata) as { channelId?: unknown };
    return typeof channelId === "string" ? channelId : undefined;
  } catch {
    return undefined;
  }
}

export function registerCardFromMessage(app: App, adapter: SlackAdapter): void {
  app.shortcut<MessageShortcut>(
    { callback_id: MAKE_CARD_CALLBACK, type: "message_action" },
    async ({ ack, shortcut }) => {
      await ack();
      const teamId = shortcut.team?.id ?? shortcut.user.team_id;
      if (!teamId) {
        adapter.logger.warn({ callbackId: shortcut.callback_id }, "message shortcut without a workspace");
        return;
      }
      const actor = await adapter.users.actor({
        teamId,
        channelId: shortcut.channel.id,
        userId: shortcut.user.id,
        fallbackName: shortcut.user.name,
      });
      const form = cardFormForMessage(adapter.services, actor, shortcut.message.text ?? "");
      if ("title" in form) await adapter.messenger.postPrivately(shortcut.channel.id, actor.userId, form);
      else await adapter.client.views.open({ trigger_id: shortcut.trigger_id, view: cardModal(form, actor.channelId) });
    },
  );

  app.view(FORM_CALLBACK, async ({ ack, body, view }) => {
    const channelId = channelOf(view.private_metadata);
    const teamId = body.team?.id ?? body.user.team_id;
    if (!channelId || !teamId) {
      await ack();
      adapter.logger.warn({ callbackId: view.callback_id }, "card form without its context");
      return;
    }
    const typed = (field: keyof CardForm) => view.state.values[field]?.[field]?.value ?? "";
    const actor = await adapter.users.actor(submittedFrom(body, teamId, channelId));
    // Rights are checked again by the service: the form is only a way to type.
    const outcome = saveCardFromMessage(adapter.services, actor, {
      front: typed("front"),
      back: typed("back"),
      deckId: typed("deckId"),
    });
    if (outcome.invalid) {
      await ack({ response_action: "errors", errors: { [outcome.invalid.field]: outcome.invalid.message } });
      return;
    }
    await ack();
    await adapter.messenger.postPrivately(channelId, actor.userId, outcome.view);
  });
}
