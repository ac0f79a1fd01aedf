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
import { isPersonal, parseCommand } from "../../core/grammar.js";
import type { Apology } from "../../core/apologies.js";
import { errorView, noticeView, type View } from "../../core/views.js";
import { answerClick, enrolActor, forgetClick, handleCommand } from "../../services/commandRouter.js";
import { type Actor, type Logger, privateReply, type Reply } from "../../services/ports.js";
import { studyPlaceFor, studyPlacesOf } from "../../services/studyPlaces.js";
import type { Services } from "../../services/services.js";
import { apologyFor, CHECK_THE_CHANNEL, mayBeAppliedAfter, recordOrSayNot } from "../errorPath.js";
import { type ActorSource, DISCORD_PLATFORM, discordActor } from "./actor.js";
import { isMakeCardForm, makeCardCommand, makeCardSubmit } from "./cardFromMessage.js";
import { autocompleteChoices, commandLine, SERVER_OPTION, type SlashInvocation, serverChoices } from "./commands.js";
import { deckImportSlash, deckImportSubmit, isDeckImport, isDeckImportForm } from "./deckImport.js";
import { drillClick, drillTyped } from "./drills.js";
import { replyFirst } from "./firstReply.js";
import { PRIVATELY, renderView } from "./render.js";
import { reportCard } from "./reportCard.js";
import { type PrivateDiscordReplyMessage, renderReply } from "./replyFiles.js";

export interface InteractionDeps {
  services: Services;
  logger: Logger;
  /**
   * How long a command may run before the bot defers its reply. Discord drops
   * an interaction not answered within 3 seconds, network time included.
   */
  replyBudgetMs: number;
}

const privately = (view: View): InteractionReplyOptions => renderView(view, PRIVATELY);
const asReply = (reply: Reply): PrivateDiscordReplyMessage =>
  renderReply(reply, reply.visibility === "private" ? PRIVATELY : {});

const GUILD_ONLY = errorView(
  "That works in server channels.",
  "Here in DMs: /drill, /stats and /help, for the server you pick (or last studied in).",
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

/** Every interaction ends in a reply (or choices); a failure is logged and apologised for, never thrown. */
export async function handleInteraction(deps: InteractionDeps, interaction: Interaction): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      await autocomplete(deps, interaction);
      return;
    }
    if (!interaction.isRepliable()) return;
    if (!interaction.inGuild()) {
      await outsideServers(deps, interaction);
      return;
    }
    if (interaction.isChatInputCommand()) await slashCommand(deps, interaction);
    else if (interaction.isMessageContextMenuCommand())
      await makeCardCommand(deps.services, discordActor(sourceOf(interaction)), interaction);
    else if (interaction.isButton()) await buttonClick(deps, interaction);
    else if (interaction.isModalSubmit()) await modalSubmit(deps, interaction);
  } catch (error) {
    deps.logger.error(
      { err: error, interactionId: interaction.id, type: interaction.type },
      "discord interaction failed",
    );
    if (interaction.isRepliable() && !expired(error)) {
      await apologise(interaction, error).catch((failure: unknown) =>
        deps.logger.warn({ err: failure, interactionId: interaction.id }, "could not apologise for an interaction"),
      );
    }
  }
}

/**
 * Discord forgets an interaction not answered within 3 s: an apology would be
 * refused the same way, and during an overloaded burst each such second
 * request delays the clicks still in time.
 */
const expired = (error: unknown) =>
  error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction;

/** Private, and honest: "not recorded" only when the work is known undone; else where to check. */
async function apologise(interaction: RepliableInteraction, error: unknown): Promise<void> {
  const apology = privately(apologyFor(error, checkAfter(interaction)));
  if (interaction.deferred || interaction.replied) await interaction.followUp(apology);
  else await interaction.reply(apology);
}

/** Where to see whether a failed interaction's work was applied: its command's check, else its channel. */
function checkAfter(interaction: RepliableInteraction): Apology {
  const line = interaction.isChatInputCommand() ? commandLine(invocationOf(interaction)) : undefined;
  return line === undefined ? CHECK_THE_CHANNEL : mayBeAppliedAfter(line);
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
    locale: interaction.locale,
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
async function replyInTime(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  work: Promise<Reply>,
  budgetMs: number,
) {
  // A timer, not a race of promises: a burst of clicks replies to each one in time, and the timer is all it costs.
  let deferring: Promise<unknown> | undefined;
  const timer = setTimeout(() => {
    deferring = interaction.deferReply({ flags: MessageFlags.Ephemeral });
    // Not unhandled while the work goes on: it is awaited below.
    deferring.catch(() => undefined);
  }, budgetMs);
  let reply: Reply;
  try {
    reply = await work;
  } finally {
    clearTimeout(timer);
    // Waited for even when the work failed: the apology then knows to follow the deferral up.
    if (deferring) await deferring;
  }
  if (!deferring) {
    await replyFirst(interaction, asReply(reply));
    return;
  }
  if (reply.visibility === "private") {
    await interaction.editReply(renderReply(reply));
    return;
  }
  await interaction.editReply(renderView(noticeView("Done", "Shared in the channel.", "success")));
  await interaction.followUp(renderReply(reply));
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
    await drillClick(services, () => enrolActor(services, actor), interaction, action);
    return;
  }
  if (action.kind === "reminder") {
    await interaction.reply(privately(services.reminders.startDrill(DISCORD_PLATFORM, interaction.user.id, action)));
    return;
  }
  if (action.kind === "forget") {
    await interaction.reply(asReply(forgetClick(services, actor, action)));
    return;
  }
  // Home controls belong to Slack's App Home; Discord never renders them.
  if (action.kind === "home") {
    await interaction.reply(privately(UNKNOWN_BUTTON));
    return;
  }
  if (action.kind === "report") {
    await reportCard(services, () => enrolActor(services, actor), interaction, action);
    return;
  }
  // Waiting for a database another process holds may take past Discord's 3 s: the reply is deferred then.
  const answered = recordOrSayNot(() => answerClick(services, actor, action)).then(privateReply);
  await replyInTime(interaction, answered, deps.replyBudgetMs);
}

