import { describe, expect, it } from "vitest";
import type { Command, ParseResult } from "../../src/core/commands.js";
import { COMMAND_SPECS, formatWindow, parseCommand, parseWindow } from "../../src/core/grammar.js";
import { helpView } from "../../src/core/helpView.js";
import { seededRng } from "../../src/core/random.js";

function command(line: string): Command {
  const result = parseCommand(line);
  if (!result.ok) throw new Error(`expected "${line}" to parse, got: ${result.error}`);
  return result.command;
}

function failure(line: string): { error: string; usage: string } {
  const result = parseCommand(line);
  if (result.ok) throw new Error(`expected "${line}" to fail, got ${JSON.stringify(result.command)}`);
  return result;
}

const usageOf = (name: string) => COMMAND_SPECS.find((entry) => entry.name === name)?.usage;
const minutes = (n: number) => ({ kind: "minutes", minutes: n }) as const;

describe("quiz", () => {
  it("quiz now with no options leaves every choice to the service", () => {
    expect(command("quiz now")).toStrictEqual({ name: "quiz-now" });
  });

  it("quiz now takes deck, mode and window in any order", () => {
    const expected = { name: "quiz-now", deck: "lightweight-sandboxes", mode: "reactions", window: minutes(90) };
    expect(command("quiz now lightweight-sandboxes reactions 1h30m")).toStrictEqual(expected);
    expect(command("quiz now 1h30m reactions lightweight-sandboxes")).toStrictEqual(expected);
    expect(command("quiz now react 90 Lightweight-Sandboxes")).toStrictEqual(expected);
  });

  it("accepts the mode aliases", () => {
    expect(command("quiz now button")).toStrictEqual({ name: "quiz-now", mode: "buttons" });
    expect(command("quiz now reaction")).toStrictEqual({ name: "quiz-now", mode: "reactions" });
  });

  it("refuses until-next for a quiz posted now, naming the token", () => {
    const { error, usage } = failure("quiz now next");
    expect(error).toContain('"next"');
    expect(error).toContain("30m");
    expect(usage).toBe(usageOf("quiz-now"));
    expect(failure("quiz now until-next").error).toContain('"until-next"');
  });

  it("quiz close takes nothing else", () => {
    expect(command("quiz close")).toStrictEqual({ name: "quiz-close" });
    expect(failure("quiz close now").error).toBe('Unexpected "now": quiz close takes no arguments.');
  });

  it("refuses options that belong to other commands", () => {
    expect(failure("quiz now Europe/Berlin").error).toBe('quiz now does not take a time zone ("Europe/Berlin").');
  });

  it("reads another command's keyword as a deck id, since decks may be named so", () => {
    expect(command("quiz now weakest")).toStrictEqual({ name: "quiz-now", deck: "weakest" });
  });
});

describe("windows", () => {
  it("rejects windows outside 1 minute to 7 days", () => {
    expect(failure("quiz now 0m").error).toBe('Bad window "0m": a quiz stays open at least 1 minute.');
    expect(failure("quiz now 8d").error).toBe('Bad window "8d": a quiz stays open at most 7 days.');
    expect(failure("quiz now 10081").error).toContain("at most 7 days");
    expect(command("quiz now 7d")).toStrictEqual({ name: "quiz-now", window: minutes(7 * 24 * 60) });
    expect(command("quiz now 1")).toStrictEqual({ name: "quiz-now", window: minutes(1) });
  });

  it("reports unit mistakes as a bad window, not as a deck", () => {
    for (const token of ["90s", "1.5h", "1w", "1h1h"]) {
      expect(failure(`quiz now ${token}`).error).toBe(
        `Bad window "${token}": use whole minutes, hours or days, such as 30m, 2h, 1h30m or 1d.`,
      );
    }
  });

  it("reports two windows", () => {
    expect(failure("quiz now 30m 2h").error).toBe("Two windows given: 30m and 2h.");
  });

  it("parseWindow reads every form and formatWindow reads back", () => {
    expect(parseWindow("45")).toStrictEqual({ ok: true, value: minutes(45) });
    expect(parseWindow("2H")).toStrictEqual({ ok: true, value: minutes(120) });
    expect(parseWindow("1d2h30m")).toStrictEqual({ ok: true, value: minutes(24 * 60 + 150) });
    expect(parseWindow("10min")).toStrictEqual({ ok: true, value: minutes(10) });
    expect(parseWindow("until-next")).toStrictEqual({ ok: true, value: { kind: "until-next" } });
    expect(parseWindow("soon")).toStrictEqual({
      ok: false,
      error: '"soon" is not a window: use whole minutes, hours or days, such as 30m, 2h, 1h30m or 1d.',
    });
    for (const n of [1, 30, 60, 90, 1440, 1530, 10080]) {
      const parsed = parseWindow(formatWindow(minutes(n)));
      expect(parsed).toStrictEqual({ ok: true, value: minutes(n) });
    }
  });

  it("formatWindow names days, hours and minutes", () => {
    expect(formatWindow(minutes(30))).toBe("30m");
    expect(formatWindow(minutes(120))).toBe("2h");
    expect(formatWindow(minutes(90))).toBe("1h 30m");
    expect(formatWindow(minutes(26 * 60))).toBe("1d 2h");
    expect(formatWindow({ kind: "until-next" })).toBe("until next post");
  });
});

