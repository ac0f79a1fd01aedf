import {
  type APIInteractionGuildMember,
  type Guild,
  type GuildMember,
  PermissionFlagsBits,
  type PermissionsBitField,
  type User,
} from "discord.js";
import type { Actor } from "../../services/ports.js";

export const DISCORD_PLATFORM = "discord";

export interface ActorSource {
  guildId: string;
  guild: Guild | null;
  channelId: string;
  user: User;
  /** A cached member, or the raw one an interaction carries when its guild is not cached. */
  member: GuildMember | APIInteractionGuildMember | null;
  /** The member's permissions in this channel (an interaction's own, or computed from the cache). */
  permissions: Readonly<PermissionsBitField> | null;
  /** The language of the person's Discord client. */
  locale: string;
}

/** The name people know each other by here: server nickname, then display name, then username. */
export function displayName(user: User, member: ActorSource["member"]): string {
  if (!member) return user.displayName;
  if ("displayName" in member) return member.displayName;
  return member.nick ?? user.displayName;
}

/**
 * Who is acting, where. Admins are members with Manage Server (Administrator
 * implies it), checked on every use whatever the command's default
 * permissions in Discord say: server admins can change those.
 */
export function discordActor(source: ActorSource): Actor {
  return {
    platform: DISCORD_PLATFORM,
    communityId: source.guildId,
    ...(source.guild ? { communityName: source.guild.name } : {}),
    channelId: source.channelId,
    userId: source.user.id,
    userName: displayName(source.user, source.member),
    isAdmin: source.permissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    locale: source.locale,
  };
}
