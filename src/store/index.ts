import { AnswerRepository } from "./answers.js";
import { CardFlagRepository } from "./cardFlags.js";
import { CardProgressRepository } from "./cards.js";
import { CommunityDeckRepository } from "./communityDecks.js";
import { CommunityRepository } from "./communities.js";
import type { Db } from "./database.js";
import { DigestRepository } from "./digests.js";
import { DrillRepository } from "./drills.js";
import { FrozenDayRepository } from "./frozenDays.js";
import { MemberDataRepository } from "./memberData.js";
import { MemberSettingsRepository } from "./memberSettings.js";
import { QuizRepository } from "./quizzes.js";
import { ReminderRepository } from "./reminders.js";
import { ReportRepository } from "./reports.js";
import { ScheduleRepository } from "./schedules.js";
import { StatsRepository } from "./stats.js";
import { StudyHistoryRepository } from "./studyHistory.js";
import { UnsettledAnswerRepository } from "./unsettledAnswers.js";
import { UserRepository } from "./users.js";

/** Every repository over one database, with statements prepared once. */
export class Store {
  readonly communities: CommunityRepository;
  readonly users: UserRepository;
  readonly quizzes: QuizRepository;
  readonly answers: AnswerRepository;
  /** Answers committed whose totals, streak and memory are still to be written (services/answerSettlement.ts). */
  readonly unsettledAnswers: UnsettledAnswerRepository;
  readonly stats: StatsRepository;
  readonly frozenDays: FrozenDayRepository;
  readonly cards: CardProgressRepository;
  readonly schedules: ScheduleRepository;
  readonly drills: DrillRepository;
  readonly communityDecks: CommunityDeckRepository;
  readonly memberSettings: MemberSettingsRepository;
  /** Everything of one member at once: `me export` and `me forget`. */
  readonly memberData: MemberDataRepository;
  readonly studyHistory: StudyHistoryRepository;
  readonly reminders: ReminderRepository;
  readonly reports: ReportRepository;
  readonly digests: DigestRepository;
  /** Members' reports of wrong cards, and the cards admins skip. */
  readonly cardFlags: CardFlagRepository;
  /**
   * One immediate-transaction function for every call: better-sqlite3 builds
   * four wrapped functions for each db.transaction(), about 25 µs, twice per
   * answer click (its savepoint in the turn's transaction, and the answer's
   * own); made once, a transaction costs what its statements cost.
   */
  private readonly inImmediateTransaction: (work: () => unknown) => unknown;
  /** Work waiting for this turn's shared transaction (joinTransaction), or for the lock another process holds. */
  private joined: {
    work: () => unknown;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
    /** When it joined (performance.now()): it waits for a busy database at most the busy timeout from then. */
    since: number;
  }[] = [];
  /** Failed attempts in a row to take the lock for the joined work. */
  private busyAttempts = 0;

  constructor(readonly db: Db) {
    this.communities = new CommunityRepository(db);
    this.users = new UserRepository(db);
    this.quizzes = new QuizRepository(db);
    this.answers = new AnswerRepository(db);
    this.unsettledAnswers = new UnsettledAnswerRepository(db);
    this.stats = new StatsRepository(db);
    this.frozenDays = new FrozenDayRepository(db);
    this.cards = new CardProgressRepository(db);
    this.schedules = new ScheduleRepository(db);
    this.drills = new DrillRepository(db);
    this.communityDecks = new CommunityDeckRepository(db);
    this.memberSettings = new MemberSettingsRepository(db);
    this.memberData = new MemberDataRepository(db);
    this.studyHistory = new StudyHistoryRepository(db);
    this.reminders = new ReminderRepository(db);
    this.reports = new ReportRepository(db);
    this.digests = new DigestRepository(db);
    this.cardFlags = new CardFlagRepository(db);
    this.inImmediateTransaction = db.transaction((work: () => unknown) => work()).immediate;
  }

  /** Runs `work` as one immediate transaction: the write lock is taken up front, so it cannot deadlock midway. */
  transaction<T>(work: () => T): T {
    return this.inImmediateTransaction(work) as T;
  }

  /**
   * Runs `work` in a transaction shared with all the work joined during this
   * turn of the event loop, committed once when the turn ends (group
   * commit). A burst of clicks reaches the bot hundreds per turn: one commit
   * for all of them writes each page they share once, instead of once per
   * click (see the README's Performance section). Each `work` is still all
   * or nothing (a savepoint of its own), and its result is given only after
   * the commit, so nobody is told of a change that a crash could still undo.
   */
  joinTransaction<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.joined.length === 0) setImmediate(() => this.commitJoined());
      this.joined.push({ work, resolve: resolve as (value: unknown) => void, reject, since: performance.now() });
    });
  }

  private commitJoined(): void {
    const joined = this.joined.splice(0);
    let settled: ({ value: unknown } | { error: unknown })[];
    try {
      settled = this.withoutBusyWait(() =>
        this.transaction(() =>
          joined.map(({ work }) => {
            try {
              return { value: this.transaction(work) };
            } catch (error) {
              return { error };
            }
          }),
        ),
      );
    } catch (error) {
      if (isBusy(error)) {
        this.retryWhenFree(joined, error);
        return;
      }
      for (const { reject } of joined) reject(error);
      return;
    }
    this.busyAttempts = 0;
    joined.forEach(({ resolve, reject }, index) => {
      const outcome = settled[index] as { value: unknown } | { error: unknown };
      if ("error" in outcome) reject(outcome.error);
      else resolve(outcome.value);
    });
  }

  /**
   * Another process holds the write lock. Waiting for it here, as SQLite's
   * busy handler does, would stop the whole process (acknowledgements,
   * replies, timers) for up to the busy timeout. So the joined work waits on
   * a timer, with a doubling backoff, while the event loop goes on; work
   * joined meanwhile joins this batch. Each work gives up once it has waited
   * the busy timeout, like any other write.
   */
  private retryWhenFree(joined: typeof this.joined, error: unknown): void {
    const giveUpBefore = performance.now() - this.busyTimeoutMs();
    const waiting = joined.filter((entry) => {
      if (entry.since > giveUpBefore) return true;
      entry.reject(error);
      return false;
    });
    if (waiting.length === 0) {
      this.busyAttempts = 0;
      return;
    }
    const delayMs = Math.min(BUSY_RETRY_MAX_MS, BUSY_RETRY_FIRST_MS * 2 ** this.busyAttempts);
    this.busyAttempts += 1;
    this.joined = [...waiting, ...this.joined];
    setTimeout(() => this.commitJoined(), delayMs);
  }

  private busyTimeoutMs(): number {
    return Number(this.db.pragma("busy_timeout", { simple: true }));
  }

  /** Runs `work` with SQLite's busy handler off: the lock is there at once, or SQLITE_BUSY. */
  private withoutBusyWait<T>(work: () => T): T {
    const timeoutMs = this.busyTimeoutMs();
    this.db.pragma("busy_timeout = 0");
    try {
      return work();
    } finally {
      this.db.pragma(`busy_timeout = ${timeoutMs}`);
    }
  }
}

/** The first retry of joined work on a busy database comes this soon; each next one twice as late, up to the max. */
const BUSY_RETRY_FIRST_MS = 5;
const BUSY_RETRY_MAX_MS = 250;

/** SQLITE_BUSY (another connection holds the lock) and its extended codes. */
function isBusy(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    typeof error.code === "string" &&
    error.code.startsWith("SQLITE_BUSY")
  );
}
