import {
  type ButtonInteraction,
  ComponentType,
  MessageFlags,
  type ModalSubmitInteraction,
  TextInputStyle,
} from "discord.js";
import { type DrillAction, encodeAction } from "../../core/actions.js";
import type { DrillCaller } from "../../services/drillService.js";
import type { Services } from "../../services/services.js";
import { recordOrSayNot } from "../errorPath.js";
import { PRIVATELY, renderView } from "./render.js";

/**
 * Drills live in one ephemeral message per learner: each click updates that
 * message in place with the service's next view. Type mode asks for the term
 * in a modal whose id carries the same claim as the button that opened it.
 */

const TERM_INPUT = "term";
/** Terms are short labels (the deck schema keeps them within 80 characters); a little slack for typos. */
const TERM_MAX_LENGTH = 100;

/** `caller` names the learner: from the server and member in a channel, from the drill itself in a private message. */
export async function drillClick(
  services: Services,
  caller: () => DrillCaller,
  interaction: ButtonInteraction,
  action: DrillAction,
) {
  if (action.step.op === "type") {
    await interaction.showModal({
      custom_id: encodeAction(action),
      title: "Type the term",
      components: [
        {
          type: ComponentType.Label,
          label: "The term on the front of the card",
          component: {
            type: ComponentType.TextInput,
            custom_id: TERM_INPUT,
            style: TextInputStyle.Short,
            required: true,
            max_length: TERM_MAX_LENGTH,
          },
        },
      ],
    });
    return;
  }
  const view = await recordOrSayNot(() => services.drills.act(caller(), action));
  // Only its learner sees an ephemeral drill message, so it is updated in place. A drill id clicked on a
  // message others see (replayed or forged there) must not change that message: the answer goes privately.
  if (interaction.message.flags.has(MessageFlags.Ephemeral)) await interaction.update(renderView(view));
  else await interaction.reply(renderView(view, PRIVATELY));
}

/** The typed term (from the modal of a "Type the term" button), graded by the drill service. */
export async function drillTyped(
  services: Services,
  caller: () => DrillCaller,
  interaction: ModalSubmitInteraction,
  claim: DrillAction,
) {
  const typed = interaction.fields.getTextInputValue(TERM_INPUT);
  const view = await recordOrSayNot(() => services.drills.answerTyped(caller(), claim, typed));
  // The drill message is updated in place; a modal without one (never opened by studybot) gets a private reply.
  if (interaction.isFromMessage()) await interaction.update(renderView(view));
  else await interaction.reply(renderView(view, PRIVATELY));
}
