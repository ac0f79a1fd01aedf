import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { type App, openApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { DEFAULT_COMMAND_RATE } from "../../src/core/rateLimit.js";
import { type AppLogger, createLogger } from "../../src/logger.js";
import type { Clock } from "../../src/services/ports.js";

/** The repository's own decks: the seed deck, as a fresh install has it. */
export const DECKS_DIR = fileURLToPath(new URL("../../decks", import.meta.url));

/**
 * studybot wired as `studybot start` wires it for the chat platforms (openApp:
 * the database with its background checkpoints, the decks, the services, the
 * scheduler), logging as it does in production, into `logFile`; with the
 * repository's decks unless told otherwise.
 */
export async function openBenchApp(
  databaseFile: string,
  logFile: string,
  options: { clock?: Clock; decksDir?: string } = {},
): Promise<{ app: App; logger: AppLogger }> {
  const config = loadConfig({
    DATABASE_PATH: databaseFile,
    DECKS_DIR: options.decksDir ?? DECKS_DIR,
    DEFAULT_TIMEZONE: "UTC",
  });
  mkdirSync(dirname(logFile), { recursive: true });
  const logger = createLogger("info", { destination: pino.destination({ dest: logFile, sync: false }) });
  const app = await openApp(config, {
    logger,
    fallbackTimeZone: "UTC",
    commandRateLimit: DEFAULT_COMMAND_RATE,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return { app, logger };
}
