import type { App, RespondFn } from "@slack/bolt";
import { decodeAction, encodeAction, type ReportAction } from "../../core/actions.js";
import { checkReason } from "../../core/grammar.js";
import { errorView, text, view } from "../../core/views.js";
import { enrolActor } from "../../services/commandRouter.js";
import { type Actor, UserError } from "../../services/ports.js";
import { CHECK_THE_CHANNEL, recordOrSayNot } from "../errorPath.js";
import type { SlackAdapter } from "./app.js";
import { doneOrApologised } from "./errorPath.js";
import { renderMessage, renderTextInputModal } from "./render.js";
import { submittedFrom } from "./users.js";

/**
 * "Report card" on Slack: the click opens a modal (views.open) asking why;
 * its submission is checked (the reason's length shown beside the box) and
 * stored, and the thanks come privately in the channel of the click.
 */

const REPORT_FORM = { callbackId: "studybot-report-card", blockId: "reason", actionId: "reason" } as const;

/** What the modal carries to its submission: the button's id and the channel it was clicked in. */
interface ReportContext {
  action: string;
  channelId: string;
}

export async function openReportForm(
  adapter: SlackAdapter,
  actor: Actor,
  action: ReportAction,
  click: { triggerId: string; respond: RespondFn },
): Promise<void> {
  let form: ReturnType<SlackAdapter["services"]["flags"]["formFor"]>;
  try {
    form = adapter.services.flags.formFor(enrolActor(adapter.services, actor), action);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    await click.respond({
      response_type: "ephemeral",
      replace_original: false,
      ...renderMessage(errorView(error.message, error.hint)),
    });
    return;
  }
  const carried: ReportContext = { action: encodeAction(action), channelId: actor.channelId };
  await adapter.client.views.open({
    trigger_id: click.triggerId,
    view: renderTextInputModal(view(form.title, "info", [text("Card: ", { strong: form.about })]), {
      ...REPORT_FORM,
      privateMetadata: JSON.stringify(carried),
      title: form.title,
      submitLabel: "Report",
      label: form.label,
      maxLength: form.maxLength,
      multiline: true,
    }),
  });
}

function carriedContext(metadata: string): { action: ReportAction; channelId: string } | undefined {
  try {
    const { action, channelId } = JSON.parse(metadata) as Partial<ReportContext>;
    const decoded = typeof action === "string" ? decodeAction(action) : undefined;
    return decoded?.kind === "report" && typeof channelId === "string" ? { action: decoded, channelId } : undefined;
  } catch {
    return undefined;
  }
}

export function registerReportForm(app: App, adapter: SlackAdapter): void {
  app.view(REPORT_FORM.callbackId, async ({ ack, body, view: submitted }) => {
    const carried = carriedContext(submitted.private_metadata);
    const teamId = body.team?.id ?? body.user.team_id;
    const typed = submitted.state.values[REPORT_FORM.blockId]?.[REPORT_FORM.actionId]?.value ?? "";
    const reason = checkReason(typed);
    // Said beside the box, so the member can shorten it without typing it again.
    if (!reason.ok) {
      await ack({ response_action: "errors", errors: { [REPORT_FORM.blockId]: reason.error } });
      return;
    }
    await ack();
    if (!carried || !teamId) {
      adapter.logger.warn({ callbackId: submitted.callback_id }, "card report without its card");
      return;
    }
    const asker = { channelId: carried.channelId, userId: body.user.id };
    await doneOrApologised(adapter, asker, CHECK_THE_CHANNEL, async () => {
      const actor = await adapter.users.actor(submittedFrom(body, teamId, carried.channelId));
      const thanks = await recordOrSayNot(() =>
        adapter.services.flags.flagFromForm(enrolActor(adapter.services, actor), carried.action, reason.value),
      );
      await adapter.messenger.postPrivately(carried.channelId, actor.userId, thanks);
    });
  });
}
