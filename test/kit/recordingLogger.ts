import type { Logger } from "../../src/services/ports.js";

export interface LogEntry {
  level: "info" | "warn" | "error";
  obj: object;
  msg?: string;
}

/** Keeps what the bot logs, so tests can check that a problem was reported. */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];
  info(obj: object, msg?: string) {
    this.entries.push({ level: "info", obj, ...(msg ? { msg } : {}) });
  }
  warn(obj: object, msg?: string) {
    this.entries.push({ level: "warn", obj, ...(msg ? { msg } : {}) });
  }
  error(obj: object, msg?: string) {
    this.entries.push({ level: "error", obj, ...(msg ? { msg } : {}) });
  }
  messages(level: LogEntry["level"]): string[] {
    return this.entries.filter((entry) => entry.level === level).map((entry) => entry.msg ?? "");
  }
}
