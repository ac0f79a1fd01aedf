import type { AnswerMode } from "../core/commands.js";
import type { Direction, Question, QuestionOption } from "../core/question.js";
import type { Db } from "./database.js";

/** A question as posted in a channel, with what the store keeps of its life. */
export interface QuizRecord extends Question {
  id: number;
  communityId: number;
  channelId: string;
  answerMode: AnswerMode;
  nonce: string;
  messageId: string | null;
  /** The quiz's discussion thread, once started (see ChannelMessenger.startThread). */
  threadId: string | null;
  postedAt: Date;
  closesAt: Date | null;
  closedAt: Date | null;
  resultsPostedAt: Date | null;
  answered: number;
  correct: number;
  firstCorrectUserId: number | null;
}

export type NewQuiz = Omit<
  QuizRecord,
  "id" | "messageId" | "threadId" | "closedAt" | "resultsPostedAt" | "answered" | "correct" | "firstCorrectUserId"
>;

interface QuizRow {
  id: number;
  community_id: number;
  channel_id: string;
  deck_id: string;
  card_id: string;
  direction: Direction;
  prompt: string;
  options: string;
  correct_index: number;
  options_in_body: number;
  answer_mode: AnswerMode;
  nonce: string;
  message_id: string | null;
  thread_id: string | null;
  posted_at: number;
  closes_at: number | null;
  closed_at: number | null;
  results_posted_at: number | null;
  answered: number;
  correct: number;
  first_correct_user_id: number | null;
}

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/** What a click needs of the quiz it answers: read on every click, so without the question and its options. */
export type AnswerableQuiz = Pick<
  QuizRecord,
  "id" | "communityId" | "channelId" | "deckId" | "cardId" | "nonce" | "correctIndex" | "closesAt" | "closedAt"
> & { optionCount: number };

const toQuiz = (row: QuizRow): QuizRecord => ({
  id: row.id,
  communityId: row.community_id,
  channelId: row.channel_id,
  deckId: row.deck_id,
  cardId: row.card_id,
  direction: row.direction,
  prompt: row.prompt,
  options: JSON.parse(row.options) as QuestionOption[],
  correctIndex: row.correct_index,
  optionsInBody: row.options_in_body === 1,
  answerMode: row.answer_mode,
  nonce: row.nonce,
  messageId: row.message_id,
  threadId: row.thread_id,
  postedAt: new Date(row.posted_at),
  closesAt: dateOrNull(row.closes_at),
  closedAt: dateOrNull(row.closed_at),
  resultsPostedAt: dateOrNull(row.results_posted_at),
  answered: row.answered,
  correct: row.correct,
  firstCorrectUserId: row.first_correct_user_id,
});

export class QuizRepository {
  private readonly insertQuiz;
  private readonly byId;
  private readonly answerableById;
  private readonly openInChannel;
  private readonly byMessage;
  private readonly setMessage;
  private readonly setThread;
  private readonly close;
  private readonly resultsPosted;
  private readonly toClose;
  private readonly pendingResults;
  private readonly nextClose;
  private readonly countAnswer;
  private readonly correctOf;
  private readonly remove;
  private readonly lastCard;

