import pino from "pino";

/**
 * Logs go to standard error as JSON lines, so the terminal bot's standard
 * output stays clean for people and scripts. Secrets are redacted wherever
 * they appear in a logged object.
 */
export function createLogger(level: string) {
  return pino(
    {
      level,
      redact: {
        paths: [
          "token",
          "*.token",
          "*.botToken",
          "*.appToken",
          "*.signingSecret",
          "headers.authorization",
          "*.headers.authorization",
        ],
        censor: "[redacted]",
      },
    },
    pino.destination(2),
  );
}

export type AppLogger = ReturnType<typeof createLogger>;
