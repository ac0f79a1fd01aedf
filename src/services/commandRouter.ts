import type { AnswerAction } from "../core/actions.js";
import { apologyView, mayBeApplied } from "../core/apologies.js";
import type { Command } from "../core/commands.js";
import { isAdminOnly, parseCommand } from "../core/grammar.js";
import { answerAckView } from "../core/quizViews.js";
import { slowDownView } from "../core/rateLimit.js";
import { remindersOffNotice } from "../core/reminderViews.js";
import { errorView, text, type View } from "../core/views.js";
import { handlerByName } from "./commands/index.js";
import type { CommandContext } from "./commands/types.js";
import { type Actor, privateReply, type Reply, UserError } from "./ports.js";
import type { Services } from "./services.js";

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
  return { services, actor, community, member, now };
}

/** Someone whose reminders studybot switched off is told why once, under the reply to their next command. */
function withRemindersOffNotice(services: Services, memberId: number, reply: Reply): Reply {
  // A public reply (a posted quiz) is no place for it: it waits for a private one.
  if (reply.visibility !== "private") return reply;
  const reason = services.store.reminders.takeUntoldReason(memberId);
  if (reason !== "closed_dms" && reason !== "left") return reply;
  return { ...reply, view: { ...reply.view, blocks: [...reply.view.blocks, text(remindersOffNotice(reason))] } };
}

function adminHint(platform: string): string {
  if (platform === "discord") return "Admins are members with the Manage Server permission.";
  if (platform === "slack") return "Admins are workspace admins and owners, and the users listed in SLACK_ADMIN_USERS.";
  return "Ask whoever runs the bot.";
}
