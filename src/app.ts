import { relative } from "node:path";
import type { Config } from "./config.js";
import type { RatePolicy } from "./core/rateLimit.js";
import { DeckCatalog, formatDeckError, loadDecks } from "./decks/loader.js";
import { watchDeckFolder } from "./decks/watch.js";
import { Scheduler } from "./scheduler/scheduler.js";
import { startCheckpointer } from "./store/checkpointer.js";
import { openDatabase } from "./store/database.js";
import { checkDatabaseFile } from "./store/quickCheck.js";
import { Store } from "./store/index.js";
import { stopPngWorker } from "./services/pictures/pngWorker.js";
import { type Clock, type Logger, type Randomness, systemClock } from "./services/ports.js";
import { cryptoRandomness } from "./services/randomness.js";
import { Services } from "./services/services.js";

export interface AppOptions {
  clock?: Clock;
  randomness?: Randomness;
  logger: Logger;
  /** Used when the environment names no time zone. */
  fallbackTimeZone: string;
  /** Commands per person; null: no limit. */
  commandRateLimit: RatePolicy | null;
  /** How long the database file's quick check at start may take (default 10 s). */
  quickCheckTimeoutMs?: number;
}

export interface App {
  services: Services;
  /** The one scheduler of the process: start it once the platforms' messengers are registered. */
  scheduler: Scheduler;
  deckErrors: string[];
  close(): void;
}

/** Opens the database, loads the decks and wires the services: everything but the platforms. */
export async function openApp(config: Config, options: AppOptions): Promise<App> {
  const db = openDatabase(
    config.databasePath,
    config.databaseBusyTimeoutMs !== undefined ? { busyTimeoutMs: config.databaseBusyTimeoutMs } : {},
  );
  try {
    const checked = await checkDatabaseFile(db, { timeoutMs: options.quickCheckTimeoutMs });
    if (checked === "unchecked") {
      options.logger.warn(
        { database: config.databasePath },
        "quick check took too long; started unchecked (see doctor)",
      );
    }
  } catch (error) {
    db.close();
    throw error;
  }
  const checkpointer = startCheckpointer(db, {
    onFailing: ({ error, failures }) =>
      options.logger.warn({ error, failures }, "background WAL checkpoints failing; the bot checkpoints by itself"),
    onRecovered: (failures) => options.logger.info({ failures }, "background WAL checkpoints work again"),
  });
  const loaded = await loadDecks(config.decksDir);
  const deckErrors = loaded.errors.map(formatDeckError);
  for (const message of deckErrors) options.logger.warn({ deckError: message }, "deck skipped");
  options.logger.info(
    { decks: loaded.decks.map((d) => d.deck.id), database: relative(process.cwd(), config.databasePath) },
    "decks loaded",
  );
  const services = new Services({
    store: new Store(db),
    decks: new DeckCatalog(loaded.decks),
    clock: options.clock ?? systemClock,
    randomness: options.randomness ?? cryptoRandomness(),
    logger: options.logger,
    config: {
      defaultTimeZone: config.defaultTimeZone ?? options.fallbackTimeZone,
      quizWindowMinutes: config.quizWindowMinutes,
      drillNewCardsPerDay: config.drillNewCardsPerDay,
      decksDir: config.decksDir,
      commandRateLimit: options.commandRateLimit,
    },
  });
  // Answers acknowledged just before a stop or crash: their totals, streaks and memory are written now.
  const settled = services.settlement.settleAll();
  if (settled > 0) options.logger.info({ answers: settled }, "settled the quiz answers the last run left");
  for (const warning of services.deckAdmin.recordFileDecks(loaded.decks.map((d) => d.deck))) {
    options.logger.warn({ deckWarning: warning }, "deck card changed beyond recognition");
  }
  // Edits to decks/ apply without a restart; a broken edit keeps the last good deck (see deck reload).
  const deckWatch = watchDeckFolder(
    config.decksDir,
    () => {
      services.deckAdmin
        .reloadFiles()
        .catch((error: unknown) => options.logger.error({ err: error }, "deck reload failed"));
    },
    { onError: (error) => options.logger.warn({ err: error }, "decks folder not watched; deck reload still works") },
  );
  return {
    services,
    scheduler: new Scheduler(services, { catchUpGraceMinutes: config.catchUpGraceMinutes }),
    deckErrors,
    close() {
      deckWatch.close();
      if (db.open) services.settlement.settleAll();
      services.settlement.stop();
      void checkpointer.stop();
      void stopPngWorker();
      if (db.open) {
        db.pragma("wal_checkpoint(TRUNCATE)");
        db.close();
      }
    },
  };
}
