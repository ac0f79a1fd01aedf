import type { App, RespondArguments, RespondFn } from "@slack/bolt";
import { type DrillAction, decodeAction, encodeAction } from "../../core/actions.js";
import type { View } from "../../core/views.js";
import { enrolActor } from "../../services/commandRouter.js";
import type { Actor } from "../../services/ports.js";
import { CHECK_THE_CHANNEL, recordOrSayNot } from "../errorPath.js";
import type { SlackAdapter } from "./app.js";
import { type Asker, doneOrApologised } from "./errorPath.js";
import { refreshHome } from "./home.js";
import { renderMessage, renderTextInputModal } from "./render.js";
import { submittedFrom } from "./users.js";

/**
 * Private drills on Slack: the drill is an ephemeral message that each click
 * replaces through its response URL; a type-mode card opens a modal for the
 * typed term, and the verdict replaces the drill message the same way.
 */

const TYPED_ANSWER = { callbackId: "studybot-drill-typed", blockId: "typed", actionId: "term" } as const;

/** What the modal carries to its submission: the card it answers and where the drill message is. */
interface TypedAnswerContext {
  action: string;
  responseUrl: string;
  channelId: string;
}

const replacing = (view: View): RespondArguments => ({
  response_type: "ephemeral",
  replace_original: true,
  ...renderMessage(view),
});

/** True when the view still asks for the typed answer the click was for (a stale click gets the current card instead). */
function asksToType(view: View, clicked: DrillAction): boolean {
  return view.buttons.flat().some((button) => {
    const action = decodeAction(button.action);
    return (
      action?.kind === "drill" &&
      action.step.op === "type" &&
      action.sessionId === clicked.sessionId &&
      action.position === clicked.position
    );
  });
}

/** The Home tab counts what is due: the step that ended a drill republishes it. */
async function refreshHomeIfEnded(adapter: SlackAdapter, actor: Actor, sessionId: number, wasOpen: boolean) {
  if (wasOpen && !adapter.services.drills.isOpen(sessionId))
    await refreshHome(adapter, actor.communityId, actor.userId);
}

export async function handleDrillClick(
  adapter: SlackAdapter,
  actor: Actor,
  action: DrillAction,
  click: { respond: RespondFn; responseUrl: string; triggerId: string; onEphemeral: boolean },
): Promise<void> {
  const wasOpen = adapter.services.drills.isOpen(action.sessionId);
  const shown = await recordOrSayNot(() => adapter.services.drills.act(enrolActor(adapter.services, actor), action));
  if (action.step.op !== "type" || !asksToType(shown, action)) {
    // Only the learner sees their ephemeral drill message, so it is replaced. A drill button value on a message
    // others see (a replayed payload) must not replace that message: the answer goes privately.
    await click.respond(
      click.onEphemeral
        ? replacing(shown)
        : { response_type: "ephemeral", replace_original: false, ...renderMessage(shown) },
    );
    await refreshHomeIfEnded(adapter, actor, action.sessionId, wasOpen);
    return;
  }
  const carried: TypedAnswerContext = {
    action: encodeAction(action),
    responseUrl: click.responseUrl,
    channelId: actor.channelId,
  };
  await adapter.client.views.open({
    trigger_id: click.triggerId,
    view: renderTextInputModal(shown, {
      ...TYPED_ANSWER,
      privateMetadata: JSON.stringify(carried),
      title: "Type the term",
      submitLabel: "Check",
      label: "The term",
      maxLength: 200,
    }),
  });
}

function carriedContext(metadata: string): TypedAnswerContext | undefined {
  try {
    const parsed = JSON.parse(metadata) as Partial<TypedAnswerContext>;
    const { action, responseUrl, channelId } = parsed;
    return typeof action === "string" && typeof responseUrl === "string" && typeof channelId === "string"
      ? { action, responseUrl, channelId }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The response URL of the drill message, for the verdict (Bolt's respond() exists
 * only inside the click). It comes back in the modal's private_metadata, which
 * Slack keeps on its side: a submission cannot point it elsewhere.
 */
async function respondTo(responseUrl: string, message: RespondArguments): Promise<void> {
  const response = await fetch(responseUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(message),
  });
  if (!response.ok) throw new Error(`the drill message's response URL answered ${response.status}`);
}

export function registerTypedAnswers(app: App, adapter: SlackAdapter): void {
  app.view(TYPED_ANSWER.callbackId, async ({ ack, body, view }) => {
    // Closes the modal; the verdict appears in the drill message.
    await ack();
    const carried = carriedContext(view.private_metadata);
    const action = carried ? decodeAction(carried.action) : undefined;
    const teamId = body.team?.id ?? body.user.team_id;
    if (!carried || action?.kind !== "drill" || !teamId) {
      adapter.logger.warn({ callbackId: view.callback_id }, "typed drill answer without a drill to answer");
      return;
    }
    const typed = view.state.values[TYPED_ANSWER.blockId]?.[TYPED_ANSWER.actionId]?.value ?? "";
    const asker: Asker = {
      channelId: carried.channelId,
      userId: body.user.id,
      respond: (message) => respondTo(carried.responseUrl, message),
    };
    await doneOrApologised(adapter, asker, CHECK_THE_CHANNEL, async () => {
      const actor = await adapter.users.actor(submittedFrom(body, teamId, carried.channelId));
      const wasOpen = adapter.services.drills.isOpen(action.sessionId);
      const verdict = await recordOrSayNot(() =>
        adapter.services.drills.answerTyped(enrolActor(adapter.services, actor), action, typed),
      );
      try {
        await respondTo(carried.responseUrl, replacing(verdict));
      } catch (error) {
        // A response URL lasts 30 minutes; after a long pause over the form the verdict comes as a new private message.
        adapter.logger.warn({ err: error }, "could not replace the drill message; sending the verdict anew");
        await adapter.messenger.postPrivately(carried.channelId, actor.userId, verdict);
      }
      await refreshHomeIfEnded(adapter, actor, action.sessionId, wasOpen);
    });
  });
}
