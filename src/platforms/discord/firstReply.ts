import { InteractionResponseType, type RepliableInteraction, Routes } from "discord.js";
import type { PrivateDiscordReplyMessage } from "./replyFiles.js";

/**
 * An interaction's first reply, posted as the interaction callback that
 * discord.js's `reply` posts, but without building its MessagePayload: that
 * class resolves four modules by name (`require` inside its getters) on every
 * reply, and in a burst of quiz clicks that cost more CPU than studybot's own
 * transaction (bench 3a: the bot's CPU per click fell by about 15%). A reply
 * with files goes through discord.js, which writes the multipart body.
 *
 * The message is render.ts's: API data already (`custom_id`, not `customId`),
 * so only its mentions are renamed. The interaction is marked replied, as
 * `reply` marks it: a later apology then follows the reply up.
 */
export async function replyFirst(
  interaction: RepliableInteraction,
  message: PrivateDiscordReplyMessage,
): Promise<void> {
  if (message.files.length > 0) {
    await interaction.reply(message);
    return;
  }
  const { allowedMentions, files: _none, ...data } = message;
  await interaction.client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
    body: {
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { ...data, allowed_mentions: allowedMentions },
    },
    auth: false,
  });
  interaction.replied = true;
}
