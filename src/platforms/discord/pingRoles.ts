import { echoed } from "../../core/clip.js";
import type { PingGroup, PingTarget } from "../../core/commands.js";
import { UserError } from "../../services/ports.js";

/** What a schedule's ping needs to know of a server's role. */
export interface RoleFacts {
  id: string;
  name: string;
  /** "Allow anyone to @mention this role". */
  mentionable: boolean;
}

/** The two facts of the server that decide who studybot may mention. */
export interface MentionRights {
  /** The @everyone role has the server's id. */
  everyoneId: string;
  /** studybot has Mention @everyone, @here, and All Roles. */
  mayMentionAll: boolean;
}

const asTyped = (name: string) => (/\s/.test(name) ? `"${name}"` : `@${name}`);
const exampleLine = (name: string) => `schedule add 0 9 * * 1-5 ping ${asTyped(name)}`;

/**
 * The role a schedule is to ping: one of the server's, not @everyone, and
 * one studybot may mention (Discord drops a mention it may not make, silently).
 */
export function findPingRole(roles: readonly RoleFacts[], rights: MentionRights, target: PingTarget): PingGroup {
  const named = roles.filter((role) => role.id !== rights.everyoneId);
  const usable = named.filter((role) => role.mentionable || rights.mayMentionAll);
  const hint = `Name a role of this server that may be mentioned, such as ${exampleLine(usable[0]?.name ?? "students")}`;
  if (target.kind === "group") throw new UserError("On Discord a schedule pings a role, not a user group.", hint);
  const name = target.kind === "name" ? target.name.toLowerCase() : undefined;
  const id = target.kind === "role" ? target.id : undefined;
  const role = named.find((each) => each.id === id || each.name.toLowerCase() === name);
  if (!role) {
    const what = target.kind === "name" ? `There is no role "${echoed(target.name)}"` : "That role is not";
    throw new UserError(`${what} in this server (studybot never pings @everyone).`, hint);
  }
  if (!role.mentionable && !rights.mayMentionAll) {
    throw new UserError(
      `studybot may not mention @${role.name}: the role does not let anyone mention it, and studybot lacks "Mention @everyone, @here, and All Roles".`,
      `In Server Settings → Roles → ${role.name}, turn on "Allow anyone to @mention this role" (or grant studybot that permission), then: ${exampleLine(role.name)}`,
    );
  }
  return { id: role.id, label: role.name };
}
