import type { App, webApi } from "@slack/bolt";
import { letterIndex } from "../../core/question.js";
import type { Logger } from "../../services/ports.js";
import { answerReaction } from "../../services/reactionAnswer.js";
import { CHECK_THE_CHANNEL, recordOrSayNot } from "../errorPath.js";
import type { SlackAdapter } from "./app.js";
import { doneOrApologised } from "./errorPath.js";
import { slackErrorCode } from "./messenger.js";
import { SLACK_PLATFORM } from "./users.js";

/**
 * Reaction answers: the bot offers one letter emoji per option on the quiz
 * message, a person's first letter reaction is their answer, and at close
 * reactions.get catches the ones whose events never arrived.
 */

/**
 * Emoji that show a letter. Workspaces differ in which of these they have,
 * so the bot offers the first set Slack accepts; people may answer with any.
 */
const LETTER_EMOJI_SETS = ["regional_indicator_", "alphabet-white-", "alphabet-yellow-"] as const;
const LETTER_EMOJI = /^(?:regional_indicator_|alphabet-white-|alphabet-yellow-)([a-z])$/;
/** Slack's own 🅰️ and 🅱️, which people reach for first. */
const BLOOD_TYPE_LETTERS = new Set(["a", "b"]);

/** The option a reaction names (0 = A), or undefined for any other emoji. */
export function choiceOfReaction(name: string): number | undefined {
  const base = name.split("::")[0] ?? name; // drop a skin tone suffix
  const letter = LETTER_EMOJI.exec(base)?.[1] ?? (BLOOD_TYPE_LETTERS.has(base) ? base : undefined);
  return letter === undefined ? undefined : letterIndex(letter);
}

export class LetterReactions {
  private setIndex = 0;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
  ) {}

  /** Adds the letters in order (so they read A B C D). A failure leaves the quiz answerable by hand. */
  async offer(channelId: string, ts: string, letters: readonly string[]): Promise<void> {
    for (const letter of letters) {
      for (;;) {
        const prefix = LETTER_EMOJI_SETS[this.setIndex];
        if (!prefix) {
          this.logger.warn({ channelId, ts }, "this workspace has none of the letter emoji; reactions not offered");
          return;
        }
        try {
          await this.client.reactions.add({
            channel: channelId,
            timestamp: ts,
            name: `${prefix}${letter.toLowerCase()}`,
          });
          break;
        } catch (error) {
          const code = slackErrorCode(error);
          if (code === "already_reacted") break;
          if (code === "invalid_name") {
            this.setIndex += 1;
            continue;
          }
          this.logger.warn({ err: error, channelId, ts }, "could not add the letter reactions");
          return;
        }
      }
    }
  }
}

export function registerReactionAnswers(app: App, adapter: SlackAdapter): void {
  app.event("reaction_added", async ({ event, body, context: bolt }) => {
    if (event.user === bolt.botUserId || event.item.type !== "message") return;
    const choice = choiceOfReaction(event.reaction);
    if (choice === undefined) return;
    const { channel, ts } = event.item;
    // No response URL comes with a reaction: the answer, or the apology, is an ephemeral message in its channel.
    await doneOrApologised(adapter, { channelId: channel, userId: event.user }, CHECK_THE_CHANNEL, async () => {
      // Reads, then one transaction: until it commits nothing of the answer is recorded.
      const answer = await recordOrSayNot(() =>
        answerReaction(adapter.services, {
          platform: SLACK_PLATFORM,
          communityId: body.team_id,
          channelId: channel,
          messageId: ts,
          userId: event.user,
          choice,
          userName: async () => (await adapter.users.person(event.user)).name,
        }),
      );
      if (answer) await adapter.messenger.postPrivately(channel, event.user, answer.ack);
    });
  });
}
