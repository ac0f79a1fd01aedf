import type { MessageReaction, PartialMessageReaction, PartialUser, User } from "discord.js";
import type { Logger } from "../../services/ports.js";
import { answerReaction } from "../../services/reactionAnswer.js";
import type { Services } from "../../services/services.js";
import { DISCORD_PLATFORM, displayName } from "./actor.js";
import { choiceOfEmoji } from "./render.js";

/**
 * Reaction answers: a member's letter reaction (🇦 🇧 🇨 🇩) on a quiz message is
 * their answer (services/reactionAnswer.ts); the first one counts. Discord has
 * no private reply to a reaction, so the reaction itself is the
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
  if (choice === undefined) return;
  const answer = await answerReaction(services, {
    platform: DISCORD_PLATFORM,
    communityId: message.guildId,
    channelId: message.channelId,
    messageId: message.id,
    userId: user.id,
    choice,
    userName: async () => displayName(user.partial ? await user.fetch() : user, message.guild.members.resolve(user.id)),
  });
  if (answer)
    logger.info({ messageId: message.id, userId: user.id, outcome: answer.outcome.status }, "reaction answer");
}
