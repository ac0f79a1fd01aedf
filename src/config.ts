import { z } from "zod";
import { DEFAULT_NEW_CARDS_PER_DAY } from "./core/drillPlan.js";
import { MAX_WINDOW_MINUTES } from "./core/limits.js";
import { isValidTimeZone } from "./core/studyDay.js";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const url = (example: string) =>
  z
    .string()
    .trim()
    .refine((value) => URL.canParse(value), `must be a URL such as ${example}`)
    .transform((value) => value.replace(/\/+$/, ""));

const positiveInt = (example: string) =>
  z.coerce
    .number({ error: `must be a whole number such as ${example}` })
    .int(`must be a whole number such as ${example}`)
    .positive(`must be positive, such as ${example}`);

/** Empty counts as unset: coercing "" would silently mean 0, which means "never" or "none" for some settings. */
const emptyAsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema);

const envSchema = z.object({
  DATABASE_PATH: z.string().trim().min(1).default("./data/studybot.db"),
  DATABASE_BUSY_TIMEOUT_MS: emptyAsUnset(positiveInt("5000").optional()),
  DECKS_DIR: z.string().trim().min(1).default("./decks"),
  DEFAULT_TIMEZONE: optionalText.refine(
    (value) => value === undefined || isValidTimeZone(value),
    "must be an IANA time zone such as Europe/Berlin or America/New_York",
  ),
  QUIZ_WINDOW_MINUTES: positiveInt("60")
    .max(
      MAX_WINDOW_MINUTES,
      `must be at most ${MAX_WINDOW_MINUTES} (7 days, the longest a quiz stays open), such as 60`,
    )
    .default(60),
  CATCHUP_GRACE_MINUTES: emptyAsUnset(
    z.coerce
      .number({ error: "must be a whole number of minutes such as 30 (0: never post a missed quiz late)" })
      .int("must be a whole number of minutes such as 30 (0: never post a missed quiz late)")
      .min(0, "must be 0 or more, such as 30")
      .default(30),
  ),
  DRILL_NEW_PER_DAY: emptyAsUnset(
    z.coerce
      .number({ error: "must be a whole number such as 10 (0: drills show no new cards)" })
      .int("must be a whole number such as 10 (0: drills show no new cards)")
      .min(0, "must be 0 or more, such as 10")
      .max(1000, "must be at most 1000, such as 10")
      .default(DEFAULT_NEW_CARDS_PER_DAY),
  ),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  DISCORD_TOKEN: optionalText,
  DISCORD_API_BASE: url("https://discord.com/api").default("https://discord.com/api"),
  DISCORD_SHARDS: emptyAsUnset(
    z
      .union([z.literal("auto"), positiveInt("4")], {
        error: "must be auto (as many shards as Discord recommends) or a whole number such as 4",
      })
      .default("auto"),
  ),
  DISCORD_PROCESSES: emptyAsUnset(positiveInt("4").max(64, "must be at most 64, such as 4").default(1)),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: url("https://slack.com/api/").default("https://slack.com/api/"),
  SLACK_ADMIN_USERS: optionalText,
  PORT: positiveInt("3000").default(3000),
  HEALTH_PORT: emptyAsUnset(
    positiveInt("8080").max(65535, "must be a port number, at most 65535, such as 8080").optional(),
  ),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  databasePath: string;
  /** How long a write waits for another process's lock on the database; undefined: the store's default (5 s). */
  databaseBusyTimeoutMs?: number;
  decksDir: string;
  /** Undefined: the machine's own zone (terminal) or UTC (chat platforms). */
  defaultTimeZone: string | undefined;
  quizWindowMinutes: number;
  /** How late a scheduled quiz missed while the bot was down may still be posted. */
  catchUpGraceMinutes: number;
  /** New cards a person may start per deck and local day in drills. */
  drillNewCardsPerDay: number;
  logLevel: Env["LOG_LEVEL"];
  /** Serve GET /healthz on 127.0.0.1 at this port (chat platforms only). */
  healthPort?: number;
  discord?: DiscordConfig;
  slack?: {
    botToken: string;
    appToken?: string;
    signingSecret?: string;
    apiUrl: string;
    port: number;
    adminUsers: string[];
  };
}

export interface DiscordConfig {
  token: string;
  apiBase: string;
  /** Gateway shards in all processes: "auto" asks Discord (/gateway/bot) at start. */
  shards: number | "auto";
  /** Processes the shards are shared out to (discord.js's ShardingManager); 1: this process connects them all. */
  processes: number;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Reads and checks the environment; every mistake is named with its variable and a good example. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const config: Config = {
    databasePath: e.DATABASE_PATH,
    ...(e.DATABASE_BUSY_TIMEOUT_MS !== undefined ? { databaseBusyTimeoutMs: e.DATABASE_BUSY_TIMEOUT_MS } : {}),
    decksDir: e.DECKS_DIR,
    defaultTimeZone: e.DEFAULT_TIMEZONE,
    quizWindowMinutes: e.QUIZ_WINDOW_MINUTES,
    catchUpGraceMinutes: e.CATCHUP_GRACE_MINUTES,
    drillNewCardsPerDay: e.DRILL_NEW_PER_DAY,
    logLevel: e.LOG_LEVEL,
    ...(e.HEALTH_PORT !== undefined ? { healthPort: e.HEALTH_PORT } : {}),
  };
  if (typeof e.DISCORD_SHARDS === "number" && e.DISCORD_PROCESSES > e.DISCORD_SHARDS) {
    throw new ConfigError(
      `Invalid environment:\n  DISCORD_PROCESSES (${e.DISCORD_PROCESSES}) is more than DISCORD_SHARDS (${e.DISCORD_SHARDS}): a process runs at least one shard.`,
    );
  }
  if (e.DISCORD_TOKEN) {
    config.discord = {
      token: e.DISCORD_TOKEN,
      apiBase: e.DISCORD_API_BASE,
      shards: e.DISCORD_SHARDS,
      processes: e.DISCORD_PROCESSES,
    };
  }
  if (e.SLACK_BOT_TOKEN) {
    if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
      throw new ConfigError(
        "Invalid environment:\n  SLACK_BOT_TOKEN is set, but neither SLACK_APP_TOKEN (Socket Mode, xapp-…) nor SLACK_SIGNING_SECRET (HTTP) is.",
      );
    }
    config.slack = {
      botToken: e.SLACK_BOT_TOKEN,
      ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
      ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
      apiUrl: e.SLACK_API_URL.endsWith("/") ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
      port: e.PORT,
      adminUsers: (e.SLACK_ADMIN_USERS ?? "").split(/[\s,]+/).filter(Boolean),
    };
  } else if (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      "Invalid environment:\n  SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set without SLACK_BOT_TOKEN (xoxb-…).",
    );
  }
  return config;
}

/** Every token and signing secret configured: the logger keeps them out of every line. */
export function configuredSecrets(config: Config): string[] {
  const { discord, slack } = config;
  return [discord?.token, slack?.botToken, slack?.appToken, slack?.signingSecret].filter(
    (secret): secret is string => secret !== undefined,
  );
}

/** No chat platform configured: run the terminal bot. */
export function isTerminalMode(config: Config): boolean {
  return !config.discord && !config.slack;
}
