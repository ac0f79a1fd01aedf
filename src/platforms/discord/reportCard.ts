import {
  type ButtonInteraction,
  type InteractionReplyOptions,
  ComponentType,
  type ModalSubmitInteraction,
  TextInputStyle,
} from "discord.js";
import { encodeAction, type ReportAction } from "../../core/actions.js";
import { clip } from "../../core/clip.js";
import type { ReportForm } from "../../core/flagViews.js";
import { errorView, type View } from "../../core/views.js";
import type { DrillCaller } from "../../services/drillService.js";
import { UserError } from "../../services/ports.js";
import type { Services } from "../../services/services.js";
import { recordOrSayNot } from "../errorPath.js";
import { PRIVATELY, renderView } from "./render.js";

/**
 * "Report card": the click opens a modal whose id is the button's own, so
 * the submission names the same card and is checked again as if new.
 */

const REASON_INPUT = "reason";
/** Discord's limit for a label component's description (the form's title and label are short enough). */
const DESCRIPTION_MAX = 100;

const privately = (view: View): InteractionReplyOptions => renderView(view, PRIVATELY);

/** A forged or stale button, or a reason too long, is the person's to hear about, not a failure to log. */
function refusal(error: unknown): View {
  if (error instanceof UserError) return errorView(error.message, error.hint);
  throw error;
}

/**
 * A click on "Report card" opens the form (or says why the button is refused);
 * the form's submission stores the reason and says so privately, in the first response.
 */
export async function reportCard(
  services: Services,
  caller: () => DrillCaller,
  interaction: ButtonInteraction | ModalSubmitInteraction,
  action: ReportAction,
) {
  if (interaction.isModalSubmit()) {
    const reason = interaction.fields.getTextInputValue(REASON_INPUT);
    const view = await recordOrSayNot(() => services.flags.flagFromForm(caller(), action, reason)).catch(refusal);
    await interaction.reply(privately(view));
    return;
  }
  let form: ReportForm;
  try {
    form = services.flags.formFor(caller(), action);
  } catch (error) {
    await interaction.reply(privately(refusal(error)));
    return;
  }
  await interaction.showModal({
    custom_id: encodeAction(action),
    title: form.title,
    components: [
      {
        type: ComponentType.Label,
        label: form.label,
        description: clip(form.about, DESCRIPTION_MAX),
        component: {
          type: ComponentType.TextInput,
          custom_id: REASON_INPUT,
          style: TextInputStyle.Paragraph,
          required: true,
          max_length: form.maxLength,
        },
      },
    ],
  });
}