describe("schedule", () => {
  it("reads exactly five bare cron fields, then options in any order", () => {
    expect(command("schedule add 0 9 * * 1-5")).toStrictEqual({ name: "schedule-add", cron: "0 9 * * 1-5" });
    const expected = {
      name: "schedule-add",
      cron: "0 9 * * MON-FRI",
      timeZone: "Europe/Berlin",
      deck: "lightweight-sandboxes",
      mode: "buttons",
      window: { kind: "until-next" },
      choice: "weakest",
    };
    expect(
      command("schedule add 0 9 * * MON-FRI Europe/Berlin lightweight-sandboxes buttons next weakest"),
    ).toStrictEqual(expected);
    expect(
      command("schedule add 0 9 * * MON-FRI weakest until-next lightweight-sandboxes Europe/Berlin buttons"),
    ).toStrictEqual(expected);
  });

  it("reads a quoted cron, straight or typographic, with 5 or 6 fields", () => {
    expect(command('schedule add "0 9 * * 1-5" UTC 8h')).toStrictEqual({
      name: "schedule-add",
      cron: "0 9 * * 1-5",
      timeZone: "UTC",
      window: minutes(480),
    });
    expect(command("schedule add “0 0 9 * * 1-5” rotation")).toStrictEqual({
      name: "schedule-add",
      cron: "0 0 9 * * 1-5",
      choice: "rotation",
    });
  });

  it("asks for the missing cron with an example", () => {
    const { error, usage } = failure("schedule add");
    expect(error).toContain("schedule add 0 9 * * 1-5 Europe/Berlin");
    expect(usage).toBe(usageOf("schedule-add"));
    expect(failure("schedule add Europe/Berlin 0 9 * * 1-5").error).toContain("needs a cron expression first");
  });

  it("rejects crons with the wrong number of fields or bad characters", () => {
    expect(failure("schedule add 0 9 * Europe/Berlin").error).toMatch(/^Bad cron "0 9 \*": it needs 5 fields/);
    expect(failure('schedule add "0 9 * *"').error).toMatch(/^Bad cron "0 9 \* \*"/);
    expect(failure('schedule add "0 0 0 9 * * 1-5"').error).toMatch(/^Bad cron/);
    expect(failure('schedule add "0 9 * * 1_5"').error).toBe(
      'Bad cron "0 9 * * 1_5": "1_5" is not a cron field. Example: schedule add 0 9 * * 1-5 Europe/Berlin',
    );
  });

  it("refuses a bare sixth cron field instead of taking it for a deck or window", () => {
    expect(failure("schedule add 0 0 9 * * 1-5").error).toContain(
      'quote a 6-field cron, such as schedule add "0 0 9 * * 1-5"',
    );
  });

  it("validates the time zone and shows a valid example", () => {
    expect(failure("schedule add 0 9 * * * Europe/Berln").error).toBe(
      'Unknown time zone "Europe/Berln". Use an IANA name such as Europe/Berlin or America/New_York.',
    );
    expect(failure("schedule add 0 9 * * * UTC Etc/UTC").error).toBe("Two time zones given: UTC and Etc/UTC.");
  });

  it("reads list and the id commands, with or without #", () => {
    expect(command("schedule list")).toStrictEqual({ name: "schedule-list" });
    expect(command("schedule remove 12")).toStrictEqual({ name: "schedule-remove", id: 12 });
    expect(command("schedule pause #3")).toStrictEqual({ name: "schedule-pause", id: 3 });
    expect(command("schedule resume 7")).toStrictEqual({ name: "schedule-resume", id: 7 });
  });

  it("rejects missing and bad ids", () => {
    expect(failure("schedule remove").error).toBe("schedule remove needs a schedule id, such as schedule remove 12.");
    for (const id of ["0", "-1", "x", "#", "1.5", "12a"]) {
      expect(failure(`schedule pause ${id}`).error).toBe(
        `"${id}" is not a schedule id: use a positive whole number, such as 12 or #12.`,
      );
    }
    expect(failure("schedule resume 1 2").error).toBe('Unexpected "2": schedule resume takes only a schedule id.');
  });
});