/**
 * A reminder arrives as a private message, outside any server: its "Start
 * drill" button, and the drill that follows there, name their member and
 * community in the button's id (checked against the clicker), not the server.
 */
async function privateMessageClick(deps: InteractionDeps, interaction: ButtonInteraction | ModalSubmitInteraction) {
  const { services } = deps;
  const action = decodeAction(interaction.customId);
  if (action?.kind === "reminder") {
    await interaction.reply(privately(services.reminders.startDrill(DISCORD_PLATFORM, interaction.user.id, action)));
    return;
  }
  if (action?.kind === "report" && action.source === "drill") {
    const reporter = services.reminders.privateCaller(DISCORD_PLATFORM, interaction.user.id, action);
    if (reporter) return reportCard(services, () => reporter, interaction, action);
  }
  const caller =
    action?.kind === "drill" && services.reminders.privateCaller(DISCORD_PLATFORM, interaction.user.id, action);
  if (!caller || action?.kind !== "drill") {
    await interaction.reply(privately(GUILD_ONLY));
    return;
  }
  if (interaction.isButton()) await drillClick(services, () => caller, interaction, action);
  else if (action.step.op === "type") await drillTyped(services, () => caller, interaction, action);
  else await interaction.reply(privately(UNKNOWN_FORM));
}

async function modalSubmit(deps: InteractionDeps, interaction: ModalSubmitInteraction<"cached" | "raw">) {
  if (isMakeCardForm(interaction.customId)) {
    await makeCardSubmit(deps.services, discordActor(sourceOf(interaction)), interaction);
    return;
  }
  if (isDeckImportForm(interaction.customId)) {
    await deckImportSubmit(deps.services, discordActor(sourceOf(interaction)), interaction);
    return;
  }
  const action = decodeAction(interaction.customId);
  if (action?.kind === "report") {
    const actor = discordActor(sourceOf(interaction));
    await reportCard(deps.services, () => enrolActor(deps.services, actor), interaction, action);
    return;
  }
  if (action?.kind !== "drill" || action.step.op !== "type") {
    await interaction.reply(privately(UNKNOWN_FORM));
    return;
  }
  const actor = discordActor(sourceOf(interaction));
  await drillTyped(deps.services, () => enrolActor(deps.services, actor), interaction, action);
}

async function autocomplete(deps: InteractionDeps, interaction: AutocompleteInteraction) {
  const focused = interaction.options.getFocused(true);
  const { services } = deps;
  if (focused.name === SERVER_OPTION) {
    const places = studyPlacesOf(services, DISCORD_PLATFORM, interaction.user.id);
    await interaction.respond(serverChoices(places, String(focused.value)));
    return;
  }
  const place = interaction.inGuild()
    ? undefined
    : studyPlaceFor(
        services,
        DISCORD_PLATFORM,
        interaction.user.id,
        interaction.options.getString(SERVER_OPTION) ?? "",
      );
  const communityId = interaction.inGuild()
    ? interaction.guildId
    : place && "communityExternalId" in place
      ? place.communityExternalId
      : undefined;
  const decks = communityId ? services.decksAt(DISCORD_PLATFORM, communityId) : services.decks.files;
  const chosenDeck = interaction.options.getString("deck") ?? undefined;
  await interaction.respond(autocompleteChoices(focused.name, String(focused.value), decks.list(), chosenDeck));
}

/**
 * A direct message with the bot (or a group DM where a user installed it):
 * personal commands run for the server the person chose or last studied in;
 * reminder and drill buttons for their own server. Everything else needs a server.
 */
async function outsideServers(deps: InteractionDeps, interaction: RepliableInteraction) {
  const { services } = deps;
  const personAt = (communityId: string, communityName?: string): Actor => ({
    platform: DISCORD_PLATFORM,
    communityId,
    ...(communityName ? { communityName } : {}),
    channelId: interaction.channelId ?? "",
    userId: interaction.user.id,
    userName: interaction.user.displayName,
    isAdmin: false,
  });
  if (interaction.isChatInputCommand()) {
    const line = commandLine(invocationOf(interaction));
    const parsed = line === undefined ? undefined : parseCommand(line);
    if (!parsed?.ok || !isPersonal(parsed.command.name)) {
      await interaction.reply(privately(GUILD_ONLY));
      return;
    }
    const place = studyPlaceFor(
      services,
      DISCORD_PLATFORM,
      interaction.user.id,
      interaction.options.getString(SERVER_OPTION) ?? "",
    );
    if (!("communityExternalId" in place)) {
      await interaction.reply(privately(place));
      return;
    }
    const actor = personAt(place.communityExternalId, place.communityName);
    await replyInTime(interaction, handleCommand(services, actor, parsed.command), deps.replyBudgetMs);
    return;
  }
  if (interaction.isButton() || interaction.isModalSubmit()) await privateMessageClick(deps, interaction);
  else await interaction.reply(privately(GUILD_ONLY));
}
