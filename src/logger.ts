import pino from "pino";

export interface LoggerOptions {
  /** The configured tokens and signing secrets: never written, wherever they turn up in a line. */
  secrets?: readonly string[];
  /** Where lines go; standard error by default. */
  destination?: pino.DestinationStream;
}

const REDACTED = "[redacted]";

/** Fields that hold a credential, at any of the depths the bot logs them (an object, a config, a request). */
const SECRET_FIELDS = ["token", "botToken", "appToken", "signingSecret", "authorization", "cookie"];
const REDACTED_PATHS = SECRET_FIELDS.flatMap((field) => [
  field,
  `*.${field}`,
  `*.*.${field}`,
  `headers.${field}`,
  `*.headers.${field}`,
  `*.*.headers.${field}`,
]);

/**
 * Credentials by their shape, for the ones that arrive inside text (an error
 * message, a URL): Slack tokens, Discord bot tokens, and the interaction
 * tokens Discord puts in webhook and callback URLs.
 */
const SECRET_SHAPES: [RegExp, string][] = [
  [/\bx(?:ox[abposre]|app)-[A-Za-z0-9-]{6,}/g, REDACTED],
  [/\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g, REDACTED],
  [/\/(webhooks|interactions)\/(\d+)\/[A-Za-z0-9_.:-]{20,}/g, `/$1/$2/${REDACTED}`],
];

/** Removes every known secret and every token-shaped string from a line about to be written. */
export function scrubSecrets(line: string, secrets: readonly string[]): string {
  let clean = line;
  for (const secret of secrets) {
    // As written in JSON too: a secret with a quote or backslash appears escaped in the line.
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) clean = clean.split(form).join(REDACTED);
  }
  for (const [shape, replacement] of SECRET_SHAPES) clean = clean.replace(shape, replacement);
  return clean;
}

/**
 * Logs go to standard error as JSON lines, so the terminal bot's standard
 * output stays clean for people and scripts. Secrets never reach them: fields
 * that hold one are redacted by path, and each line is scrubbed of the
 * configured secrets and of anything shaped like a token before it is written.
 */
export function createLogger(level: string, options: LoggerOptions = {}) {
  // Very short values would scrub ordinary words; real tokens and secrets are long.
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= 8);
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
      hooks: { streamWrite: (line) => scrubSecrets(line, secrets) },
    },
    options.destination ?? pino.destination(2),
  );
}

export type AppLogger = ReturnType<typeof createLogger>;
