import type { App, types } from "@slack/bolt";
import { mayBeAppliedAfter } from "../errorPath.js";
import type { SlackAdapter } from "./app.js";
import { type Respond, runCommandLine } from "./commands.js";
import { type Asker, doneOrApologised } from "./errorPath.js";

/** What Slack gives a direct message to the app; its own posts and edits carry a bot id or a subtype. */
interface DirectMessage {
  channel: string;
  channel_type?: string;
  user?: string;
  text?: string;
  subtype?: string;
  bot_id?: string;
}

/** A line that long is not a command; a paste that size would only be echoed back. */
const LINE_MAX_CHARS = 500;

/**
 * The app's Messages tab: a line typed there is the same command line as
 * `/study …`, answered privately in that conversation. Drills, stats and
 * `me` so work in the app's DM. Only messages people type count: the app's
 * own posts, edits and joins come as events too and are ignored.
 */
export function registerMessagesTab(app: App, adapter: SlackAdapter): void {
  app.message(async ({ message, body }) => {
    const typed = message as DirectMessage;
    const teamId = (body as { team_id?: string }).team_id;
    if (typed.channel_type !== "im" || typed.subtype !== undefined || typed.bot_id || !typed.user || !teamId) return;
    const userId = typed.user;
    const line = (typed.text ?? "")
      .trim()
      .replace(/^\/study\s*/i, "")
      .slice(0, LINE_MAX_CHARS);
    // No response URL comes with a message: answers are posted privately in the conversation.
    const respond: Respond = async (reply) => {
      const { text, blocks } = reply as { text?: string; blocks?: types.KnownBlock[] };
      await adapter.client.chat.postEphemeral({
        channel: typed.channel,
        user: userId,
        text: text ?? "",
        ...(blocks ? { blocks } : {}),
      });
    };
    const asker: Asker = { channelId: typed.channel, userId, respond };
    await doneOrApologised(adapter, asker, mayBeAppliedAfter(line), async () => {
      const actor = await adapter.users.actor({ teamId, channelId: typed.channel, userId });
      await runCommandLine(adapter, actor, line, respond);
    });
  });
}
