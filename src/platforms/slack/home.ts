import type { App, BlockAction } from "@slack/bolt";
import type { Apology } from "../../core/apologies.js";
import { decodeAction } from "../../core/actions.js";
import { errorView, type View } from "../../core/views.js";
import { homeClick } from "../../services/commandRouter.js";
import { apologyFor } from "../errorPath.js";
import type { SlackAdapter } from "./app.js";
import { renderHome, renderMessage, TIME_CHOICE_ACTION_ID } from "./render.js";
import { SLACK_PLATFORM } from "./users.js";

/**
 * The app's Home tab: published for the person who opens it, and again after
 * each change made there and after each of their drills ends. Its controls
 * are the same commands as typed ones (see homeClick); a drill started there
 * opens in the person's DM with the app, as the Messages tab's drills do.
 */

/** users.conversations pages read for the channels a person is in (Slack suggests at most 200 a page). */
const CHANNELS_PER_PAGE = 200;
const CHANNEL_PAGES_MAX = 10;
const CHECK_THE_HOME: Apology = { kind: "may-be-applied", check: "your Home tab" };
const UNKNOWN_CONTROL = errorView(
  "That control is not one studybot made, or it is from an older version.",
  "This Home tab has been refreshed: try again here.",
);

/**
 * The public and private channels the person is in. With the bot's token
 * Slack lists only the private ones the bot shares, which are the only ones
 * it can post quizzes in anyway.
 */
async function channelsOf(adapter: SlackAdapter, userId: string): Promise<ReadonlySet<string>> {
  const joined = new Set<string>();
  let cursor: string | undefined;
  try {
    for (let page = 0; page < CHANNEL_PAGES_MAX; page++) {
      const listed = await adapter.client.users.conversations({
        user: userId,
        types: "public_channel,private_channel",
        exclude_archived: true,
        limit: CHANNELS_PER_PAGE,
        ...(cursor ? { cursor } : {}),
      });
      for (const channel of listed.channels ?? []) if (channel.id) joined.add(channel.id);
      cursor = listed.response_metadata?.next_cursor;
      if (!cursor) break;
    }
  } catch (error) {
    // Without the list the Home still shows everything else; its quizzes part says none were found.
    adapter.logger.warn({ err: error, userId }, "users.conversations failed; the Home lists no quizzes");
  }
  return joined;
}

/** Publishes the person's Home, with `notice` on top: what their last change there did. */
export async function publishHome(adapter: SlackAdapter, teamId: string, userId: string, notice?: View): Promise<void> {
  const parts = await adapter.services.home.views(SLACK_PLATFORM, teamId, userId, () => channelsOf(adapter, userId));
  await adapter.client.views.publish({ user_id: userId, view: renderHome(notice ? [notice, ...parts] : parts) });
}

/** After something changed what the Home shows (a drill ended): a failure is logged, the change itself stands. */
export async function refreshHome(adapter: SlackAdapter, teamId: string, userId: string): Promise<void> {
  try {
    await publishHome(adapter, teamId, userId);
  } catch (error) {
    adapter.logger.warn({ err: error, userId }, "could not republish the Home tab");
  }
}

/**
 * A click on a Home control (a button's value, or the time picker's block id
 * with the picked time). Forged or stale controls change nothing: the Home
 * is published again under the reason.
 */
export async function handleHomeControl(
  adapter: SlackAdapter,
  body: BlockAction,
  encoded: string,
  pickedTime?: string,
): Promise<void> {
  const teamId = body.team?.id ?? body.user.team_id;
  const userId = body.user.id;
  if (!teamId) return;
  try {
    const clicked = decodeAction(encoded);
    // The time picker carries the time control only, and a button never the time control.
    if (clicked?.kind !== "home" || (clicked.step.op === "time") !== (pickedTime !== undefined)) {
      await publishHome(adapter, teamId, userId, UNKNOWN_CONTROL);
      return;
    }
    const channelId = await adapter.messenger.directChannel(userId);
    const actor = await adapter.users.actor({ teamId, channelId, userId, fallbackName: body.user.name });
    const reply = await homeClick(adapter.services, actor, clicked.step, pickedTime);
    if (clicked.step.op === "drill") {
      // The drill's buttons then work as the Messages tab's do: each click replaces this private message.
      await adapter.client.chat.postEphemeral({ channel: channelId, user: userId, ...renderMessage(reply.view) });
      return;
    }
    await publishHome(adapter, teamId, userId, reply.view);
  } catch (error) {
    adapter.logger.error({ err: error, userId }, "home control failed");
    await publishHome(adapter, teamId, userId, apologyFor(error, CHECK_THE_HOME)).catch((failed: unknown) =>
      adapter.logger.warn({ err: failed, userId }, "could not show the apology on the Home tab"),
    );
  }
}

export function registerHome(app: App, adapter: SlackAdapter): void {
  app.event("app_home_opened", async ({ event, body }) => {
    const teamId = (body as { team_id?: string }).team_id;
    if (event.tab !== "home" || !teamId) return;
    try {
      await publishHome(adapter, teamId, event.user);
    } catch (error) {
      adapter.logger.error({ err: error, userId: event.user }, "could not publish the Home tab");
    }
  });
  app.action<BlockAction>(
    { type: "block_actions", action_id: TIME_CHOICE_ACTION_ID },
    async ({ ack, body, action }) => {
      await ack();
      await adapter.acknowledgements.turn();
      if (action.type !== "timepicker") return;
      await handleHomeControl(adapter, body, action.block_id, action.selected_time ?? undefined);
    },
  );
}
