import { type AnswerOutcome, answerAckView } from "../core/quizViews.js";
import type { View } from "../core/views.js";
import type { Community } from "../store/communities.js";
import type { QuizRecord } from "../store/quizzes.js";
import type { Services } from "./services.js";

/** A letter reaction, translated by the adapter from its platform's event. */
export interface LetterReaction {
  platform: string;
  /** The platform's id of the workspace or server. */
  communityId: string;
  channelId: string;
  messageId: string;
  /** The platform's id of the person who reacted. */
  userId: string;
  /** The option the letter names (0 = A). */
  choice: number;
  /**
   * The person's display name. Asked only once the message is known to be a
   * quiz taking reactions: looking people up for every emoji on every message
   * would cost an API call each and tell us nothing.
   */
  userName: () => Promise<string>;
}

export interface ReactionAnswer {
  outcome: AnswerOutcome;
  /** The private acknowledgement, for platforms that can send one. */
  ack: View;
}

/**
 * A letter reaction as an answer, on any platform. The quiz is looked up
 * first: a reaction on any other message (or on a button quiz, in another
 * channel, naming no option) is just a reaction, so nothing is written, the
 * name is not asked for, and the result is undefined.
 */
export async function answerReaction(
  services: Services,
  reaction: LetterReaction,
): Promise<ReactionAnswer | undefined> {
  const target = reactionQuiz(services, reaction);
  if (!target) return undefined;
  const { quiz, community } = target;
  const userName = await reaction.userName();
  const now = services.clock.now();
  const outcome = services.store.transaction(() => {
    const member = services.store.users.ensure(community.id, reaction.userId, userName);
    return services.quizzes.answer({
      quizId: quiz.id,
      nonce: quiz.nonce,
      community,
      channelId: reaction.channelId,
      member,
      choice: reaction.choice,
    });
  });
  return { outcome, ack: answerAckView(outcome, community.timeZone, now) };
}

/** The reaction-mode quiz posted as this message, where the reaction was made; reads only. */
function reactionQuiz(
  services: Services,
  reaction: LetterReaction,
): { quiz: QuizRecord; community: Community } | undefined {
  const { quizzes, communities } = services.store;
  const quiz = quizzes.findByMessage(reaction.messageId);
  if (quiz?.answerMode !== "reactions" || quiz.channelId !== reaction.channelId) return undefined;
  if (reaction.choice < 0 || reaction.choice >= quiz.options.length) return undefined;
  const community = communities.get(quiz.communityId);
  if (community?.platform !== reaction.platform || community.externalId !== reaction.communityId) return undefined;
  return { quiz, community };
}
