import type { AnswerAction, ForgetAction, HomeStep } from "../core/actions.js";
import { apologyView, mayBeApplied } from "../core/apologies.js";
import type { Command } from "../core/commands.js";
import { isAdminOnly, parseCommand } from "../core/grammar.js";
import { homeCommandLine } from "../core/homeControls.js";
import { answerAckView } from "../core/quizViews.js";
import { isValidTimeZone } from "../core/studyDay.js";
import { slowDownView } from "../core/rateLimit.js";
import { remindersOffNotice } from "../core/reminderViews.js";
import { errorView, text, type View } from "../core/views.js";
import { handlerByName } from "./commands/index.js";
import type { CommandContext } from "./commands/types.js";
import { forgetConfirmed, nothingToForgetView } from "./memberData.js";
import { type Actor, privateReply, type Reply, UserError } from "./ports.js";
import type { Services } from "./services.js";
import type { Member } from "../store/users.js";

/**
 * The one entry point every adapter calls with a typed line or an already
 * parsed command: count it against the sender's rate, parse, find the
 * community and member, check rights (the grammar's table says which
 * commands are admin-only), run. Whatever happens, the caller gets
 * a view back and the process keeps going.
 */
export async function handleCommand(services: Services, actor: Actor, input: string | Command): Promise<Reply> {
  const waitMs = services.commandLimiter?.take(actor, services.clock.now());
  if (waitMs !== undefined) return privateReply(slowDownView(waitMs));
  let command: Command;
  if (typeof input === "string") {
    const parsed = parseCommand(input);
    if (!parsed.ok) return privateReply(errorView(parsed.error, parsed.usage ? `Usage: ${parsed.usage}` : undefined));
    command = parsed.command;
  } else {
    command = input;
  }
  const handler = handlerByName.get(command.name);
  if (!handler) return privateReply(errorView(`"${command.name}" is not available in this version.`));
  if (isAdminOnly(command.name) && !actor.isAdmin) {
    return privateReply(errorView("Only admins can do that.", adminHint(actor.platform)));
  }
  try {
    // Boards, stats, reports, exports and drills read what quiz answers change.
    services.settlement.settleAll();
    const ctx = enrolActor(services, actor);
    return withRemindersOffNotice(services, ctx.member.id, await handler.run(ctx, command));
  } catch (error) {
    if (error instanceof UserError) return privateReply(errorView(error.message, error.hint));
    services.logger.error({ err: error, command: command.name }, "command failed");
    // Some of its work may be committed already (a deck file written, a quiz posted): nobody can say "nothing changed".
    return privateReply(apologyView(mayBeApplied(command.name)));
  }
}

/**
 * A click on a quiz's answer button, on any platform: the member (added on
 * first contact) and the answer are written in the transaction shared by the
 * clicks of this turn of the event loop, and the private acknowledgement is
 * made once that is committed.
 */
export async function answerClick(services: Services, actor: Actor, action: AnswerAction): Promise<View> {
  const { outcome, community, now } = await services.store.joinTransaction(() => {
    const { community, member, now } = enrolActor(services, actor);
    const { quizId, nonce, choice } = action;
    const outcome = services.quizzes.answer({ quizId, nonce, community, channelId: actor.channelId, member, choice });
    return { outcome, community, now };
  });
  return answerAckView(outcome, community.timeZone, now);
}

/**
 * A click on the confirmation of `me forget`, on any platform. The member is
 * looked up, not added: a second click after the deletion finds nobody, is
 * told so, and leaves no new row behind.
 */
export function forgetClick(services: Services, actor: Actor, action: ForgetAction): Reply {
  const community = services.store.communities.find(actor.platform, actor.communityId);
  const member = community && services.store.users.findByExternalId(community.id, actor.userId);
  if (!community || !member) return privateReply(nothingToForgetView());
  return privateReply(forgetConfirmed(services, community, member, action.nonce, services.clock.now()));
}

/**
 * A control on a person's Home, on any platform that has one: the command
 * line it stands for, run as if typed, so a setting changed there goes
 * through the same grammar, limits and handler as `me remind`.
 */
export async function homeClick(services: Services, actor: Actor, step: HomeStep, pickedTime?: string): Promise<Reply> {
  const community = services.store.communities.find(actor.platform, actor.communityId);
  const member = community && services.store.users.findByExternalId(community.id, actor.userId);
  const settings = member ? services.store.memberSettings.get(member.id) : { remindStreak: false };
  const line = homeCommandLine(step, settings, pickedTime);
  return typeof line === "string" ? handleCommand(services, actor, line) : privateReply(line);
}

/**
 * The actor's community and member, each added on first contact (and renamed
 * when their name changed): call it where the actor is about to do something
 * that is recorded, never for a read such as autocomplete.
 */
export function enrolActor(services: Services, actor: Actor): CommandContext {
  const now = services.clock.now();
  const { communities, users } = services.store;
  const community = communities.ensure(
    actor.platform,
    actor.communityId,
    actor.communityName ?? "",
    services.config.defaultTimeZone,
    now,
  );
  const member = users.ensure(community.id, actor.userId, actor.userName);
  if (actor.profileTimeZone !== undefined) followProfileZone(services, member, actor.profileTimeZone, now);
  return { services, actor, community, member, now };
}

/** A zone from the person's profile becomes theirs, and follows the profile, until they set one themselves. */
function followProfileZone(services: Services, member: Member, zone: string, now: Date): void {
  const { memberSettings } = services.store;
  const settings = memberSettings.get(member.id);
  const ownChoice = settings.timeZone !== undefined && !settings.timeZoneFromProfile;
  if (ownChoice || settings.timeZone === zone || !isValidTimeZone(zone)) return;
  memberSettings.update(member.id, member.communityId, { timeZone: zone, timeZoneFromProfile: true }, now);
}

/** Someone whose reminders studybot switched off is told why once, under the reply to their next command. */
function withRemindersOffNotice(services: Services, memberId: number, reply: Reply): Reply {
  // A public reply (a posted quiz) is no place for it: it waits for a private one.
  if (reply.visibility !== "private") return reply;
  const reason = services.store.reminders.takeUntoldReason(memberId);
  if (reason !== "closed_dms" && reason !== "left") return reply;
  return { ...reply, view: { ...reply.view, blocks: [...reply.view.blocks, text(remindersOffNotice(reason))] } };
}

export function adminHint(platform: string): string {
  if (platform === "discord") return "Admins are members with the Manage Server permission.";
  if (platform === "slack") return "Admins are workspace admins and owners, and the users listed in SLACK_ADMIN_USERS.";
  return "Ask whoever runs the bot.";
}
