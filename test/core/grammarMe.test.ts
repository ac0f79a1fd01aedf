import { describe, expect, it } from "vitest";
import type { Command } from "../../src/core/commands.js";
import { COMMAND_SPECS, parseCommand } from "../../src/core/grammar.js";
import { commandLine, slashCommands } from "../../src/platforms/discord/commands.js";

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

describe("me", () => {
  it("alone, or as me settings, shows the settings", () => {
    expect(command("me")).toStrictEqual({ name: "me" });
    expect(command("/me settings")).toStrictEqual({ name: "me" });
  });

  it("names an unknown subcommand with the ones there are", () => {
    const { error, usage } = failure("me remnid 07:30");
    expect(error).toMatch(/Unknown subcommand "remnid" for me\. Did you mean "remind"\?/);
    expect(usage).toContain("me remind <HH:MM|off> [streak]");
  });

  it("timezone takes one IANA zone, in any case, and refuses an unknown one with an example", () => {
    expect(command("me timezone america/new_york")).toStrictEqual({
      name: "me-timezone",
      timeZone: "America/New_York",
    });
    expect(command("me tz UTC")).toStrictEqual({ name: "me-timezone", timeZone: "UTC" });
    expect(failure("me timezone Mars/Olympus").error).toMatch(/Unknown time zone "Mars\/Olympus".*Europe\/Berlin/);
    expect(failure("me timezone").error).toBe("me timezone needs a time zone, such as me timezone Europe/Berlin.");
    expect(failure("me timezone UTC Europe/Paris").error).toMatch(/Unexpected "Europe\/Paris"/);
  });

  it("remind takes a 24-hour time, the streak nudge, or off", () => {
    expect(command("me remind 7:05")).toStrictEqual({ name: "me-remind", reminder: { at: "07:05", streak: false } });
    expect(command("me remind 23:59 STREAK")).toStrictEqual({
      name: "me-remind",
      reminder: { at: "23:59", streak: true },
    });
    expect(command("me remind off")).toStrictEqual({ name: "me-remind", reminder: "off" });
  });

  it("remind refuses what is not HH:MM, with an example", () => {
    for (const bad of ["25:00", "7pm", "07:60", "0730", "-1:00"]) {
      expect(failure(`me remind ${bad}`).error).toBe(
        `"${bad}" is not a time: use 24-hour HH:MM, such as me remind 07:30 or me remind 19:00.`,
      );
    }
    expect(failure("me remind").error).toMatch(/needs a time, such as me remind 07:30/);
    expect(failure("me remind 07:30 loudly").error).toMatch(/Unexpected "loudly".*only the word streak/);
    expect(failure("me remind 07:30 streak now").error).toMatch(/Unexpected "now"/);
    expect(failure("me remind off streak").error).toMatch(/Unexpected "streak": me remind off takes nothing more/);
  });

  it("pause takes 1 to 90 days or off", () => {
    expect(command("me pause 1")).toStrictEqual({ name: "me-pause", days: 1 });
    expect(command("me pause 90")).toStrictEqual({ name: "me-pause", days: 90 });
    expect(command("me pause OFF")).toStrictEqual({ name: "me-pause", days: "off" });
    for (const bad of ["91", "0", "-3", "1w", "two"]) {
      expect(failure(`me pause ${bad}`).error).toBe(
        `Bad pause "${bad}": give 1 to 90 days, such as me pause 7, or me pause off to end it.`,
      );
    }
    expect(failure("me pause").error).toMatch(/needs a number of days, such as me pause 7/);
  });

  it("new and reviews take 0 to 500 per day", () => {
    expect(command("me new 0")).toStrictEqual({ name: "me-new", perDay: 0 });
    expect(command("me reviews 500")).toStrictEqual({ name: "me-reviews", perDay: 500 });
    for (const bad of ["501", "-1", "ten", "2.5"]) {
      expect(failure(`me new ${bad}`).error).toBe(
        `Bad limit "${bad}": give a whole number from 0 to 500, such as me new 20.`,
      );
    }
    expect(failure("me reviews").error).toMatch(/me reviews needs a number per day, such as me reviews 20/);
  });

  it("hide, show and export take nothing; forget takes at most its confirmation code", () => {
    expect(command("me hide")).toStrictEqual({ name: "me-hide" });
    expect(command("me show")).toStrictEqual({ name: "me-show" });
    expect(command("me export")).toStrictEqual({ name: "me-export" });
    expect(command("me forget")).toStrictEqual({ name: "me-forget" });
    expect(command("me forget Ab12Cd34")).toStrictEqual({ name: "me-forget", code: "Ab12Cd34" });
    expect(failure("me hide now").error).toMatch(/me hide takes no arguments/);
    expect(failure("me forget a b").error).toMatch(/Unexpected "b"/);
  });

  it("is open to every member", () => {
    expect(COMMAND_SPECS.filter((spec) => spec.words[0] === "me").every((spec) => !spec.admin)).toBe(true);
  });
});

describe("me on Discord", () => {
  const me = slashCommands().find((each) => each.name === "me");

  it("is one /me whose settings subcommand stands for the word alone", () => {
    const names = (me?.options ?? []).map((option) => option.name);
    expect(names).toEqual([
      "settings",
      "timezone",
      "remind",
      "pause",
      "new",
      "reviews",
      "hide",
      "show",
      "export",
      "forget",
    ]);
    expect(commandLine({ command: "me", subcommand: "settings", options: [] })).toBe("me");
  });

  it("bounds the daily limits in the form itself", () => {
    const limit = me?.options?.find((option) => option.name === "new") as { options?: object[] } | undefined;
    expect(limit?.options?.[0]).toMatchObject({ name: "count", min_value: 0, max_value: 500, required: true });
  });
});
