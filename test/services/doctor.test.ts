import { spawnSync } from "node:child_process";
import { closeSync, openSync, statSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { handleCommand } from "../../src/services/commandRouter.js";
import { doctorLines, runDoctor } from "../../src/services/doctor.js";
import { openDatabase } from "../../src/store/database.js";
import { callerOf, drillButton, rateButton } from "../drills/helpers.js";
import { actor, makeServices, type TestBot } from "../helpers/fakes.js";
import { makeReadOnly } from "../helpers/readOnly.js";
import { useTempDir } from "../helpers/tempDir.js";

const root = resolve(import.meta.dirname, "../..");

/** Three days of quizzes answered by three people, and a drill: every kind of kept number has rows. */
async function studyForThreeDays(bot: TestBot): Promise<void> {
  const { services, clock } = bot;
  for (let day = 0; day < 3; day++) {
    await handleCommand(services, actor("ana", { isAdmin: true }), "quiz now");
    const quiz = services.store.quizzes.findOpenInChannel(callerOf(bot, "ana").community.id, "quiz-channel");
    if (!quiz) throw new Error("no quiz");
    for (const [index, name] of ["ana", "bo", "cy"].entries()) {
      if (day === 1 && name === "cy") continue;
      const { community, member } = callerOf(bot, name);
      clock.advance(1_000);
      services.quizzes.answer({
        quizId: quiz.id,
        nonce: quiz.nonce,
        community,
        member,
        choice: (quiz.correctIndex + index) % 4,
      });
    }
    const learner = callerOf(bot, "bo");
    let view = services.drills.start(learner, { count: 2 });
    for (let card = 0; card < 2; card++) {
      view = services.drills.act(learner, drillButton(view, "show"));
      view = services.drills.act(learner, rateButton(view, card === 0 ? "good" : "again"));
    }
    clock.advance(24 * 3_600_000);
  }
}

function studybot(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", "tsx", join(root, "src/cli.ts"), ...args], {
    cwd: root,
    env: { ...process.env, DISCORD_TOKEN: "", SLACK_BOT_TOKEN: "", ...env },
    encoding: "utf8",
  });
}

