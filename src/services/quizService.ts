import type { AnswerMode, CardChoice, PingGroup } from "../core/commands.js";
import { chooseByRotation, chooseWeakest } from "../core/cardChoice.js";
import type { Deck } from "../core/deck.js";
import { buildQuestion, directionsFor, pickDirection } from "../core/question.js";
import {
  type AnswerOutcome,
  type QuizResults,
  type QuizSnapshot,
  questionView,
  resultView,
} from "../core/quizViews.js";
import type { View } from "../core/views.js";
import { RetryBackoff } from "../core/retryBackoff.js";
import { pointsForAnswer } from "../core/scoring.js";
import { liveStreak } from "../core/streaks.js";
import { localDay } from "../core/studyDay.js";
import type { Community } from "../store/communities.js";
import type { Store } from "../store/index.js";
import type { AnswerableQuiz, QuizRecord } from "../store/quizzes.js";
import type { Member } from "../store/users.js";
import {
  type ChannelMessenger,
  type Clock,
  type Logger,
  MessageGoneError,
  messengerServing,
  PostRefusedError,
  type Randomness,
  UserError,
} from "./ports.js";
import type { AnswerSettlement } from "./answerSettlement.js";
import type { DeckLibrary } from "./deckLibrary.js";

export interface QuizServiceDeps {
  store: Store;
  decks: DeckLibrary;
  clock: Clock;
  randomness: Randomness;
  messengers: ReadonlyMap<string, ChannelMessenger>;
  logger: Logger;
  settlement: AnswerSettlement;
}

export interface PostQuizRequest {
  community: Community;
  channelId: string;
  deckId?: string;
  mode?: AnswerMode;
  /** Minutes the quiz stays open; null keeps it open until closed or replaced. */
  windowMinutes: number | null;
  choice?: CardChoice;
  /** Start a discussion thread on the quiz, where its results go too. */
  thread?: boolean;
  /** The one group the post mentions. */
  ping?: PingGroup;
}

/** Channel quizzes: post, answer, close and publish results. */
export class QuizService {
  private readonly postedListeners = new Set<(quiz: QuizRecord) => void>();
  /** A failed results edit is retried at the next housekeeping tick, then ever more rarely, 10 times in about 4 h. */
  private readonly resultRetries = new RetryBackoff({ firstDelayMs: 60_000, maxDelayMs: 3_600_000, maxFailures: 10 });

  constructor(private readonly deps: QuizServiceDeps) {}

  /** Told of every posted quiz (the scheduler arms its close timer); returns the unsubscribe. */
  onPosted(listener: (quiz: QuizRecord) => void): () => void {
    this.postedListeners.add(listener);
    return () => this.postedListeners.delete(listener);
  }

  /** Posts a new question in the channel, closing the one still open there first. */
  async post(request: PostQuizRequest): Promise<QuizRecord> {
    const { store, clock, randomness, settlement } = this.deps;
    const messenger = this.messengerFor(request.community);
    // Weakest-first reads the cards' accuracy: the answers of the quiz just closed count. A schedule posts
    // maybe amid a burst of clicks on another quiz: they are answered between the chunks.
    const settling = settlement.settleInTurns();
    if (settling) await settling;
    const deck = this.askableDeck(request.community, request.deckId);
    const now = clock.now();
    const { quiz, replaced } = store.transaction(() => {
      const open = store.quizzes.findOpenInChannel(request.community.id, request.channelId);
      const replaced = open && store.quizzes.markClosed(open.id, now) ? open : undefined;
      const card = this.chooseCard(request, deck);
      const question = buildQuestion(deck, card, pickDirection(deck, card, randomness.rng), randomness.rng);
      const quiz = store.quizzes.insert({
        communityId: request.community.id,
        channelId: request.channelId,
        deckId: deck.id,
        cardId: card.id,
        direction: question.direction,
        prompt: question.prompt,
        options: question.options,
        correctIndex: question.correctIndex,
        optionsInBody: question.optionsInBody,
        answerMode: request.mode ?? "buttons",
        nonce: randomness.nonce(),
        postedAt: now,
        closesAt: request.windowMinutes === null ? null : new Date(now.getTime() + request.windowMinutes * 60_000),
      });
      return { quiz, replaced };
    });
    if (replaced) await this.publishResults(replaced);
    try {
      const posted = await messenger.post(
        quiz.channelId,
        questionView(this.snapshot(quiz), request.community.timeZone, now),
        request.ping ? { ping: request.ping } : undefined,
      );
      store.quizzes.attachMessage(quiz.id, posted.messageId);
      const threadId = request.thread ? await this.startThread(messenger, quiz, posted.messageId) : null;
      const live = { ...quiz, messageId: posted.messageId, threadId };
      for (const listener of this.postedListeners) listener(live);
      return live;
    } catch (error) {
      store.quizzes.delete(quiz.id);
      this.deps.logger.warn({ err: error, quizId: quiz.id, channelId: quiz.channelId }, "could not post quiz");
      if (error instanceof PostRefusedError) throw new UserError(error.message);
      throw new UserError("The quiz could not be posted in this channel. Check the bot's permissions and try again.");
    }
  }

