import type { MessageReaction, PartialMessageReaction, PartialUser, User } from "discord.js";
import { context } from "../../services/commandRouter.js";
import type { Logger } from "../../services/ports.js";
import type { Services } from "../../services/services.js";
import { discordActor } from "./actor.js";
import { choiceOfEmoji } from "./render.js";

/**
 * Reaction answers: a member's letter reaction (🇦 🇧 🇨 🇩) on a quiz message is
 * their answer, through the same service as a click; the first one counts.
 * Discord has no private reply to a reaction, so the reaction itself is the
 * acknowledgement. Reactions the bot never saw are read back at close
 * (DiscordMessenger.readReactionVotes).
 */
export async function answerByReaction(
  deps: { services: Services; logger: Logger },
  reaction: MessageReaction | PartialMessageReaction,
  user: User | PartialUser,
): Promise<void> {
  const { services, logger } = deps;
  const { message } = reaction;
  if (user.id === reaction.client.user.id || !message.inGuild()) return;
  const choice = choiceOfEmoji(reaction.emoji.name);
  // Letter reactions on any other message are just reactions: no member or community is recorded for them.
  if (choice === undefined || !services.store.quizzes.findByMessage(message.id)) return;
  const member = message.guild.members.resolve(user.id);
  const who = user.partial ? await user.fetch() : user;
  const { community, member: answerer } = context(
    services,
    discordActor({
      guildId: message.guildId,
      guild: message.guild,
      channelId: message.channelId,
      user: who,
      member,
      // Answering needs no rights.
      permissions: null,
    }),
  );
  const outcome = services.quizzes.answerByMessage({
    messageId: message.id,
    community,
    channelId: message.channelId,
    member: answerer,
    choice,
  });
  logger.info({ messageId: message.id, userId: user.id, outcome: outcome.status }, "reaction answer");
}