describe("drill", () => {
  it("has no defaults of its own", () => {
    expect(command("drill")).toStrictEqual({ name: "drill" });
  });

  it("reads a bare integer as the count, in any position", () => {
    const expected = { name: "drill", deck: "lightweight-sandboxes", count: 20, mode: "type" };
    expect(command("drill lightweight-sandboxes 20 type")).toStrictEqual(expected);
    expect(command("drill type 20 lightweight-sandboxes")).toStrictEqual(expected);
    expect(command("drill 20 TYPE lightweight-sandboxes")).toStrictEqual(expected);
    expect(command("drill choice")).toStrictEqual({ name: "drill", mode: "choice" });
    expect(command("drill flip 1")).toStrictEqual({ name: "drill", count: 1, mode: "flip" });
    expect(command("drill 50")).toStrictEqual({ name: "drill", count: 50 });
  });

  it("rejects counts outside 1 to 50, windows and repeats", () => {
    expect(failure("drill 0").error).toBe('Bad count "0": a drill has 1 to 50 cards.');
    expect(failure("drill 51").error).toBe('Bad count "51": a drill has 1 to 50 cards.');
    expect(failure("drill 30m").error).toBe('drill does not take a window ("30m").');
    expect(failure("drill flip type").error).toBe("Two drill modes given: flip and type.");
    expect(failure("drill 5 10").error).toBe("Two counts given: 5 and 10.");
  });

  it("names a token that is not a deck slug", () => {
    const { error, usage } = failure("drill light_sandboxes");
    expect(error).toBe(
      '"light_sandboxes" is not a deck id: use lowercase letters, digits and dashes, such as lightweight-sandboxes.',
    );
    expect(usage).toBe("drill [deck] [count] [flip|choice|type]");
    expect(failure("drill deck-a deck-b").error).toBe("Two decks given: deck-a and deck-b.");
  });
});

