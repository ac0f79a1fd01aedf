import type { AckFn, AnyMiddlewareArgs, App, BlockAction, BlockElementAction, RespondFn } from "@slack/bolt";
import { type Action, decodeAction } from "../../core/actions.js";
import { errorView } from "../../core/views.js";
import { answerClick, forgetClick } from "../../services/commandRouter.js";
import { CHECK_THE_CHANNEL, mayBeAppliedAfter, recordOrSayNot } from "../errorPath.js";
import type { SlackAdapter } from "./app.js";
import { quickCommandOf, runCommandLine, SLASH_COMMAND } from "./commands.js";
import { handleDrillClick } from "./drills.js";
import { handleHomeControl } from "./home.js";
import { type Asker, doneOrApologised } from "./errorPath.js";
import { ACTION_ID_PREFIX, renderMessage } from "./render.js";
import { openReportForm } from "./reportCard.js";
import { SLACK_PLATFORM } from "./users.js";

/**
 * Button clicks. Everything a click needs is in the button's value (see
 * core/actions.ts), and the team, channel and user come from the click
 * itself, never from the value: a forged value can at most be refused.
 *
 * Taken in a middleware ahead of the listeners, not by a listener: Bolt runs
 * each request through every listener's filters, copying the request's
 * arguments for each filter (about 11 µs a copy in a profile of bench 3b),
 * and with a dozen listeners that cost more than a click's acknowledgement.
 * Buttons are nearly all of a burst, so they go no further than here.
 */
export function registerButtons(app: App, adapter: SlackAdapter): void {
  app.use(async (args) => {
    const clicked = studybotAction(args.body);
    if (!clicked) return args.next();
    const { body, action } = clicked;
    const { ack, respond } = args as unknown as { ack: AckFn<void>; respond: RespondFn };
    // Slack shows an error unless the click is acknowledged within 3 seconds, so first; during
    // a burst, the rest waits until the other clicks are acknowledged too.
    await ack();
    if (action.type !== "button") return;
    // The Home tab's buttons come from no channel: they change the clicker's own settings or start their drill.
    if (body.view?.type === "home") {
      await adapter.acknowledgements.turn();
      await handleHomeControl(adapter, body, action.value ?? "");
      return;
    }
    const click = clickOf(body, action.value ?? "");
    if (!click) return;
    // Bolt holds a request's whole payload until its handler returns, and a burst holds 2,000 clicks
    // (garbage collection became the largest cost of their acknowledgements): the handler returns
    // now, and the work waits its turn holding only what it needs.
    adapter.afterAcknowledgements(() => {
      const { line, clicked, channelId, userId } = click;
      // An answer is acknowledged in the quiz's channel, where the bot posted the quiz; anything else is
      // answered through the click's response URL, which also reaches channels the bot is not in.
      const asker: Asker = { channelId, userId, ...(clicked?.kind === "answer" ? {} : { respond }) };
      return doneOrApologised(adapter, asker, line === undefined ? CHECK_THE_CHANNEL : mayBeAppliedAfter(line), () =>
        handleClick(adapter, click, respond),
      );
    });
  });
}

/** A block action on one of studybot's own elements (its action id has studybot's prefix), else undefined. */
function studybotAction(
  body: AnyMiddlewareArgs["body"],
): { body: BlockAction; action: BlockElementAction } | undefined {
  if (!("type" in body) || body.type !== "block_actions") return undefined;
  const blockAction = body as BlockAction;
  const [action] = blockAction.actions;
  return action?.action_id.startsWith(`${ACTION_ID_PREFIX}-`) ? { body: blockAction, action } : undefined;
}

/** What a channel button's work needs of its click: the team, channel and user from the click, never the value. */
interface Click {
  channelId: string;
  teamId: string;
  teamDomain: string | undefined;
  userId: string;
  userName: string | undefined;
  responseUrl: string;
  triggerId: string;
  onEphemeral: boolean;
  /** A command the button stands for (quick buttons), or else the action it encodes. */
  line: string | undefined;
  clicked: Action | undefined;
}

function clickOf(body: BlockAction, value: string): Click | undefined {
  const channelId = body.channel?.id ?? body.container?.channel_id;
  const teamId = body.team?.id ?? body.user.team_id;
  if (!channelId || !teamId) return undefined;
  const line = quickCommandOf(value);
  return {
    channelId,
    teamId,
    teamDomain: body.team?.domain,
    userId: body.user.id,
    userName: body.user.name,
    responseUrl: body.response_url,
    triggerId: body.trigger_id,
    onEphemeral: body.container?.is_ephemeral === true,
    line,
    clicked: line === undefined ? decodeAction(value) : undefined,
  };
}

async function handleClick(adapter: SlackAdapter, click: Click, respond: RespondFn): Promise<void> {
  const { line, clicked, channelId } = click;
  const actor = await adapter.users.actor({
    teamId: click.teamId,
    ...(click.teamDomain ? { teamName: click.teamDomain } : {}),
    channelId,
    userId: click.userId,
    fallbackName: click.userName,
  });
  if (line !== undefined) {
    await runCommandLine(adapter, actor, line, respond);
    return;
  }
  if (clicked?.kind === "answer") {
    const answered = await recordOrSayNot(() => answerClick(adapter.services, actor, clicked));
    await adapter.messenger.postPrivately(channelId, actor.userId, answered);
    return;
  }
  if (clicked?.kind === "forget") {
    await respond({
      response_type: "ephemeral",
      replace_original: false,
      ...renderMessage(forgetClick(adapter.services, actor, clicked).view),
    });
    return;
  }
  if (clicked?.kind === "drill") {
    await handleDrillClick(adapter, actor, clicked, {
      respond,
      responseUrl: click.responseUrl,
      triggerId: click.triggerId,
      onEphemeral: click.onEphemeral,
    });
    return;
  }
  if (clicked?.kind === "report") {
    await openReportForm(adapter, actor, clicked, { triggerId: click.triggerId, respond });
    return;
  }
  if (clicked?.kind === "reminder") {
    // A reminder's "Start drill", in the private message from the app: the drill opens under it.
    const drill = await recordOrSayNot(() =>
      adapter.services.reminders.startDrill(SLACK_PLATFORM, actor.userId, clicked),
    );
    await respond({ response_type: "ephemeral", replace_original: false, ...renderMessage(drill) });
    return;
  }
  await adapter.messenger.postPrivately(
    channelId,
    actor.userId,
    errorView("That button is not one studybot made, or it is from an older version.", `Try ${SLASH_COMMAND} help.`),
  );
}
