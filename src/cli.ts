import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import { dirname, join, resolve } from "node:path";
import { openApp } from "./app.js";
import { runChatPlatforms, shutdownSignal } from "./chatRuntime.js";
import { ConfigError, configuredSecrets, isTerminalMode, loadConfig } from "./config.js";
import { DEFAULT_COMMAND_RATE } from "./core/rateLimit.js";
import { checkDecks } from "./decks/check.js";
import { decksExportCommand, decksImportCommand } from "./decks/commandLine.js";
import { createLogger } from "./logger.js";
import { ConsoleBot, CONSOLE_PLATFORM } from "./platforms/console/consoleBot.js";
import { registerCommands } from "./platforms/discord/register.js";
import { damagedFileLines, doctorLines, runDoctor } from "./services/doctor.js";
import { BackupError, backupDatabase } from "./store/backup.js";
import { CommunityDeckRepository } from "./store/communityDecks.js";
import { type Db, openDatabase } from "./store/database.js";
import { DatabaseFileError } from "./store/fileErrors.js";
import { applyMigrations } from "./store/migrations.js";
import { isDamagedFileError } from "./store/statsAudit.js";

const USAGE = `Usage: studybot <command>

  start          run the bot (the terminal bot when no platform token is set)
  decks check    validate every deck in DECKS_DIR and list them
  decks import <file> [--format auto|tsv|csv|anki|quizlet] [--id ID] [--title T]
                 [--force] [--term-sep S] [--row-sep S]
                 make DECKS_DIR/<id>.yaml from an Anki, Quizlet, CSV or TSV export
  decks export <id> [--format tsv|anki] [--out FILE]
                 write a deck as TSV or Anki plain-text notes
  migrate        apply pending database migrations and exit
  backup <file>  copy the database to <file> while the bot may be running
  doctor [--fix] check the database file, and recount stats, streaks and drill
                 memory from the raw answers and reviews; --fix repairs them
  register-commands [--guild ID]
                 register the Discord slash commands: in one server (at once,
                 for development) or globally (every server the bot is in)

Configuration comes from environment variables (see README.md).`;

async function start(): Promise<number> {
  const config = loadConfig();
  const terminal = isTerminalMode(config);
  const logger = createLogger(config.logLevel ?? (terminal ? "warn" : "info"), { secrets: configuredSecrets(config) });
  const machineZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const app = await openApp(config, {
    logger,
    fallbackTimeZone: terminal ? machineZone : "UTC",
    // The terminal has one local user, and scripts pipe many commands at once.
    commandRateLimit: terminal ? null : DEFAULT_COMMAND_RATE,
  });
  if (!terminal) return runChatPlatforms(app, config, logger);
  for (const message of app.deckErrors) process.stderr.write(`deck skipped: ${message}\n`);
  const bot = new ConsoleBot(app.services, {
    input: process.stdin,
    output: process.stdout,
    userName: process.env.USER || process.env.USERNAME || userInfo().username || "you",
    color: Boolean(process.stdout.isTTY),
    filesDir: join(dirname(resolve(config.databasePath)), "files"),
  });
  app.services.messengers.set(CONSOLE_PLATFORM, bot.messenger);
  // A signal ends the reading: the line in hand finishes (a locked database gives up after its busy timeout).
  void shutdownSignal(logger).then(() => bot.stop());
  try {
    bot.welcome();
    await app.scheduler.start();
    await bot.run();
  } finally {
    // Whatever ended the reading, no timer may keep the process up and the database is left closed.
    await app.scheduler.stop();
    app.close();
    process.stdin.destroy();
    logger.info({}, "stopped: database checkpointed and closed");
  }
  return 0;
}

/** The last seen card texts, or undefined for a database older than migration 0004 (opened read-only, it is not migrated). */
function seenCardsOf(db: Db): CommunityDeckRepository | undefined {
  const migrated = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'file_deck_cards'").get();
  return migrated ? new CommunityDeckRepository(db) : undefined;
}

async function decksCheck(): Promise<number> {
  const config = loadConfig();
  // What the bot last loaded of each deck, when there is a database to ask: an edit that turns a card into another is pointed out.
  const db = existsSync(config.databasePath) ? openDatabase(config.databasePath, { readonly: true }) : undefined;
  try {
    const seen = db ? seenCardsOf(db) : undefined;
    const { lines, ok } = await checkDecks(config.decksDir, seen && ((deckId) => seen.seenCards(deckId)));
    for (const line of lines) process.stdout.write(`${line}\n`);
    return ok ? 0 : 1;
  } finally {
    db?.close();
  }
}