describe("leaderboard, stats, decks, settings, help", () => {
  it("leaderboard defaults to this week by points", () => {
    expect(command("leaderboard")).toStrictEqual({ name: "leaderboard", period: "week", sort: "points" });
  });

  it("leaderboard takes period and ranking in either order", () => {
    const expected = { name: "leaderboard", period: "month", sort: "accuracy" };
    expect(command("leaderboard month accuracy")).toStrictEqual(expected);
    expect(command("leaderboard accuracy month")).toStrictEqual(expected);
    expect(command("leaderboard streak")).toStrictEqual({ name: "leaderboard", period: "week", sort: "streak" });
    expect(command("leaderboard all")).toStrictEqual({ name: "leaderboard", period: "all", sort: "points" });
  });

  it("leaderboard suggests the option meant", () => {
    expect(failure("leaderboard monht").error).toBe('Unknown option "monht" for leaderboard. Did you mean "month"?');
    expect(failure("leaderboard week all").error).toBe("Two periods given: week and all.");
  });

  it("stats takes one user token, kept as typed", () => {
    expect(command("stats")).toStrictEqual({ name: "stats" });
    expect(command("stats <@123>")).toStrictEqual({ name: "stats", user: "<@123>" });
    expect(command('stats "Ana Lima"')).toStrictEqual({ name: "stats", user: "Ana Lima" });
    expect(failure("stats Ana Lima").error).toContain('stats "Ana Lima"');
  });

  it("deck list, decks and deck info", () => {
    expect(command("deck list")).toStrictEqual({ name: "deck-list" });
    expect(command("decks")).toStrictEqual({ name: "deck-list" });
    expect(command("deck info Lightweight-Sandboxes")).toStrictEqual({
      name: "deck-info",
      deck: "lightweight-sandboxes",
    });
    expect(failure("deck info").error).toBe("deck info needs a deck id, such as deck info lightweight-sandboxes.");
    expect(failure("deck info a.b").error).toMatch(/^"a\.b" is not a deck id/);
  });

  it("deck import takes an optional deck id to replace; deck remove needs one; deck reload none", () => {
    expect(command("deck import")).toStrictEqual({ name: "deck-import" });
    expect(command("deck import Spanish-Verbs")).toStrictEqual({ name: "deck-import", deck: "spanish-verbs" });
    expect(failure("deck import a.b").error).toMatch(/^"a\.b" is not a deck id/);
    expect(failure("deck import one two").error).toBe(
      'Unexpected "two": deck import takes only the id of the deck to replace.',
    );
    expect(command("deck remove spanish-verbs")).toStrictEqual({ name: "deck-remove", deck: "spanish-verbs" });
    expect(failure("deck remove").error).toBe(
      "deck remove needs a deck id, such as deck remove lightweight-sandboxes.",
    );
    expect(command("deck reload")).toStrictEqual({ name: "deck-reload" });
    expect(failure("deck reload now").error).toBe('Unexpected "now": deck reload takes no arguments.');
    expect(failure("deck improt").error).toContain('Did you mean "import"?');
  });

  it("settings timezone validates and fixes the case of the zone", () => {
    expect(command("settings timezone Europe/Berlin")).toStrictEqual({
      name: "settings-timezone",
      timeZone: "Europe/Berlin",
    });
    expect(command("settings timezone america/new_york")).toStrictEqual({
      name: "settings-timezone",
      timeZone: "America/New_York",
    });
    expect(failure("settings timezone Berlin").error).toBe(
      'Unknown time zone "Berlin". Use an IANA name such as Europe/Berlin or America/New_York.',
    );
    expect(failure("settings timezone").error).toBe(
      "settings timezone needs a time zone, such as settings timezone Europe/Berlin.",
    );
  });

  it("help takes an optional topic", () => {
    expect(command("help")).toStrictEqual({ name: "help" });
    expect(command("help Schedule Add")).toStrictEqual({ name: "help", topic: "schedule add" });
    expect(command("help /drill")).toStrictEqual({ name: "help", topic: "drill" });
  });
});

describe("words, case and spacing", () => {
  it("ignores case of keywords and extra spaces, tabs and a leading slash", () => {
    expect(command("  QUIZ   Now\tBUTTONS   ")).toStrictEqual({ name: "quiz-now", mode: "buttons" });
    expect(command("/leaderboard ALL Streak")).toStrictEqual({ name: "leaderboard", period: "all", sort: "streak" });
    expect(command("Schedule\u00a0LIST")).toStrictEqual({ name: "schedule-list" });
  });

  it("answers an empty line with a hint", () => {
    for (const line of ["", "   ", "/"]) expect(failure(line).error).toBe("Type help to see the commands.");
  });

  it("suggests the command meant, or lists them", () => {
    const { error, usage } = failure("leaderbord");
    expect(error).toBe('Unknown command "leaderbord". Did you mean "leaderboard"?');
    expect(usage).toBe(
      "quiz · schedule · drill · leaderboard · stats · deck · flag · settings · me · report · digest · help",
    );
    expect(failure("sched").error).toBe('Unknown command "sched". Did you mean "schedule"?');
    expect(failure("xyzzy").error).toBe('Unknown command "xyzzy". Type help to see the commands.');
  });

  it("names unknown and missing subcommands with the group's usage", () => {
    const { error, usage } = failure("schedule lsit");
    expect(error).toBe('Unknown subcommand "lsit" for schedule. Did you mean "list"?');
    expect(usage).toContain("schedule remove <id>");
    expect(failure("quiz start").error).toBe('Unknown subcommand "start" for quiz. Use now or close.');
    expect(failure("deck").error).toBe(
      "deck needs a subcommand: list, info, import, remove, reload, flags, skip or unskip.",
    );
  });

  it("reports an unclosed quote with the usage of the command", () => {
    const { error, usage } = failure('schedule add "0 9 * * 1-5 Europe/Berlin');
    expect(error).toBe('Missing closing quote after "0 9 * * 1-5 Europe/Berlin".');
    expect(usage).toBe(usageOf("schedule-add"));
  });
});

