import type { App, types } from "@slack/bolt";
import { type DeckImportForm, PASTE_MAX_CHARS } from "../../core/deckImportForm.js";
import { handleCommand } from "../../services/commandRouter.js";
import type { SlackAdapter } from "./app.js";

/**
 * `/study deck import` on Slack: the service asks for its paste form, shown
 * here as a modal (title and cards); the submission goes back to the service
 * as the same command with the pasted text, and its answer comes privately.
 */

const DECK_IMPORT = {
  callbackId: "studybot-deck-import",
  title: { blockId: "title", actionId: "title" },
  cards: { blockId: "cards", actionId: "cards" },
} as const;

/** Carried through the modal: which deck it replaces, and where to answer. */
interface DeckImportContext {
  deckId?: string;
  channelId: string;
}

export function deckImportModal(form: DeckImportForm, channelId: string): types.ModalView {
  const carried: DeckImportContext = { ...(form.deckId ? { deckId: form.deckId } : {}), channelId };
  return {
    type: "modal",
    callback_id: DECK_IMPORT.callbackId,
    private_metadata: JSON.stringify(carried),
    title: { type: "plain_text", text: form.deckId ? "Replace a deck" : "Import a deck" },
    submit: { type: "plain_text", text: "Import" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: DECK_IMPORT.title.blockId,
        label: { type: "plain_text", text: "Deck title" },
        // A replaced deck keeps its title when the box is emptied.
        optional: form.deckId !== undefined,
        element: {
          type: "plain_text_input",
          action_id: DECK_IMPORT.title.actionId,
          max_length: 100,
          ...(form.title ? { initial_value: form.title } : {}),
        },
      },
      {
        type: "input",
        block_id: DECK_IMPORT.cards.blockId,
        label: { type: "plain_text", text: "Cards" },
        hint: {
          type: "plain_text",
          text: "One card per line: front, then a tab or a comma, then back. Paste from a spreadsheet, Quizlet or Anki.",
        },
        element: {
          type: "plain_text_input",
          action_id: DECK_IMPORT.cards.actionId,
          multiline: true,
          max_length: PASTE_MAX_CHARS,
          focus_on_load: true,
        },
      },
    ],
  };
}

function carriedContext(metadata: string): DeckImportContext | undefined {
  try {
    const { deckId, channelId } = JSON.parse(metadata) as Partial<DeckImportContext>;
    if (typeof channelId !== "string" || (deckId !== undefined && typeof deckId !== "string")) return undefined;
    return { ...(deckId ? { deckId } : {}), channelId };
  } catch {
    return undefined;
  }
}

export async function openDeckImportModal(
  adapter: SlackAdapter,
  form: DeckImportForm,
  triggerId: string,
  channelId: string,
): Promise<void> {
  await adapter.client.views.open({ trigger_id: triggerId, view: deckImportModal(form, channelId) });
}

export function registerDeckImport(app: App, adapter: SlackAdapter): void {
  app.view(DECK_IMPORT.callbackId, async ({ ack, body, view }) => {
    await ack();
    const carried = carriedContext(view.private_metadata);
    const teamId = body.team?.id ?? body.user.team_id;
    if (!carried || !teamId) {
      adapter.logger.warn({ callbackId: view.callback_id }, "deck import form without its context");
      return;
    }
    const values = view.state.values;
    const title = values[DECK_IMPORT.title.blockId]?.[DECK_IMPORT.title.actionId]?.value ?? "";
    const text = values[DECK_IMPORT.cards.blockId]?.[DECK_IMPORT.cards.actionId]?.value ?? "";
    const actor = await adapter.users.actor({
      teamId,
      channelId: carried.channelId,
      userId: body.user.id,
      fallbackName: body.user.name,
    });
    // Rights are checked again by the service: the form is only a way to type.
    const reply = await handleCommand(adapter.services, actor, {
      name: "deck-import",
      ...(carried.deckId ? { deck: carried.deckId } : {}),
      upload: { kind: "text", text, title },
    });
    await adapter.messenger.postPrivately(carried.channelId, actor.userId, reply.view);
  });
}