async function decksTransfer(sub: "import" | "export", args: string[]): Promise<number> {
  const io = {
    decksDir: loadConfig().decksDir,
    out: (text: string) => process.stdout.write(text),
    err: (text: string) => process.stderr.write(text),
  };
  return sub === "import" ? decksImportCommand(args, io) : decksExportCommand(args, io);
}

function migrate(): number {
  const config = loadConfig();
  const db = openDatabase(config.databasePath, { migrate: false });
  const applied = applyMigrations(db);
  for (const migration of applied) process.stdout.write(`applied ${migration.version} ${migration.name}\n`);
  if (applied.length === 0) process.stdout.write("Database is up to date.\n");
  db.close();
  return 0;
}

async function backup(destination: string | undefined): Promise<number> {
  if (!destination) {
    process.stderr.write("Usage: studybot backup <file>   e.g. studybot backup backups/studybot-2026-11-29.db\n");
    return 2;
  }
  const config = loadConfig();
  const db = openDatabase(config.databasePath);
  try {
    const { pages } = await backupDatabase(db, destination);
    process.stdout.write(`Backed up ${config.databasePath} to ${destination} (${pages} pages).\n`);
    return 0;
  } finally {
    db.close();
  }
}

function doctor(args: readonly string[]): number {
  if (args.length > 1 || (args.length === 1 && args[0] !== "--fix")) {
    process.stderr.write("Usage: studybot doctor [--fix]\n");
    return 2;
  }
  const config = loadConfig();
  if (!existsSync(config.databasePath)) {
    process.stderr.write(`There is no database at ${config.databasePath} (DATABASE_PATH).\n`);
    return 1;
  }
  const fix = args[0] === "--fix";
  let db: Db | undefined;
  try {
    // Looking only reads: it works on a file or folder the bot's user may not write.
    db = openDatabase(config.databasePath, { readonly: !fix });
    const { lines, healthy } = doctorLines(runDoctor(db, { fix }));
    for (const line of lines) process.stdout.write(`${line}\n`);
    return healthy ? 0 : 1;
  } catch (error) {
    const damage = error instanceof DatabaseFileError && error.problem === "damaged" ? error.cause : error;
    if (!isDamagedFileError(damage)) throw error;
    for (const line of damagedFileLines([damage.message])) process.stdout.write(`${line}\n`);
    return 1;
  } finally {
    db?.close();
  }
}

/** `[]`, `["--guild", ID]` or `["--guild=ID"]`; undefined for anything else. */
function guildFlag(args: readonly string[]): { guildId?: string } | undefined {
  const words = args.flatMap((arg) => (arg.startsWith("--guild=") ? ["--guild", arg.slice("--guild=".length)] : [arg]));
  if (words.length === 0) return {};
  const [flag, id] = words;
  return words.length === 2 && flag === "--guild" && id && /^\d{15,22}$/.test(id) ? { guildId: id } : undefined;
}

async function registerDiscordCommands(args: readonly string[]): Promise<number> {
  const flag = guildFlag(args);
  if (!flag) {
    process.stderr.write(
      "Usage: studybot register-commands [--guild ID]   (ID: the server's id, from Copy Server ID)\n",
    );
    return 2;
  }
  const config = loadConfig();
  if (!config.discord) {
    process.stderr.write("register-commands needs DISCORD_TOKEN, the bot token from the Discord Developer Portal.\n");
    return 1;
  }
  try {
    const { scope, commands } = await registerCommands(config.discord, flag.guildId);
    process.stdout.write(`Registered ${commands.length} commands (${scope}): ${commands.join(" ")}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(
      `Discord refused the commands (${error instanceof Error ? error.message : String(error)}). Check DISCORD_TOKEN and, with --guild, that the bot is in that server.\n`,
    );
    return 1;
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  if (command === "backup") return backup(sub);
  if (command === "doctor") return doctor(argv.slice(1));
  if (command === "start") return start();
  if (command === "decks" && sub === "check") return decksCheck();
  if (command === "decks" && (sub === "import" || sub === "export")) return decksTransfer(sub, argv.slice(2));
  if (command === "migrate") return migrate();
  if (command === "register-commands") return registerDiscordCommands(argv.slice(1));
  process.stdout.write(`${USAGE}\n`);
  return command === undefined || command === "help" || command === "--help" ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // These messages are written for the operator: they name the variable or file and what to do.
    const explained = [ConfigError, DatabaseFileError, BackupError].some((known) => error instanceof known);
    process.stderr.write(explained ? `${(error as Error).message}\n` : `studybot: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