describe("the command table", () => {
  it("has one entry per command, each usage starting with its words, admin ones marked", () => {
    const names = COMMAND_SPECS.map((entry) => entry.name);
    expect(new Set(names).size).toBe(36);
    for (const entry of COMMAND_SPECS) {
      expect(entry.usage.startsWith(entry.name.replace("-", " "))).toBe(true);
      expect(entry.summary.length).toBeGreaterThan(10);
    }
    const admin = COMMAND_SPECS.filter((entry) => entry.admin).map((entry) => entry.name);
    expect(admin.sort()).toStrictEqual([
      "deck-flags",
      "deck-import",
      "deck-reload",
      "deck-remove",
      "deck-skip",
      "deck-unskip",
      "digest-add",
      "digest-list",
      "digest-remove",
      "quiz-close",
      "report",
      "report-export",
      "schedule-add",
      "schedule-list",
      "schedule-pause",
      "schedule-remove",
      "schedule-resume",
      "settings-timezone",
    ]);
  });
});

describe("never throws", () => {
  const ALPHABET = [
    ..."abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    ..." \t\n\u00a0/#@<>*,-?_.:+",
    ..."\"“”„'`",
    "é",
    "ß",
    "İ",
    "🦀",
    "\u0000",
    "\ud800",
    "漢",
  ];
  const WORDS = [
    "quiz",
    "now",
    "close",
    "schedule",
    "add",
    "remove",
    "drill",
    "leaderboard",
    "stats",
    "deck",
    "info",
    "settings",
    "timezone",
    "help",
    "next",
    "30m",
    "*",
    "0",
    "Europe/Berlin",
    "constructor",
    "__proto__",
  ];

  function isWellFormed(result: ParseResult): boolean {
    if (result.ok) return typeof result.command.name === "string";
    return result.error.length > 0 && !result.error.startsWith("Sorry") && typeof result.usage === "string";
  }

  it("returns a result for thousands of random lines", () => {
    const rng = seededRng(20240611);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
    let malformed: string | undefined;
    for (let i = 0; i < 3000 && malformed === undefined; i += 1) {
      const length = Math.floor(rng() * 12);
      const parts = Array.from({ length }, () =>
        rng() < 0.5 ? pick(WORDS) : Array.from({ length: 1 + Math.floor(rng() * 6) }, () => pick(ALPHABET)).join(""),
      );
      const line = parts.join(rng() < 0.8 ? " " : "");
      if (!isWellFormed(parseCommand(line))) malformed = line;
    }
    expect(malformed).toBeUndefined();
  });

  // A backtracking pattern would hang here, caught by the generous timeout; how fast it parses is bench's business.
  it("handles very long lines and lone quotes without hanging", { timeout: 30_000 }, () => {
    const lines = [
      "quiz now ".repeat(20_000),
      `drill ${"a".repeat(200_000)}`,
      `schedule add ${'" '.repeat(50_000)}`,
      `quiz now ${"„a ".repeat(50_000)}`,
      `leaderboard ${"1h".repeat(50_000)}x`,
      '"',
      "“",
      'stats "',
      "🦀🦀🦀",
      "\u0000\u0000",
    ];
    for (const line of lines) expect(isWellFormed(parseCommand(line))).toBe(true);
    expect(failure(`drill ${"a".repeat(200_000)}`).error.length).toBeLessThan(200);
  });

  it("makes each usage line from the words and the arguments, choices spelled out", () => {
    const usages = Object.fromEntries(COMMAND_SPECS.map((spec) => [spec.name, spec.usage]));
    expect(usages["schedule-add"]).toBe(
      "schedule add <cron> [tz] [deck] [buttons|reactions] [window|next] [rotation|weakest] [thread] [ping <role>]",
    );
    expect(usages.leaderboard).toBe("leaderboard [week|month|all] [points|streak|accuracy]");
    expect(usages["deck-import"]).toBe("deck import [deck]");
    expect(usages.help).toBe("help [command]");
  });

  it("matches a help topic against the command words, not the usage's placeholders", () => {
    const labels = (topic: string) =>
      helpView(COMMAND_SPECS, { topic, isAdmin: true })
        .blocks.flatMap((block) => (block.type === "fields" ? block.fields : []))
        .map((field) => field.label);
    expect(labels("deck i")).toStrictEqual(["deck info <deck>", "deck import [deck] (admin)"]);
    expect(labels("schedule")).toHaveLength(5);
    expect(labels("deck info <deck>")).toHaveLength(COMMAND_SPECS.length);
  });
});

