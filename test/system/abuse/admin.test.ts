import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { COMMAND_USAGE } from "../../../src/core/grammar.js";
import { handleCommand } from "../../../src/services/commandRouter.js";
import { handlerByName } from "../../../src/services/commands/index.js";
import { actor, makeServices, type TestBot } from "../../kit/fakes.js";
import { useTempDir } from "../../kit/tempDir.js";

/** One line per admin command, valid in every other respect. */
const ADMIN_LINES: Record<string, string> = {
  "quiz-close": "quiz close",
  "schedule-add": 'schedule add "0 9 * * 1-5" UTC',
  "schedule-list": "schedule list",
  "schedule-remove": "schedule remove 1",
  "schedule-pause": "schedule pause 1",
  "schedule-resume": "schedule resume 1",
  "deck-import": "deck import",
  "deck-remove": "deck remove capitals",
  "deck-reload": "deck reload",
  "settings-timezone": "settings timezone Europe/Berlin",
};

describe("admin commands, checked in the command router whatever the platform let through", () => {
  const tempDir = useTempDir();
  let bot: TestBot | undefined;
  afterEach(() => bot?.close());

  it("marks the same commands as admin-only in the help and in their handlers", () => {
    const inHelp = COMMAND_USAGE.filter((help) => help.admin).map((help) => help.name);
    const inHandlers = COMMAND_USAGE.filter((help) => handlerByName.get(help.name)?.adminOnly).map((help) => help.name);
    expect(inHandlers).toEqual(inHelp);
    expect(Object.keys(ADMIN_LINES).sort()).toEqual([...inHelp].sort());
  });

  it("refuses every admin command to a member, changing nothing, and runs it for an admin", async () => {
    bot = makeServices(join(tempDir(), "db.sqlite"));
    await handleCommand(bot.services, actor("ana", { isAdmin: true }), "quiz now");
    await handleCommand(bot.services, actor("ana", { isAdmin: true }), 'schedule add "0 9 * * 1-5" UTC');
    const before = JSON.stringify(bot.store.db.prepare("SELECT * FROM quizzes, schedules, communities").all());

    for (const [name, line] of Object.entries(ADMIN_LINES)) {
      const reply = await handleCommand(bot.services, actor("bo"), line);
      expect(JSON.stringify(reply.view), name).toContain("Only admins can do that.");
      expect(reply.visibility).toBe("private");
    }
    expect(JSON.stringify(bot.store.db.prepare("SELECT * FROM quizzes, schedules, communities").all())).toBe(before);

    const allowed = await handleCommand(
      bot.services,
      actor("ana", { isAdmin: true }),
      "settings timezone Europe/Berlin",
    );
    expect(JSON.stringify(allowed.view)).not.toContain("Only admins");
  });
});
