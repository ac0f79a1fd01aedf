import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  DiscordAPIError,
  type Interaction,
  type InteractionReplyOptions,
  MessageFlags,
  type ModalSubmitInteraction,
  type RepliableInteraction,
  RESTJSONErrorCodes,
} from "discord.js";
import { decodeAction } from "../../core/actions.js";
import { errorView, noticeView, type View } from "../../core/views.js";
import { answerClick, handleCommand } from "../../services/commandRouter.js";
import type { Logger, Reply } from "../../services/ports.js";
import type { Services } from "../../services/services.js";
import { type ActorSource, DISCORD_PLATFORM, discordActor } from "./actor.js";
import { autocompleteChoices, commandLine, type SlashInvocation } from "./commands.js";
import { deckImportSlash, deckImportSubmit, isDeckImport, isDeckImportForm } from "./deckImport.js";
import { drillClick, drillTyped } from "./drills.js";
import { renderView } from "./render.js";

export interface InteractionDeps {
  services: Services;
  logger: Logger;
  /**
   * How long a command may run before the bot defers its reply. Discord drops
   * an interaction not answered within 3 seconds, network time included.
   */
  replyBudgetMs: number;
}

const privately = (view: View): InteractionReplyOptions => ({ ...renderView(view), flags: MessageFlags.Ephemeral });
const publicly = (view: View): InteractionReplyOptions => renderView(view);
const asReply = (reply: Reply) => (reply.visibility === "private" ? privately(reply.view) : publicly(reply.view));

const GUILD_ONLY = errorView(
  "studybot works in server channels.",
  "Use its commands in a channel of a server it is in.",
);
const UNKNOWN_BUTTON = errorView(
  "That button does not belong to anything studybot knows.",
  "It may be from an old message. Start again with /quiz now or /drill.",
);
const UNKNOWN_FORM = errorView("That form does not belong to anything studybot knows.", "Start again with /drill.");
const STALE_COMMAND = errorView(
  "This command is not one studybot knows any more.",
  "An admin can update the commands with: studybot register-commands",
);
const OUR_FAULT = errorView("Something went wrong on our side; nothing was changed. Please try again.");

/** Every interaction ends in a reply (or choices); a failure is logged and apologised for, never thrown. */
export async function handleInteraction(deps: InteractionDeps, interaction: Interaction): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      await autocomplete(deps, interaction);
      return;
    }
    if (!interaction.isRepliable()) return;
    if (!interaction.inGuild()) {
      await interaction.reply(privately(GUILD_ONLY));
      return;
    }
    if (interaction.isChatInputCommand()) await slashCommand(deps, interaction);
    else if (interaction.isButton()) await buttonClick(deps, interaction);
    else if (interaction.isModalSubmit()) await modalSubmit(deps, interaction);
  } catch (error) {
    deps.logger.error(
      { err: error, interactionId: interaction.id, type: interaction.type },
      "discord interaction failed",
    );
    if (interaction.isRepliable() && !expired(error)) await apologise(interaction).catch(() => undefined);
  }
}

/**
 * Discord forgets an interaction not answered within 3 s: an apology would be
 * refused the same way, and during an overloaded burst each such second
 * request delays the clicks still in time.
 */
const expired = (error: unknown) =>
  error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction;

async function apologise(interaction: RepliableInteraction): Promise<void> {
  if (interaction.deferred || interaction.replied) await interaction.followUp(privately(OUR_FAULT));
  else await interaction.reply(privately(OUR_FAULT));
}

function sourceOf(
  interaction: RepliableInteraction<"cached" | "raw"> | AutocompleteInteraction<"cached" | "raw">,
): ActorSource {
  return {
    guildId: interaction.guildId,
    guild: interaction.guild,
    channelId: interaction.channelId ?? "",
    user: interaction.user,
    member: interaction.member,
    permissions: interaction.memberPermissions,
  };
}

function invocationOf(interaction: ChatInputCommandInteraction): SlashInvocation {
  const flatten = (options: readonly CommandInteractionOption[]) =>
    options.map(({ name, type, value }) => ({ name, type, ...(value !== undefined ? { value } : {}) }));
  const [first] = interaction.options.data;
  const subcommand = interaction.options.getSubcommand(false);
  return {
    command: interaction.commandName,
    subcommand,
    options: flatten(subcommand && first?.options ? first.options : interaction.options.data),
  };
}

async function slashCommand(deps: InteractionDeps, interaction: ChatInputCommandInteraction<"cached" | "raw">) {
  if (isDeckImport(interaction)) {
    await deckImportSlash(deps.services, discordActor(sourceOf(interaction)), interaction);
    return;
  }
  const line = commandLine(invocationOf(interaction));
  if (line === undefined) {
    await interaction.reply(privately(STALE_COMMAND));
    return;
  }
  const actor = discordActor(sourceOf(interaction));
  await replyInTime(interaction, handleCommand(deps.services, actor, line), deps.replyBudgetMs);
}

/**
 * Answers directly when the command is done within the budget; otherwise
 * acknowledges now (privately: most replies are, errors always) and writes
 * the reply when it is ready. A deferred private reply cannot turn public,
 * so a late public reply is posted as a follow-up.
 */
async function replyInTime(interaction: ChatInputCommandInteraction, work: Promise<Reply>, budgetMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, budgetMs, undefined);
  });
  const early = await Promise.race([work, late]).finally(() => clearTimeout(timer));
  if (early) {
    await interaction.reply(asReply(early));
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const reply = await work;
  if (reply.visibility === "private") {
    await interaction.editReply(renderView(reply.view));
    return;
  }
  await interaction.editReply(renderView(noticeView("Done", "Shared in the channel.", "success")));
  await interaction.followUp(publicly(reply.view));
}

async function buttonClick(deps: InteractionDeps, interaction: ButtonInteraction<"cached" | "raw">) {
  const action = decodeAction(interaction.customId);
  if (!action) {
    await interaction.reply(privately(UNKNOWN_BUTTON));
    return;
  }
  const { services } = deps;
  const actor = discordActor(sourceOf(interaction));
  if (action.kind === "drill") {
    await drillClick(services, actor, interaction, action);
    return;
  }
  await interaction.reply(privately(await answerClick(services, actor, action)));
}

async function modalSubmit(deps: InteractionDeps, interaction: ModalSubmitInteraction<"cached" | "raw">) {
  if (isDeckImportForm(interaction.customId)) {
    await deckImportSubmit(deps.services, discordActor(sourceOf(interaction)), interaction);
    return;
  }
  const action = decodeAction(interaction.customId);
  if (action?.kind !== "drill" || action.step.op !== "type") {
    await interaction.reply(privately(UNKNOWN_FORM));
    return;
  }
  await drillTyped(deps.services, discordActor(sourceOf(interaction)), interaction, action);
}

async function autocomplete(deps: InteractionDeps, interaction: AutocompleteInteraction) {
  const focused = interaction.options.getFocused(true);
  const { services } = deps;
  const decks = interaction.inGuild() ? services.decksAt(DISCORD_PLATFORM, interaction.guildId) : services.decks.files;
  await interaction.respond(autocompleteChoices(focused.name, String(focused.value), decks.list()));
}