  constructor(db: Db) {
    this.insertQuiz = db.prepare(
      `INSERT INTO quizzes (community_id, channel_id, deck_id, card_id, direction, prompt, options, correct_index,
         options_in_body, answer_mode, nonce, posted_at, closes_at)
       VALUES (@communityId, @channelId, @deckId, @cardId, @direction, @prompt, @options, @correctIndex,
         @optionsInBody, @answerMode, @nonce, @postedAt, @closesAt)`,
    );
    this.byId = db.prepare<[number], QuizRow>("SELECT * FROM quizzes WHERE id = ?");
    this.answerableById = db.prepare<
      [number],
      Pick<
        QuizRow,
        | "id"
        | "community_id"
        | "channel_id"
        | "deck_id"
        | "card_id"
        | "nonce"
        | "correct_index"
        | "closes_at"
        | "closed_at"
      > & {
        option_count: number;
      }
    >(
      `SELECT id, community_id, channel_id, deck_id, card_id, nonce, correct_index, closes_at, closed_at,
              json_array_length(options) AS option_count
       FROM quizzes WHERE id = ?`,
    );
    this.openInChannel = db.prepare<[number, string], QuizRow>(
      "SELECT * FROM quizzes WHERE community_id = ? AND channel_id = ? AND closed_at IS NULL",
    );
    this.byMessage = db.prepare<[string], QuizRow>("SELECT * FROM quizzes WHERE message_id = ?");
    this.setMessage = db.prepare("UPDATE quizzes SET message_id = ? WHERE id = ?");
    this.setThread = db.prepare("UPDATE quizzes SET thread_id = ? WHERE id = ?");
    this.close = db.prepare("UPDATE quizzes SET closed_at = ? WHERE id = ? AND closed_at IS NULL");
    this.resultsPosted = db.prepare("UPDATE quizzes SET results_posted_at = ? WHERE id = ?");
    this.toClose = db.prepare<[number], QuizRow>(
      "SELECT * FROM quizzes WHERE closed_at IS NULL AND closes_at <= ? ORDER BY closes_at",
    );
    this.pendingResults = db.prepare<[], QuizRow>(
      "SELECT * FROM quizzes WHERE results_posted_at IS NULL AND closed_at IS NOT NULL ORDER BY closed_at",
    );
    this.nextClose = db.prepare<[], { at: number | null }>(
      "SELECT MIN(closes_at) AS at FROM quizzes WHERE closed_at IS NULL",
    );
    this.countAnswer = db.prepare(
      `UPDATE quizzes SET answered = answered + 1, correct = correct + @correct,
         first_correct_user_id = CASE WHEN @correct = 1 AND first_correct_user_id IS NULL THEN @userId
                                      ELSE first_correct_user_id END
       WHERE id = @quizId`,
    );
    this.correctOf = db.prepare<[number], number>("SELECT correct FROM quizzes WHERE id = ?").pluck();
    this.remove = db.prepare("DELETE FROM quizzes WHERE id = ?");
    this.lastCard = db.prepare<[number, string, string], { card_id: string }>(
      `SELECT card_id FROM quizzes WHERE community_id = ? AND channel_id = ? AND deck_id = ?
       ORDER BY posted_at DESC, id DESC LIMIT 1`,
    );
  }

  insert(quiz: NewQuiz): QuizRecord {
    const { lastInsertRowid } = this.insertQuiz.run({
      ...quiz,
      options: JSON.stringify(quiz.options),
      optionsInBody: quiz.optionsInBody ? 1 : 0,
      postedAt: quiz.postedAt.getTime(),
      closesAt: quiz.closesAt?.getTime() ?? null,
    });
    return this.get(Number(lastInsertRowid)) as QuizRecord;
  }

  get(id: number): QuizRecord | undefined {
    const row = this.byId.get(id);
    return row ? toQuiz(row) : undefined;
  }

  /** The quiz as answering sees it (its JSON options counted by SQLite, not parsed): about half the cost of get(). */
  answerable(id: number): AnswerableQuiz | undefined {
    const row = this.answerableById.get(id);
    return row
      ? {
          id: row.id,
          communityId: row.community_id,
          channelId: row.channel_id,
          deckId: row.deck_id,
          cardId: row.card_id,
          nonce: row.nonce,
          correctIndex: row.correct_index,
          closesAt: dateOrNull(row.closes_at),
          closedAt: dateOrNull(row.closed_at),
          optionCount: row.option_count,
        }
      : undefined;
  }

  findOpenInChannel(communityId: number, channelId: string): QuizRecord | undefined {
    const row = this.openInChannel.get(communityId, channelId);
    return row ? toQuiz(row) : undefined;
  }

  findByMessage(messageId: string): QuizRecord | undefined {
    const row = this.byMessage.get(messageId);
    return row ? toQuiz(row) : undefined;
  }

  attachMessage(id: number, messageId: string): void {
    this.setMessage.run(messageId, id);
  }

  attachThread(id: number, threadId: string): void {
    this.setThread.run(threadId, id);
  }

  /** True only for the caller that actually closed it, so results are published once. */
  markClosed(id: number, at: Date): boolean {
    return this.close.run(at.getTime(), id).changes === 1;
  }

  markResultsPosted(id: number, at: Date): void {
    this.resultsPosted.run(at.getTime(), id);
  }

  dueToClose(now: Date): QuizRecord[] {
    return this.toClose.all(now.getTime()).map(toQuiz);
  }

  closedWithoutResults(): QuizRecord[] {
    return this.pendingResults.all().map(toQuiz);
  }

  nextCloseTime(): Date | null {
    return dateOrNull(this.nextClose.get()?.at ?? null);
  }

  countAnswerOf(quizId: number, userId: number, correct: boolean): void {
    this.countAnswer.run({ quizId, userId, correct: correct ? 1 : 0 });
  }

  /** Right answers so far: the speed bonus of the next right one depends on it. */
  correctAnswers(quizId: number): number {
    return this.correctOf.get(quizId) ?? 0;
  }

  /** Forgets a quiz that never reached its channel, so nobody can answer a question nobody saw. */
  delete(id: number): void {
    this.remove.run(id);
  }

  lastCardIn(communityId: number, channelId: string, deckId: string): string | undefined {
    return this.lastCard.get(communityId, channelId, deckId)?.card_id;
  }
}
