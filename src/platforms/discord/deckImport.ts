import {
  type APIModalInteractionResponseCallbackData,
  type ChatInputCommandInteraction,
  ComponentType,
  MessageFlags,
  type ModalSubmitInteraction,
  TextInputStyle,
} from "discord.js";
import { clip } from "../../core/clip.js";
import type { DeckUpload } from "../../core/commands.js";
import { type DeckImportForm, PASTE_MAX_CHARS, uploadProblem } from "../../core/deckImportForm.js";
import { parseCommand } from "../../core/grammar.js";
import { errorView, type View } from "../../core/views.js";
import { handleCommand } from "../../services/commandRouter.js";
import type { Actor } from "../../services/ports.js";
import type { Services } from "../../services/services.js";
import { PRIVATELY, renderView } from "./render.js";

/**
 * `/deck import` on Discord: with a file attached, the file is downloaded
 * (after its size and type are checked) and imported; without one, the
 * service's paste form is shown as a modal whose submission is imported.
 * Either way the service decides, admin check included.
 */

const FORM_PREFIX = "deck-import:";
const TITLE_INPUT = "title";
const CARDS_INPUT = "cards";
const MODAL_TITLE_LIMIT = 45;

const privately = (view: View) => renderView(view, PRIVATELY);

export function isDeckImport(interaction: ChatInputCommandInteraction): boolean {
  return interaction.commandName === "deck" && interaction.options.getSubcommand(false) === "import";
}

export function isDeckImportForm(customId: string): boolean {
  return customId.startsWith(FORM_PREFIX);
}

function deckImportModal(form: DeckImportForm): APIModalInteractionResponseCallbackData {
  return {
    custom_id: `${FORM_PREFIX}${form.deckId ?? ""}`,
    title: form.deckId ? clip(`Replace ${form.deckId}`, MODAL_TITLE_LIMIT) : "Import a deck",
    components: [
      {
        type: ComponentType.Label,
        label: "Deck title",
        component: {
          type: ComponentType.TextInput,
          custom_id: TITLE_INPUT,
          style: TextInputStyle.Short,
          required: form.deckId === undefined,
          max_length: 100,
          ...(form.title ? { value: form.title } : {}),
        },
      },
      {
        type: ComponentType.Label,
        label: "Cards: front, tab or comma, back",
        description: "One card per line. Paste from a spreadsheet, Quizlet or Anki.",
        component: {
          type: ComponentType.TextInput,
          custom_id: CARDS_INPUT,
          style: TextInputStyle.Paragraph,
          required: true,
          max_length: PASTE_MAX_CHARS,
        },
      },
    ],
  };
}

export async function deckImportSlash(
  services: Services,
  actor: Actor,
  interaction: ChatInputCommandInteraction,
): Promise<void> {
  const deck = interaction.options.getString("deck");
  const parsed = parseCommand(deck ? `deck import "${deck.replace(/["“”„]/g, "")}"` : "deck import");
  if (!parsed.ok || parsed.command.name !== "deck-import") {
    await interaction.reply(privately(errorView(parsed.ok ? "That is not a deck import." : parsed.error)));
    return;
  }
  const command = parsed.command;
  const file = interaction.options.getAttachment("file");
  if (!file) {
    const reply = await handleCommand(services, actor, command);
    if (reply.form) await interaction.showModal(deckImportModal(reply.form));
    else await interaction.reply(privately(reply.view));
    return;
  }
  if (!actor.isAdmin) {
    // Not downloaded for someone who may not import: the service answers them without the file.
    await interaction.reply(privately((await handleCommand(services, actor, command)).view));
    return;
  }
  const problem = uploadProblem({ name: file.name, size: file.size, contentType: file.contentType });
  if (problem) {
    await interaction.reply(privately(errorView(problem)));
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const response = await fetch(file.url);
  if (!response.ok) {
    await interaction.editReply(
      renderView(errorView(`Discord did not hand over ${file.name} (${response.status}). Please attach it again.`)),
    );
    return;
  }
  const upload: DeckUpload = { kind: "file", bytes: new Uint8Array(await response.arrayBuffer()), fileName: file.name };
  const reply = await handleCommand(services, actor, { ...command, upload });
  await interaction.editReply(renderView(reply.view));
}

export async function deckImportSubmit(
  services: Services,
  actor: Actor,
  interaction: ModalSubmitInteraction,
): Promise<void> {
  const deckId = interaction.customId.slice(FORM_PREFIX.length);
  const parsed = parseCommand(deckId ? `deck import "${deckId}"` : "deck import");
  if (!parsed.ok || parsed.command.name !== "deck-import") {
    await interaction.reply(privately(errorView(parsed.ok ? "That form is not a deck import." : parsed.error)));
    return;
  }
  const upload: DeckUpload = {
    kind: "text",
    title: interaction.fields.getTextInputValue(TITLE_INPUT),
    text: interaction.fields.getTextInputValue(CARDS_INPUT),
  };
  const reply = await handleCommand(services, actor, { ...parsed.command, upload });
  await interaction.reply(privately(reply.view));
}