describe("report and digest", () => {
  it("report takes a deck and a period in any order, this week unless said, with or without show", () => {
    expect(command("report")).toStrictEqual({ name: "report", period: "week" });
    expect(command("report month capitals")).toStrictEqual({ name: "report", deck: "capitals", period: "month" });
    expect(command("report show capitals all-time")).toStrictEqual({ name: "report", deck: "capitals", period: "all" });
    expect(command("report export")).toStrictEqual({ name: "report-export", period: "week" });
    expect(command("report export all capitals")).toStrictEqual({
      name: "report-export",
      deck: "capitals",
      period: "all",
    });
    expect(usageOf("report")).toBe("report [deck] [week|month|all]");
  });

  it("refuses a period that is not one, with an example", () => {
    const { error, usage } = failure("report week month");
    expect(error).toBe("Two periods given: week and month. Example: report lightweight-sandboxes month");
    expect(usage).toBe("report [deck] [week|month|all]");
    expect(failure("report export 2w").error).toBe(
      'report export does not take a window ("2w"). Example: report export lightweight-sandboxes month',
    );
  });

  it("digest add takes a cron and a time zone; list and remove take nothing and an id", () => {
    expect(command("digest add 0 17 * * 5 Europe/Berlin")).toStrictEqual({
      name: "digest-add",
      cron: "0 17 * * 5",
      timeZone: "Europe/Berlin",
    });
    expect(command('digest add "0 8 * * 1"')).toStrictEqual({ name: "digest-add", cron: "0 8 * * 1" });
    expect(command("digest list")).toStrictEqual({ name: "digest-list" });
    expect(command("digest remove #3")).toStrictEqual({ name: "digest-remove", id: 3 });
    expect(failure("digest add").error).toBe(
      "digest add needs a cron expression first, such as digest add 0 17 * * 5 Europe/Berlin.",
    );
    expect(failure("digest add 0 17 * * 5 capitals").error).toBe('Unknown option "capitals" for digest add.');
    expect(failure("digest remove").error).toBe("digest remove needs a digest id, such as digest remove 12.");
  });
});

describe("a refused line", () => {
  it("names the command word it started with, so a typed answer can be told it looked like one", () => {
    const named = (line: string) => {
      const result = parseCommand(line);
      return result.ok ? "parsed" : result.commandWord;
    };
    expect(named(`flag capitals france ${"x".repeat(501)}`)).toBe("flag");
    expect(named("deck of cards")).toBe("deck");
    expect(named('flag capitals france "unclosed')).toBe("flag");
    expect(named("/Deck of cards")).toBe("deck");
    expect(named("container runtime")).toBeUndefined();
    expect(named("")).toBeUndefined();
    expect(named("stats")).toBe("parsed");
  });
});