describe("studybot doctor", () => {
  const tempDir = useTempDir("studybot-doctor-");
  let bot: TestBot | undefined;
  afterEach(() => {
    bot?.close();
    bot = undefined;
  });

  it("finds nothing to repair where every number was kept as the answers and reviews happened", async () => {
    bot = makeServices(join(tempDir(), "studybot.db"));
    await studyForThreeDays(bot);
    const report = runDoctor(bot.store.db, { fix: false });
    expect(report).toMatchObject({ integrity: [], foreignKeys: [], drift: [], fixed: false });
    expect(doctorLines(report)).toEqual({
      healthy: true,
      lines: [
        "Database file: ok (integrity_check).",
        "References: ok (foreign_key_check).",
        "Stats, streaks, quiz counts, card accuracy and drill memory: all match the answers and reviews.",
      ],
    });
  });

  it("reports each kept number that drifted from the raw answers and reviews, and --fix makes them match again", async () => {
    bot = makeServices(join(tempDir(), "studybot.db"));
    await studyForThreeDays(bot);
    const { db } = bot.store;
    const { services } = bot;
    const board = async () => (await handleCommand(services, actor("ana"), "leaderboard all")).view;
    const before = await board();

    db.prepare(
      "UPDATE period_stats SET points = points + 15, answered = answered + 1 WHERE period = 'all' AND user_id = 1",
    ).run();
    db.prepare("DELETE FROM user_streaks WHERE user_id = 2").run();
    db.prepare("UPDATE quizzes SET answered = 7, first_correct_user_id = NULL WHERE id = 1").run();
    db.prepare("UPDATE card_stats SET correct = correct + 1").run();
    db.prepare(
      "INSERT INTO period_stats (community_id, period, user_id, points, answered, correct, accuracy) VALUES (1, '2020-W01', 3, 99, 1, 1, 1)",
    ).run();
    db.prepare("UPDATE card_memory SET due = due + 86400000 WHERE user_id = 2 AND card_id = 'france'").run();

    const found = runDoctor(db, { fix: false });
    expect(found.drift.map((entry) => entry.kind).sort()).toEqual([
      "card",
      "card",
      "card",
      "memory",
      "period",
      "period",
      "quiz",
      "streak",
    ]);
    const { lines, healthy } = doctorLines(found);
    expect(healthy).toBe(false);
    expect(lines).toContain("8 kept numbers differ from what the answers and reviews imply:");
    expect(lines.join("\n")).toMatch(/leaderboard all, test guild-1 · ana: kept \d+ pts, \d\/\d right, answers say/);
    expect(lines.at(-1)).toBe("Run studybot doctor --fix to repair them.");

    const fixed = runDoctor(db, { fix: true });
    expect(fixed.fixed).toBe(true);
    expect(doctorLines(fixed).lines.at(-1)).toBe("Repaired: each is now what the answers and reviews imply.");
    expect(runDoctor(db, { fix: false }).drift).toEqual([]);
    expect(await board()).toEqual(before);
  });

  it("names rows whose references point at nothing, and a damaged file, without touching it", () => {
    const file = join(tempDir(), "studybot.db");
    const db = openDatabase(file);
    db.pragma("foreign_keys = OFF");
    db.prepare(
      "INSERT INTO user_streaks (user_id, community_id, current_streak, best_streak) VALUES (42, 1, 1, 1)",
    ).run();
    db.pragma("foreign_keys = ON");
    const report = runDoctor(db, { fix: true });
    expect(report.foreignKeys).toEqual(["user_streaks row 42 points at a missing users row"]);
    expect(doctorLines(report).healthy).toBe(false);
    db.close();
  });

  it("runs from the command line: exit 0 when healthy, 1 with drift or damage, 2 for a bad flag", async () => {
    const dir = tempDir();
    const file = join(dir, "studybot.db");
    bot = makeServices(file);
    await studyForThreeDays(bot);
    bot.store.db.prepare("UPDATE user_streaks SET best_streak = 40").run();
    bot.close();
    bot = undefined;

    const env = { DATABASE_PATH: file };
    const check = studybot(["doctor"], env);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain("Run studybot doctor --fix to repair them.");
    const fix = studybot(["doctor", "--fix"], env);
    expect(fix.status).toBe(0);
    expect(fix.stdout).toContain("Repaired");
    expect(studybot(["doctor"], env).status).toBe(0);
    expect(studybot(["doctor", "--force"], env).status).toBe(2);
    expect(studybot(["doctor"], { DATABASE_PATH: join(dir, "missing.db") }).stderr).toContain("There is no database");

    // Zeros over the middle of the file: pages the schema points at now hold nothing sensible.
    const size = statSync(file).size;
    const fd = openSync(file, "r+");
    writeSync(fd, Buffer.alloc(Math.floor(size / 2)), 0, Math.floor(size / 2), Math.floor(size / 4));
    closeSync(fd);
    const damaged = studybot(["doctor", "--fix"], env);
    expect(damaged.status).toBe(1);
    expect(damaged.stdout).toContain("Database file is damaged");
    expect(damaged.stdout).toContain("restore the latest backup");
  }, 60_000);

  it("looks (without --fix) at a database in a folder it may not write, and --fix says what stops it", async () => {
    const dir = tempDir();
    const file = join(dir, "studybot.db");
    bot = makeServices(file);
    await studyForThreeDays(bot);
    bot.close();
    bot = undefined;
    const undo = makeReadOnly(dir);
    try {
      const look = studybot(["doctor"], { DATABASE_PATH: file });
      expect(look.stdout).toContain("Database file: ok (integrity_check).");
      expect(look.status).toBe(0);
      const fix = studybot(["doctor", "--fix"], { DATABASE_PATH: file });
      expect(fix.status).toBe(1);
      expect(fix.stderr).toMatch(new RegExp(`^${file} (cannot be opened|cannot be written)`));
    } finally {
      undo();
    }
  }, 60_000);
});
