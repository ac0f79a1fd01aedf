import type { Command, CommandName } from "../../core/commands.js";
import type { Community } from "../../store/communities.js";
import type { Member } from "../../store/users.js";
import type { Actor, Reply } from "../ports.js";
import type { Services } from "../services.js";

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
