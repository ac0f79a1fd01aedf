import { type APIApplication, type APIApplicationCommand, ApplicationCommandType, REST, Routes } from "discord.js";
import { messageCommands } from "./cardFromMessage.js";
import type { DiscordConnection } from "./client.js";
import { slashCommands } from "./commands.js";

export interface Registration {
  /** "server <id>" or "global". */
  scope: string;
  commands: string[];
}

/**
 * `studybot register-commands [--guild ID]`: replaces the bot's slash commands
 * with this version's. A server's commands change at once (for development);
 * global ones reach every server the bot is in, which Discord may take a
 * while to show. The application id comes from the token.
 */
export async function registerCommands(connection: DiscordConnection, guildId?: string): Promise<Registration> {
  const rest = new REST({ api: connection.apiBase, ...connection.rest }).setToken(connection.token);
  const application = (await rest.get(Routes.currentApplication())) as APIApplication;
  const route = guildId
    ? Routes.applicationGuildCommands(application.id, guildId)
    : Routes.applicationCommands(application.id);
  const body = [...slashCommands(), ...messageCommands()];
  const registered = (await rest.put(route, { body })) as APIApplicationCommand[];
  return {
    scope: guildId ? `server ${guildId}` : "global",
    commands: registered.map((command) =>
      command.type === ApplicationCommandType.Message ? `"${command.name}" (message menu)` : `/${command.name}`,
    ),
  };
}
