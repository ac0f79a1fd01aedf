import { noticeView } from "../../core/views.js";
import type { Community } from "../../store/communities.js";
import type { Services } from "../services.js";
import type { CommandHandler } from "./types.js";
import { privateReply, UserError } from "../ports.js";

/** Said where `thread` was asked for but the platform has no threads (the terminal). */
export const NO_THREADS_HERE =
  "There are no threads here (they exist on Discord and Slack): results show on the quiz as usual.";

const THREAD_OPEN = "Its discussion thread is open; the results go there too when it closes.";

function threadMissing(services: Services, community: Community): string {
  if (!services.schedules.startsThreads(community)) return NO_THREADS_HERE;
  return "Its thread could not be started (studybot needs Create Public Threads and Send Messages in Threads here): the results show on the quiz as usual.";
}

export const quizNow: CommandHandler<"quiz-now"> = {
  names: ["quiz-now"],
  async run({ services, actor, community }, command) {
    const quiz = await services.quizzes.post({
      community,
      channelId: actor.channelId,
      ...(command.deck ? { deckId: command.deck } : {}),
      ...(command.mode ? { mode: command.mode } : {}),
      windowMinutes: command.window?.kind === "minutes" ? command.window.minutes : services.config.quizWindowMinutes,
      ...(command.thread ? { thread: true } : {}),
    });
    const where = !command.thread ? "" : quiz.threadId ? THREAD_OPEN : threadMissing(services, community);
    return privateReply(
      noticeView("Quiz posted", `Quiz #${quiz.id} is up in this channel.${where ? ` ${where}` : ""}`, "success"),
    );
  },
};

export const quizClose: CommandHandler<"quiz-close"> = {
  names: ["quiz-close"],
  async run({ services, actor, community, now }) {
    const open = services.store.quizzes.findOpenInChannel(community.id, actor.channelId);
    if (!open) throw new UserError("There is no open quiz in this channel.", "Start one with: quiz now");
    await services.quizzes.close(open, now);
    return privateReply(noticeView("Quiz closed", `Quiz #${open.id} is closed and its results are shown.`, "success"));
  },
};
