import type { App, BlockAction, ButtonAction, RespondFn } from "@slack/bolt";
import { decodeAction } from "../../core/actions.js";
import { errorView } from "../../core/views.js";
import { answerClick } from "../../services/commandRouter.js";
import { apologyFor, recordOrSayNot } from "../errorPath.js";
import type { SlackAdapter } from "./app.js";
import { quickCommandOf, runCommandLine, SLASH_COMMAND } from "./commands.js";
import { handleDrillClick } from "./drills.js";
import { ACTION_ID_PREFIX } from "./render.js";

/**
 * Button clicks. Everything a click needs is in the button's value (see
 * core/actions.ts), and the team, channel and user come from the click
 * itself, never from the value: a forged value can at most be refused.
 */
export function registerButtons(app: App, adapter: SlackAdapter): void {
  app.action(
    { type: "block_actions", action_id: new RegExp(`^${ACTION_ID_PREFIX}-`) },
    async ({ ack, body, action, respond }) => {
      // Slack shows an error unless the click is acknowledged within 3 seconds, so first; during
      // a burst, the rest waits until the other clicks are acknowledged too.
      await ack();
      await adapter.acknowledgements.turn();
      if (action.type !== "button") return;
      const channelId = body.channel?.id ?? body.container?.channel_id;
      const teamId = body.team?.id ?? body.user.team_id;
      if (!channelId || !teamId) return;
      try {
        await handleClick(adapter, body, action, respond, channelId, teamId);
      } catch (error) {
        // The click is acknowledged, so Slack shows no error: without a word here the member would
        // believe it counted (a database locked past its busy timeout, say).
        adapter.logger.error({ err: error, channelId, userId: body.user.id }, "slack click failed after its ack");
        const apology = apologyFor(error, { kind: "may-be-applied", check: "the channel" });
        await adapter.messenger.postPrivately(channelId, body.user.id, apology);
      }
    },
  );
}

async function handleClick(
  adapter: SlackAdapter,
  body: BlockAction,
  action: ButtonAction,
  respond: RespondFn,
  channelId: string,
  teamId: string,
): Promise<void> {
  const actor = await adapter.users.actor({
    teamId,
    ...(body.team?.domain ? { teamName: body.team.domain } : {}),
    channelId,
    userId: body.user.id,
    fallbackName: body.user.name,
  });
  const value = action.value ?? "";
  const line = quickCommandOf(value);
  if (line !== undefined) {
    await runCommandLine(adapter, actor, line, respond);
    return;
  }
  const decoded = decodeAction(value);
  if (decoded?.kind === "answer") {
    const answered = await recordOrSayNot(() => answerClick(adapter.services, actor, decoded));
    await adapter.messenger.postPrivately(channelId, actor.userId, answered);
    return;
  }
  if (decoded?.kind === "drill") {
    await handleDrillClick(adapter, actor, decoded, {
      respond,
      responseUrl: body.response_url,
      triggerId: body.trigger_id,
      onEphemeral: body.container?.is_ephemeral === true,
    });
    return;
  }
  await adapter.messenger.postPrivately(
    channelId,
    actor.userId,
    errorView("That button is not one studybot made, or it is from an older version.", `Try ${SLASH_COMMAND} help.`),
  );
}
