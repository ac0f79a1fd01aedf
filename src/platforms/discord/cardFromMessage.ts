import {
  type APIModalInteractionResponseCallbackData,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ComponentType,
  InteractionContextType,
  type Message,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
  TextInputStyle,
} from "discord.js";
import { BASE_TEXTS } from "../../core/i18n/catalogues.js";
import { CARD_TEXT_MAX_CHARS } from "../../core/limits.js";
import type { CardForm } from "../../core/savedCards.js";
import type { View } from "../../core/views.js";
import { cardFormForMessage, saveCardFromMessage } from "../../services/cardFromMessage.js";
import type { Actor } from "../../services/ports.js";
import type { Services } from "../../services/services.js";
import { localizations } from "./localizations.js";
import { PRIVATELY, renderView } from "./render.js";

/**
 * "Make a flashcard", a message command (right-click a message → Apps): a
 * form with the message as the back and an empty front, saved into one of
 * the server's imported decks. Shown to Manage Server by default; the
 * service checks the right again, since server admins can change who sees it.
 */

export const MAKE_CARD_COMMAND = BASE_TEXTS.makeCard;
const FORM_ID = "make-card";
const FRONT = "front";
const BACK = "back";
const DECK = "deck";
/** Deck ids are slugs of at most 63 characters. */
const DECK_ID_MAX_LENGTH = 63;

const privately = (view: View) => renderView(view, PRIVATELY);

export function messageCommands(): RESTPostAPIContextMenuApplicationCommandsJSONBody[] {
  return [
    {
      type: ApplicationCommandType.Message,
      name: MAKE_CARD_COMMAND,
      name_localizations: localizations((texts) => texts.makeCard),
      default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
    },
  ];
}

export const isMakeCardForm = (customId: string) => customId === FORM_ID;

/** What a message says: its text, else its first embed's (a bot's message, a quiz's results). */
function messageText(message: Message): string {
  if (message.content.trim() !== "") return message.content;
  const [embed] = message.embeds;
  return [embed?.title, embed?.description].filter(Boolean).join("\n");
}

function cardModal(form: CardForm): APIModalInteractionResponseCallbackData {
  const input = (id: string, label: string, style: TextInputStyle, value: string, maxLength: number) => ({
    type: ComponentType.Label as const,
    label,
    component: {
      type: ComponentType.TextInput as const,
      custom_id: id,
      style,
      required: true,
      max_length: maxLength,
      ...(value !== "" ? { value } : {}),
    },
  });
  return {
    custom_id: FORM_ID,
    title: MAKE_CARD_COMMAND,
    components: [
      input(FRONT, "Front: the question or term", TextInputStyle.Paragraph, form.front, CARD_TEXT_MAX_CHARS),
      input(BACK, "Back: the answer", TextInputStyle.Paragraph, form.back, CARD_TEXT_MAX_CHARS),
      input(DECK, "Deck id (made if this server has none)", TextInputStyle.Short, form.deckId, DECK_ID_MAX_LENGTH),
    ],
  };
}

export async function makeCardCommand(
  services: Services,
  actor: Actor,
  interaction: MessageContextMenuCommandInteraction,
): Promise<void> {
  const form = cardFormForMessage(services, actor, messageText(interaction.targetMessage));
  if ("title" in form) await interaction.reply(privately(form));
  else await interaction.showModal(cardModal(form));
}

export async function makeCardSubmit(services: Services, actor: Actor, interaction: ModalSubmitInteraction) {
  const form = {
    front: interaction.fields.getTextInputValue(FRONT),
    back: interaction.fields.getTextInputValue(BACK),
    deckId: interaction.fields.getTextInputValue(DECK),
  };
  await interaction.reply(privately(saveCardFromMessage(services, actor, form).view));
}
