import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ArgKind, COMMAND_SPECS, type CommandSpec, isAdminOnly, parseCommand } from "../../../src/core/grammar.js";
import { handleCommand } from "../../../src/services/commandRouter.js";
import { handlerByName } from "../../../src/services/commands/index.js";
import { actor, makeServices, type TestBot } from "../../kit/fakes.js";
import { useTempDir } from "../../kit/tempDir.js";

/** A valid value for each kind of required argument, so that every command of the table gets a line that parses. */
const SAMPLE_VALUES: Partial<Record<ArgKind, string>> = {
  cron: '"0 9 * * 1-5"',
  scheduleId: "1",
  deck: "capitals",
  card: "france",
  timeZone: "Europe/Berlin",
};

function validLine(spec: CommandSpec): string {
  const values = spec.args
    .filter((arg) => arg.required)
    .map((arg) => SAMPLE_VALUES[arg.kind] ?? expect.fail(`no sample ${arg.kind} for ${spec.name}: add one above`));
  return [...spec.words, ...values].join(" ");
}

/** Derived from the table, so a new admin command is covered without touching this file. */
const ADMIN_SPECS = COMMAND_SPECS.filter((spec) => spec.admin);

describe("admin commands, checked in the command router whatever the platform let through", () => {
  const tempDir = useTempDir();
  let bot: TestBot | undefined;
  afterEach(() => bot?.close());

  it("has a handler for every command of the table, and none for a command outside it", () => {
    expect([...handlerByName.keys()].sort()).toEqual(COMMAND_SPECS.map((spec) => spec.name).sort());
  });

  it("asks the table whether a command is admin-only", () => {
    for (const spec of COMMAND_SPECS) expect(isAdminOnly(spec.name), spec.name).toBe(spec.admin);
  });

  it("refuses every admin command to a member, changing nothing, and runs it for an admin", async () => {
    bot = makeServices(join(tempDir(), "db.sqlite"));
    await handleCommand(bot.services, actor("ana", { isAdmin: true }), "quiz now");
    await handleCommand(bot.services, actor("ana", { isAdmin: true }), 'schedule add "0 9 * * 1-5" UTC');
    const state = () =>
      ["quizzes", "schedules", "communities", "card_skips"].map((table) =>
        bot?.store.db.prepare(`SELECT * FROM ${table}`).all(),
      );
    const before = state();

    for (const spec of ADMIN_SPECS) {
      const line = validLine(spec);
      expect(parseCommand(line), line).toMatchObject({ ok: true, command: { name: spec.name } });
      const reply = await handleCommand(bot.services, actor("bo"), line);
      expect(JSON.stringify(reply.view), spec.name).toContain("Only admins can do that.");
      expect(reply.visibility).toBe("private");
    }
    expect(state()).toEqual(before);

    const allowed = await handleCommand(
      bot.services,
      actor("ana", { isAdmin: true }),
      "settings timezone Europe/Berlin",
    );
    expect(JSON.stringify(allowed.view)).not.toContain("Only admins");
  });
});
