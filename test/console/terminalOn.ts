import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import { CONSOLE_PLATFORM, ConsoleBot } from "../../src/platforms/console/consoleBot.js";
import type { TestBot } from "../kit/fakes.js";

/** The terminal bot on a test bot's services, as its messenger, with what it printed so far. */
export function terminalOn(bot: TestBot): { terminal: ConsoleBot; printed: () => string } {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  const terminal = new ConsoleBot(bot.services, {
    input: new PassThrough(),
    output,
    userName: "tester",
    color: false,
    filesDir: join(dirname(bot.store.db.name), "files"),
  });
  bot.services.messengers.set(CONSOLE_PLATFORM, terminal.messenger);
  return { terminal, printed: () => chunks.join("") };
}
