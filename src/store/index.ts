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
  }

  /** Runs `work` as one immediate transaction: the write lock is taken up front, so it cannot deadlock midway. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }
}