  /** A thread that cannot be started leaves the quiz as it is: answers and results do not need it. */
  private async startThread(messenger: ChannelMessenger, quiz: QuizRecord, messageId: string): Promise<string | null> {
    if (!messenger.startThread) return null;
    try {
      const threadId = await messenger.startThread(quiz.channelId, messageId, threadTopic(quiz.prompt));
      this.deps.store.quizzes.attachThread(quiz.id, threadId);
      return threadId;
    } catch (error) {
      this.deps.logger.warn({ err: error, quizId: quiz.id }, "could not start the quiz's thread");
      return null;
    }
  }

  /** The deck without the cards an admin skipped (`deck skip`); refused when that leaves none to ask. */
  private askableDeck(community: Community, deckId: string | undefined): Deck {
    const full = this.deps.decks.resolve(community, deckId);
    const deck = this.deps.decks.askable(community.id, full);
    if (deck.cards.length < full.cards.length && !deck.cards.some((card) => directionsFor(deck, card).length > 0)) {
      throw new UserError(
        `Deck "${full.id}" has too few cards left to ask: ${full.cards.length - deck.cards.length} are skipped.`,
        `deck unskip ${full.id} <card> brings one back; deck flags lists the reported ones.`,
      );
    }
    return deck;
  }

  private chooseCard(request: PostQuizRequest, deck: Deck) {
    const { store, randomness } = this.deps;
    const askable = deck.cards.filter((card) => directionsFor(deck, card).length > 0);
    if (askable.length === 0) throw new UserError(`Deck "${deck.id}" has too few cards to make a question.`);
    const ids = askable.map((card) => card.id);
    const last = store.quizzes.lastCardIn(request.community.id, request.channelId, deck.id);
    let cardId: string;
    let startsNewCycle = false;
    if (request.choice === "weakest") {
      cardId = chooseWeakest(ids, store.cards.accuracyByCard(request.community.id, deck.id), randomness.rng, last);
    } else {
      const used = store.cards.usedThisCycle(request.community.id, request.channelId, deck.id);
      ({ cardId, startsNewCycle } = chooseByRotation(ids, used, randomness.rng, last));
    }
    store.cards.markAsked(request.community.id, request.channelId, deck.id, cardId, startsNewCycle);
    return askable.find((card) => card.id === cardId) ?? (askable[0] as (typeof askable)[number]);
  }

  /**
   * Records one person's answer. The first answer is final (the answers key
   * enforces it even between two processes); the quiz's counts change in the
   * same transaction, and the leaderboard totals, streak, memory and card
   * accuracy once the clicks pause (AnswerSettlement).
   */
  answer(input: {
    quizId: number;
    nonce?: string;
    community: Community;
    channelId?: string;
    member: Member;
    choice: number;
  }): AnswerOutcome {
    const { store, clock } = this.deps;
    const now = clock.now();
    return store.transaction((): AnswerOutcome => {
      const quiz = store.quizzes.answerable(input.quizId);
      if (!quiz || (input.nonce !== undefined && quiz.nonce !== input.nonce)) return { status: "not-found" };
      if (input.choice < 0 || input.choice >= quiz.optionCount) return { status: "not-found" };
      if (quiz.communityId !== input.community.id) return { status: "not-found" };
      if (input.channelId !== undefined && quiz.channelId !== input.channelId) return { status: "wrong-channel" };
      const closedAt = quiz.closedAt ?? (quiz.closesAt && quiz.closesAt <= now ? quiz.closesAt : null);
      if (closedAt) return { status: "closed", closedAt };
      return this.record(quiz, input.community, input.member, input.choice, now);
    });
  }

