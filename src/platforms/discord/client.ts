import { Client, GatewayIntentBits, Partials } from "discord.js";

export interface DiscordConnection {
  token: string;
  /** DISCORD_API_BASE: discord.js adds `/v10/…`, and takes the gateway URL from that server's /gateway/bot. */
  apiBase: string;
  /** REST retries and timeout; tests lower them so a failure shows at once. */
  rest?: { retries?: number; timeout?: number };
}

/**
 * The discord.js client with only the intents studybot uses, none of them
 * privileged: Guilds (servers, channels, roles, for permissions and names) and
 * GuildMessageReactions (reaction answers). Reactions on messages posted
 * before this process started arrive as partials, so they are enabled.
 */
export function createDiscordClient(connection: Omit<DiscordConnection, "token">): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
    partials: [Partials.Message, Partials.Reaction, Partials.User],
    rest: { api: connection.apiBase, ...connection.rest },
    // Whatever a message says, nobody is pinged unless the message names them (see render.ts).
    allowedMentions: { parse: [] },
  });
}
