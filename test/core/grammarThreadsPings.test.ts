import { describe, expect, it } from "vitest";
import type { Command } from "../../src/core/commands.js";
import { COMMAND_SPECS, parseCommand } from "../../src/core/grammar.js";

function command(line: string): Command {
  const result = parseCommand(line);
  if (!result.ok) throw new Error(`expected "${line}" to parse, got: ${result.error}`);
  return result.command;
}

function error(line: string): string {
  const result = parseCommand(line);
  if (result.ok) throw new Error(`expected "${line}" to fail, got ${JSON.stringify(result.command)}`);
  return result.error;
}

const usageOf = (name: string) => COMMAND_SPECS.find((entry) => entry.name === name)?.usage;

describe("thread", () => {
  it("quiz now and schedule add take thread among their options, in any order", () => {
    expect(command("quiz now thread 30m")).toStrictEqual({
      name: "quiz-now",
      window: { kind: "minutes", minutes: 30 },
      thread: true,
    });
    expect(command("schedule add 0 9 * * 1-5 thread Europe/Berlin")).toStrictEqual({
      name: "schedule-add",
      cron: "0 9 * * 1-5",
      timeZone: "Europe/Berlin",
      thread: true,
    });
  });

  it("is shown in the usage lines", () => {
    expect(usageOf("quiz-now")).toBe("quiz now [deck] [buttons|reactions] [window] [thread]");
    expect(usageOf("schedule-add")).toContain("[thread] [ping <role>]");
  });

  it("refuses a second thread", () => {
    expect(error("quiz now thread thread")).toBe("Two threads given: thread and thread.");
  });
});

describe("ping", () => {
  const cron = "0 9 * * 1-5";
  const ping = (line: string) => (command(`schedule add ${cron} ${line}`) as { ping?: unknown }).ping;

  it("reads a Discord role mention, a Slack user group mention, or a name, wherever it stands", () => {
    expect(ping("ping <@&1200000000000000009> 8h")).toStrictEqual({ kind: "role", id: "1200000000000000009" });
    expect(ping("thread ping <!subteam^S0614TZR7|@students>")).toStrictEqual({ kind: "group", id: "S0614TZR7" });
    expect(ping("ping <!subteam^S0614TZR7>")).toStrictEqual({ kind: "group", id: "S0614TZR7" });
    expect(ping("ping @students")).toStrictEqual({ kind: "name", name: "students" });
    expect(ping('ping "Study Group" capitals')).toStrictEqual({ kind: "name", name: "Study Group" });
    expect(command(`schedule add ${cron} ping @students capitals 8h`)).toStrictEqual({
      name: "schedule-add",
      cron,
      deck: "capitals",
      window: { kind: "minutes", minutes: 480 },
      ping: { kind: "name", name: "students" },
    });
  });

  it("refuses everyone, here, the channel and people, with an example", () => {
    for (const target of ["@everyone", "@here", "<!channel>", "<!here>", "everyone"]) {
      expect(error(`schedule add ${cron} ping ${target}`)).toMatch(
        /^studybot never pings everyone, here or the whole channel: .*such as schedule add 0 9 \* \* 1-5 ping @students/,
      );
    }
    expect(error(`schedule add ${cron} ping <@1400000000000000011>`)).toContain("is a person");
    expect(error(`schedule add ${cron} ping <@U0123ABC>`)).toContain("is a person");
  });

  it("refuses a ping without a target, or two pings", () => {
    expect(error(`schedule add ${cron} ping`)).toContain("ping needs a role or user group after it, such as");
    expect(error(`schedule add ${cron} ping @a ping @b`)).toContain("one role or user group only");
  });

  it("is not an option of quiz now", () => {
    expect(parseCommand("quiz now ping @students").ok).toBe(false);
  });
});
