import { AnswerRepository } from "./answers.js";
import { CardProgressRepository } from "./cards.js";
import { CommunityDeckRepository } from "./communityDecks.js";
import { CommunityRepository } from "./communities.js";
import type { Db } from "./database.js";
import { DrillRepository } from "./drills.js";
import { QuizRepository } from "./quizzes.js";
import { ScheduleRepository } from "./schedules.js";
import { StatsRepository } from "./stats.js";
import { UserRepository } from "./users.js";

/** Every repository over one database, with statements prepared once. */
export class Store {
  readonly communities: CommunityRepository;
  readonly users: UserRepository;
  readonly quizzes: QuizRepository;
  readonly answers: AnswerRepository;
  readonly stats: StatsRepository;
  readonly cards: CardProgressRepository;
  readonly schedules: ScheduleRepository;
  readonly drills: DrillRepository;
  readonly communityDecks: CommunityDeckRepository;
  /**
   * One immediate-transaction function for every call: better-sqlite3 builds
   * four wrapped functions for each db.transaction(), about 25 µs, twice per
   * answer click (its savepoint in the turn's transaction, and the answer's
   * own); made once, a transaction costs what its statements cost.
   */
  private readonly inImmediateTransaction: (work: () => unknown) => unknown;
  /** Work waiting for this turn's shared transaction (joinTransaction). */
  private readonly joined: {
    work: () => unknown;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }[] = [];

  constructor(readonly db: Db) {
    this.communities = new CommunityRepository(db);
    this.users = new UserRepository(db);
    this.quizzes = new QuizRepository(db);
    this.answers = new AnswerRepository(db);
    this.stats = new StatsRepository(db);
    this.cards = new CardProgressRepository(db);
    this.schedules = new ScheduleRepository(db);
    this.drills = new DrillRepository(db);
    this.communityDecks = new CommunityDeckRepository(db);
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
      this.joined.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  private commitJoined(): void {
    const joined = this.joined.splice(0);
    let settled: ({ value: unknown } | { error: unknown })[];
    try {
      settled = this.transaction(() =>
        joined.map(({ work }) => {
          try {
            return { value: this.transaction(work) };
          } catch (error) {
            return { error };
          }
        }),
      );
    } catch (error) {
      for (const { reject } of joined) reject(error);
      return;
    }
    joined.forEach(({ resolve, reject }, index) => {
      const outcome = settled[index] as { value: unknown } | { error: unknown };
      if ("error" in outcome) reject(outcome.error);
      else resolve(outcome.value);
    });
  }
}