  /** Writes an answer already checked against the quiz; call inside a transaction. */
  private record(
    quiz: Pick<AnswerableQuiz, "id" | "deckId" | "cardId" | "correctIndex" | "closesAt">,
    community: Community,
    member: Member,
    choice: number,
    at: Date,
  ): AnswerOutcome {
    const { store } = this.deps;
    // Read inside the transaction: the speed bonus depends on how many were right before this one
    // (reactions reconciled at close are recorded one after another on the same quiz record).
    const correct = choice === quiz.correctIndex;
    const points = pointsForAnswer(correct, store.quizzes.correctAnswers(quiz.id));
    const inserted = store.answers.insert({
      quizId: quiz.id,
      userId: member.id,
      choice,
      correct,
      points,
      answeredAt: at,
    });
    if (!inserted) {
      return { status: "already-answered", choice: store.answers.find(quiz.id, member.id)?.choice ?? 0 };
    }
    store.quizzes.countAnswerOf(quiz.id, member.id, correct);
    const { deckId, cardId } = quiz;
    this.deps.settlement.answered({
      quizId: quiz.id,
      deckId,
      cardId,
      community,
      member,
      correct,
      points,
      answeredAt: at,
    });
    return { status: "recorded", choice, correct, points, closesAt: quiz.closesAt };
  }

  /** Answers whatever quiz is open in the channel: typed letters in the terminal. */
  answerInChannel(input: { community: Community; channelId: string; member: Member; choice: number }): AnswerOutcome {
    const open = this.deps.store.quizzes.findOpenInChannel(input.community.id, input.channelId);
    if (!open) return { status: "no-open-quiz" };
    return this.answer({ ...input, quizId: open.id, nonce: open.nonce });
  }

  /** Closes the quiz (once, whoever asks first) and publishes its results. */
  async close(quiz: QuizRecord, at: Date = this.deps.clock.now()): Promise<boolean> {
    if (quiz.answerMode === "reactions") await this.reconcileReactions(quiz, at);
    if (!this.deps.store.quizzes.markClosed(quiz.id, at)) return false;
    await this.publishResults({ ...quiz, closedAt: at });
    return true;
  }

  /**
   * Counts reactions the bot did not see as events (it was offline, or an
   * event was lost). People who already answered keep their first answer.
   */
  private async reconcileReactions(quiz: QuizRecord, at: Date): Promise<void> {
    const { store, logger } = this.deps;
    const community = store.communities.get(quiz.communityId);
    const messenger = community ? this.deps.messengers.get(community.platform) : undefined;
    if (!community || !quiz.messageId || !messenger?.readReactionVotes) return;
    let votes: Awaited<ReturnType<NonNullable<ChannelMessenger["readReactionVotes"]>>>;
    try {
      votes = await messenger.readReactionVotes(quiz.channelId, quiz.messageId);
    } catch (error) {
      logger.warn({ err: error, quizId: quiz.id }, "could not read reactions at close");
      return;
    }
    store.transaction(() => {
      const fresh = store.quizzes.get(quiz.id);
      if (!fresh || fresh.closedAt) return;
      for (const vote of votes) {
        if (vote.choice < 0 || vote.choice >= fresh.options.length) continue;
        const member = store.users.ensure(community.id, vote.userId, vote.userName);
        this.record(fresh, community, member, vote.choice, at);
      }
    });
  }

  /** Closes every quiz whose window has ended. The close time is the window's end, not the moment we noticed. */
  async closeDue(): Promise<number> {
    const now = this.deps.clock.now();
    let closed = 0;
    for (const quiz of this.deps.store.quizzes.dueToClose(now)) {
      if (!this.isConnected(quiz)) continue;
      if (await this.close(quiz, quiz.closesAt ?? now)) closed++;
    }
    return closed;
  }

  /** Results whose message edit failed or was cut short by a restart. */
  async publishPendingResults(): Promise<void> {
    const now = this.deps.clock.now();
    for (const quiz of this.deps.store.quizzes.closedWithoutResults()) {
      if (this.isConnected(quiz) && this.resultRetries.mayTry(quiz.id, now)) await this.publishResults(quiz);
    }
  }

