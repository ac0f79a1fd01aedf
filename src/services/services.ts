import type { DeckCatalog } from "../decks/loader.js";
import type { Store } from "../store/index.js";
import { DEFAULT_NEW_CARDS_PER_DAY } from "../core/drillPlan.js";
import { DEFAULT_COMMAND_RATE, type RatePolicy } from "../core/rateLimit.js";
import { AnswerSettlement } from "./answerSettlement.js";
import { BoardService } from "./boardService.js";
import { CommandRateLimiter } from "./commandRateLimiter.js";
import { DeckLibrary } from "./deckLibrary.js";
import { DeckService } from "./deckService.js";
import { DigestService } from "./digestService.js";
import { DrillService } from "./drillService.js";
import { HomeService } from "./homeService.js";
import { FlagService } from "./flagService.js";
import type { ChannelMessenger, Clock, Logger, Randomness } from "./ports.js";
import { PictureService } from "./pictureService.js";
import { QuizService } from "./quizService.js";
import { ReminderService } from "./reminderService.js";
import { ReportService } from "./reportService.js";
import { ScheduleService } from "./scheduleService.js";
import { StudyProgress } from "./studyProgress.js";

export interface ServiceConfig {
  /** Time zone of a community until an admin sets one. */
  defaultTimeZone: string;
  /** How long `quiz now` stays open when no window is given. */
  quizWindowMinutes: number;
  /** New cards a person may start per deck and local day in drills (default 10). */
  drillNewCardsPerDay?: number;
  /** The folder of deck files, read again by `deck reload` and the watch. */
  decksDir?: string;
  /** Commands per person (default DEFAULT_COMMAND_RATE); null: no limit (the terminal's one local user). */
  commandRateLimit?: RatePolicy | null;
}

export interface ServiceDeps {
  store: Store;
  /** The file decks loaded at start; `Services.decks` adds each community's own and takes reloads. */
  decks: DeckCatalog;
  clock: Clock;
  randomness: Randomness;
  logger: Logger;
  config: ServiceConfig;
}

/** Every use case, wired once per process and shared by all platform adapters. */
export class Services {
  readonly store: Store;
  readonly decks: DeckLibrary;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: ServiceConfig;
  /** Nonces for buttons that confirm (me forget); quizzes and drills take theirs from their own deps. */
  readonly randomness: Randomness;
  /** Study days (streaks) and FSRS reviews, from quiz answers and drill ratings. */
  readonly progress: StudyProgress;
  /** The totals, streaks and memory that quiz answers change, written after a burst of clicks. */
  readonly settlement: AnswerSettlement;
  readonly quizzes: QuizService;
  readonly boards: BoardService;
  /** Stats cards and report charts: their data from the store, drawn as PNG. */
  readonly pictures: PictureService;
  /** Class reports: `report`, `report export` and the digests. */
  readonly reports: ReportService;
  /** The class's period, posted in a channel on a cron schedule. */
  readonly digests: DigestService;
  readonly schedules: ScheduleService;
  readonly drills: DrillService;
  /** Daily private reminders of due cards. */
  readonly reminders: ReminderService;
  /** A person's Home (Slack's App Home tab): streak, due cards, rank, reminders, next quizzes. */
  readonly home: HomeService;
  /** Decks imported and removed in the chat, and deck files read again. */
  readonly deckAdmin: DeckService;
  /** Cards members report, and cards admins skip. */
  readonly flags: FlagService;
  /** Platform adapters register here as they connect; keyed by platform name. */
  readonly messengers = new Map<string, ChannelMessenger>();
  /** How fast each person may send commands; undefined when unlimited. */
  readonly commandLimiter: CommandRateLimiter | undefined;

  constructor(deps: ServiceDeps) {
    this.store = deps.store;
    this.decks = new DeckLibrary(deps.decks, deps.store);
    this.deckAdmin = new DeckService({ ...deps, decks: this.decks, decksDir: deps.config.decksDir });
    this.clock = deps.clock;
    this.logger = deps.logger;
    this.config = deps.config;
    this.randomness = deps.randomness;
    const rate = deps.config.commandRateLimit === undefined ? DEFAULT_COMMAND_RATE : deps.config.commandRateLimit;
    this.commandLimiter = rate ? new CommandRateLimiter(rate) : undefined;
    this.progress = new StudyProgress({ store: deps.store, decks: this.decks });
    this.settlement = new AnswerSettlement({ ...deps, progress: this.progress });
    this.quizzes = new QuizService({
      ...deps,
      decks: this.decks,
      messengers: this.messengers,
      settlement: this.settlement,
    });
    this.flags = new FlagService({ ...deps, decks: this.decks });
    this.boards = new BoardService(deps.store, this.progress);
    this.pictures = new PictureService(deps.store, this.decks);
    this.reports = new ReportService(deps.store, this.decks);
    this.digests = new DigestService({
      ...deps,
      messengers: this.messengers,
      reports: this.reports,
      settlement: this.settlement,
    });
    this.schedules = new ScheduleService({
      ...deps,
      decks: this.decks,
      quizzes: this.quizzes,
      messengers: this.messengers,
    });
    const newCardsPerDay = deps.config.drillNewCardsPerDay ?? DEFAULT_NEW_CARDS_PER_DAY;
    this.drills = new DrillService({
      ...deps,
      decks: this.decks,
      progress: this.progress,
      settlement: this.settlement,
      newCardsPerDay,
    });
    this.reminders = new ReminderService({
      ...deps,
      decks: this.decks,
      messengers: this.messengers,
      drills: this.drills,
      newCardsPerDay,
      settlement: this.settlement,
    });
    this.home = new HomeService({
      ...deps,
      progress: this.progress,
      boards: this.boards,
      reminders: this.reminders,
      schedules: this.schedules,
      settlement: this.settlement,
    });
  }

  /** The decks this community can use: the file decks and the ones its admins imported. */
  decksFor(community: { id: number }): DeckCatalog {
    return this.decks.forCommunity(community.id);
  }

  /**
   * The decks of a community by its platform id, read only: autocomplete asks
   * on every keystroke. A community studybot has not met has the file decks.
   */
  decksAt(platform: string, communityId: string): DeckCatalog {
    const community = this.store.communities.find(platform, communityId);
    return community ? this.decksFor(community) : this.decks.files;
  }
}
