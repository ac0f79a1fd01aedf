import type { RespondArguments } from "@slack/bolt";
import type { Apology } from "../../core/apologies.js";
import type { View } from "../../core/views.js";
import { UserError } from "../../services/ports.js";
import { apologyFor } from "../errorPath.js";
import type { SlackAdapter } from "./app.js";
import { renderMessage } from "./render.js";

/** Who made a request, where, and how a private answer reaches them. */
export interface Asker {
  channelId: string;
  userId: string;
  /**
   * The request's response URL, when its answers go there: it reaches channels
   * and DMs the bot is not a member of. Without it, an ephemeral message in the channel.
   */
  respond?: (message: RespondArguments) => Promise<unknown>;
}

/**
 * Slack's side of the one error path, for the work that follows an
 * acknowledgement. Once acknowledged, Slack shows the person no error, so
 * without a word here they would believe their input counted: a failure is
 * answered privately, "not recorded" when known undone, else `otherwise` (may
 * have been applied, and where to check). A refusal (UserError: a stale
 * button, a quiz still open) is answered the same way but is no failure of
 * the bot's, so it is not logged as one. The listener then returns normally,
 * so the process keeps serving.
 */
export async function doneOrApologised(
  adapter: SlackAdapter,
  asker: Asker,
  otherwise: Apology,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const { channelId, userId } = asker;
    if (!(error instanceof UserError)) {
      adapter.logger.error({ err: error, channelId, userId }, "slack request failed after its ack");
    }
    await answerPrivately(adapter, asker, apologyFor(error, otherwise));
  }
}

async function answerPrivately(adapter: SlackAdapter, asker: Asker, view: View): Promise<void> {
  if (asker.respond) {
    try {
      // A new message: a drill message the failure came from keeps its buttons, to try again.
      await asker.respond({ response_type: "ephemeral", replace_original: false, ...renderMessage(view) });
      return;
    } catch (error) {
      // The failure may have been this very response URL (expired, refused): the channel is the other way.
      adapter.logger.warn({ err: error, channelId: asker.channelId }, "could not apologise through the response URL");
    }
  }
  await adapter.messenger.postPrivately(asker.channelId, asker.userId, view);
}
