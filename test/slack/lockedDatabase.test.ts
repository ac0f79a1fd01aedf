import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { useTempDir } from "../kit/tempDir.js";
import {
  answerButton,
  ephemeralFor,
  PEOPLE,
  postQuiz,
  QUIZ_CHANNEL,
  type SlackTestBot,
  shownText,
  startSlackBot,
} from "./harness.js";

describe("Slack: a click while the database is locked", () => {
  const tempDir = useTempDir("studybot-slack-");
  let t: SlackTestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("is acknowledged, then answered privately that it was not recorded; clicking again counts", async () => {
    const dir = tempDir();
    t = await startSlackBot(dir, "http");
    const { fake, bot } = t;
    const { quiz, ts } = await postQuiz(t);
    // Past its busy timeout the store gives up; 5 s in production, short here.
    bot.store.db.pragma("busy_timeout = 50");
    const locker = new Database(join(dir, "studybot.db"));
    try {
      locker.exec("BEGIN IMMEDIATE");
      const click = await fake.click(PEOPLE.ben.id, { channel: QUIZ_CHANNEL, ts }, answerButton(0));
      expect(click.status).toBe(200);
      const reply = await ephemeralFor(fake, PEOPLE.ben.id);
      expect(shownText(reply.args)).toContain("not recorded");
    } finally {
      locker.exec("ROLLBACK");
      locker.close();
    }
    expect(bot.store.answers.forQuiz(quiz.id)).toHaveLength(0);

    await fake.click(PEOPLE.ben.id, { channel: QUIZ_CHANNEL, ts }, answerButton(quiz.correctIndex));
    expect(shownText((await ephemeralFor(fake, PEOPLE.ben.id, 2)).args)).toContain("Right!");
    expect(bot.store.answers.forQuiz(quiz.id)).toHaveLength(1);
  });
});
