import type { Command, CommandName } from "../../core/commands.js";
import type { DeckImportForm } from "../../core/deckImportForm.js";
import type { View } from "../../core/views.js";
import type { Community } from "../../store/communities.js";
import type { Member } from "../../store/users.js";
import type { Services } from "../services.js";

/** Who is asking, where: filled in by the platform adapter from its event. */
export interface Actor {
  platform: string;
  communityId: string;
  communityName?: string;
  channelId: string;
  userId: string;
  userName: string;
  /** The adapter decides (Discord: Manage Server; Slack: admins or SLACK_ADMIN_USERS; terminal: always). */
  isAdmin: boolean;
}

export interface Reply {
  view: View;
  /** Private replies are ephemeral on Discord and Slack. */
  visibility: "private" | "public";
  /** Open this paste form (a modal) instead of showing `view`; where forms do not exist, `view` says what to do. */
  form?: DeckImportForm;
}

export interface CommandContext {
  services: Services;
  actor: Actor;
  community: Community;
  member: Member;
  now: Date;
}

export type CommandOf<N extends CommandName> = Extract<Command, { name: N }>;

export interface CommandHandler<N extends CommandName = CommandName> {
  names: readonly N[];
  run(ctx: CommandContext, command: CommandOf<N>): Promise<Reply> | Reply;
}

/** A mistake by the person typing the command: shown to them, nothing logged as an error. */
export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export const privateReply = (view: View): Reply => ({ view, visibility: "private" });
export const publicReply = (view: View): Reply => ({ view, visibility: "public" });
