import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { plainInline } from "../../src/core/views.js";
import { handleCommand } from "../../src/services/commandRouter.js";
import { handlerByName } from "../../src/services/commands/index.js";
import { actor, makeServices } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";

describe("a command that fails on our side", () => {
  const tempDir = useTempDir();
  const scheduleAdd = handlerByName.get("schedule-add");
  afterEach(() => {
    if (scheduleAdd) handlerByName.set("schedule-add", scheduleAdd);
  });

  it("never claims nothing changed: the schedule may be added, so the person is sent to schedule list", async () => {
    if (!scheduleAdd) throw new Error("no schedule-add handler");
    const bot = makeServices(join(tempDir(), "bot.db"));
    handlerByName.set("schedule-add", {
      ...scheduleAdd,
      run: async (ctx, command) => {
        await scheduleAdd.run(ctx, command);
        throw new Error("the reply could not be made");
      },
    });
    const reply = await handleCommand(bot.services, actor("ana", { isAdmin: true }), 'schedule add "0 9 * * 1-5"');
    const shown = reply.view.blocks.map((block) => (block.type === "text" ? plainInline(block.text) : "")).join(" ");
    expect(reply.visibility).toBe("private");
    expect(shown).toContain("may have been applied");
    expect(shown).toContain("Check schedule list before trying again.");
    expect(shown).not.toContain("nothing was changed");
    expect(bot.store.schedules.all()).toHaveLength(1);
  });
});