  /**
   * Another process on the same database may serve another platform, or the
   * shards of other Discord servers: their quizzes are left to it, so it can
   * read their reactions and edit them.
   */
  private isConnected(quiz: QuizRecord): boolean {
    const community = this.deps.store.communities.get(quiz.communityId);
    return community !== undefined && messengerServing(this.deps.messengers, community) !== undefined;
  }

  private async publishResults(quiz: QuizRecord): Promise<void> {
    const { store, clock, logger, settlement } = this.deps;
    // The results list the streaks its answers keep alive; the quiz closes on a timer, maybe amid clicks on another.
    const settling = settlement.settleInTurns();
    if (settling) await settling;
    const community = store.communities.get(quiz.communityId);
    const fresh = store.quizzes.get(quiz.id);
    if (!community || !fresh?.closedAt) return;
    const messenger = this.deps.messengers.get(community.platform);
    if (!messenger || !fresh.messageId) {
      if (!fresh.messageId) store.quizzes.markResultsPosted(fresh.id, clock.now());
      return;
    }
    try {
      const results = resultView(this.snapshot(fresh), this.results(fresh, community), community.timeZone);
      await messenger.edit(fresh.channelId, fresh.messageId, results);
      store.quizzes.markResultsPosted(fresh.id, clock.now());
      this.resultRetries.succeeded(fresh.id);
      if (fresh.threadId) await this.postResultsInThread(messenger, fresh, fresh.threadId, results);
    } catch (error) {
      const gone = error instanceof MessageGoneError;
      const retryAt = gone ? undefined : this.resultRetries.failed(fresh.id, clock.now());
      if (retryAt)
        return logger.warn({ err: error, quizId: fresh.id, retryAt }, "could not publish quiz results; will retry");
      if (gone) logger.warn({ quizId: fresh.id }, "quiz message is gone; results not shown");
      else logger.error({ err: error, quizId: fresh.id }, "could not publish quiz results; gave up");
      store.quizzes.markResultsPosted(fresh.id, clock.now());
    }
  }

  /** Once: the quiz message shows the results whatever happens here, so a failure is logged, not retried. */
  private async postResultsInThread(
    messenger: ChannelMessenger,
    quiz: QuizRecord,
    threadId: string,
    results: View,
  ): Promise<void> {
    try {
      await messenger.postInThread?.(quiz.channelId, threadId, results);
    } catch (error) {
      this.deps.logger.warn({ err: error, quizId: quiz.id }, "could not post the results in the quiz's thread");
    }
  }

  results(quiz: QuizRecord, community: Community): QuizResults {
    const { store, decks } = this.deps;
    const today = localDay(quiz.closedAt ?? this.deps.clock.now(), community.timeZone);
    const streaks = store.answers
      .forQuiz(quiz.id)
      .map((answer) => {
        const member = store.users.get(answer.userId);
        return member ? { user: member, days: liveStreak(store.stats.streak(member.id), today) } : undefined;
      })
      .filter((entry): entry is { user: Member; days: number } => entry !== undefined && entry.days > 0)
      .sort((a, b) => b.days - a.days)
      .slice(0, 10);
    const first = quiz.firstCorrectUserId ? store.users.get(quiz.firstCorrectUserId) : undefined;
    const card = decks
      .forCommunity(quiz.communityId)
      .get(quiz.deckId)
      ?.cards.find((c) => c.id === quiz.cardId);
    return {
      answered: quiz.answered,
      correct: quiz.correct,
      countsByChoice: store.answers.countsByChoice(quiz.id),
      ...(first ? { firstCorrect: first } : {}),
      streaks,
      explanation: card?.back ?? quiz.options[quiz.correctIndex]?.text ?? "",
      closedAt: quiz.closedAt ?? this.deps.clock.now(),
    };
  }

  snapshot(quiz: QuizRecord): QuizSnapshot {
    return {
      ...quiz,
      deckTitle: this.deps.decks.forCommunity(quiz.communityId).get(quiz.deckId)?.title ?? quiz.deckId,
    };
  }

  private messengerFor(community: Community): ChannelMessenger {
    const messenger = this.deps.messengers.get(community.platform);
    if (!messenger) throw new UserError(`No ${community.platform} connection is running.`);
    return messenger;
  }
}

/** A thread is named after its question, on one line: the platform clips it to its limit. */
function threadTopic(prompt: string): string {
  return prompt.replace(/\s+/g, " ").trim();
}
