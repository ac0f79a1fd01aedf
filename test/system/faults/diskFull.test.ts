import { rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startCheckpointer } from "../../../src/store/checkpointer.js";
import { RecordingLogger } from "../../kit/recordingLogger.js";
import { useTempDir } from "../../kit/tempDir.js";
import { eventually } from "../../kit/eventually.js";
import {
  answerButton,
  PEOPLE,
  postQuiz,
  QUIZ_CHANNEL,
  type SlackTestBot,
  shownText,
  startSlackBot,
} from "../../slack/harness.js";
import { fillDisk, mountSmallDisk, unmount } from "./tmpfs.js";

describe("faults: the disk that holds the database is full", () => {
  const tempDir = useTempDir("studybot-faults-");
  let disk = "";
  let mountRefused: string | undefined;
  let t: SlackTestBot | undefined;
  beforeEach(() => {
    disk = tempDir();
    mountRefused = mountSmallDisk(disk);
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
    if (!mountRefused) unmount(disk);
  });

  it("answers a click and a rating 'not recorded' with a log line, then records them once space is freed", async (ctx) => {
    if (mountRefused) ctx.skip(`a 2 MB tmpfs could not be mounted (root needed): ${mountRefused}`);
    const log = new RecordingLogger();
    t = await startSlackBot(disk, "http", { logger: log });
    const { fake, bot } = t;
    const { quiz, ts } = await postQuiz(t);
    const privateTo = (user: string) => fake.callsTo("chat.postEphemeral").filter((call) => call.args.user === user);
    const replyTo = (url: string) =>
      eventually(() => fake.callsTo("response_url").find((call) => call.args.url === url), `a reply to ${url}`);
    const drill = await replyTo((await fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "drill")).responseUrl);
    const card = await replyTo(
      (await fake.clickEphemeralButton(drill, QUIZ_CHANNEL, PEOPLE.ana.id, "Show answer")).responseUrl,
    );
    const rateGood = () =>
      fake.clickEphemeralButton(card, QUIZ_CHANNEL, PEOPLE.ana.id, (b) => b.text.startsWith("Good"));

    const filler = fillDisk(disk);
    expect((await fake.click(PEOPLE.ben.id, { channel: QUIZ_CHANNEL, ts }, answerButton(0))).status).toBe(200);
    const rating = await rateGood();
    expect(rating.status).toBe(200);
    // An answer is apologised for in the channel, a rating on its drill message.
    const answerReply = await eventually(() => privateTo(PEOPLE.ben.id)[0], "the private reply to Ben");
    expect(shownText(answerReply.args)).toContain("not recorded");
    expect(shownText((await replyTo(rating.responseUrl)).args)).toContain("not recorded");
    const failures = log.entries.filter((entry) => entry.level === "error");
    expect(failures.map((entry) => entry.msg)).toEqual([
      "slack request failed after its ack",
      "slack request failed after its ack",
    ]);
    expect(failures.map((entry) => String((entry.obj as { err?: unknown }).err))).toEqual([
      expect.stringContaining("database or disk is full"),
      expect.stringContaining("database or disk is full"),
    ]);
    expect(bot.store.answers.forQuiz(quiz.id)).toHaveLength(0);

    rmSync(filler);
    await fake.click(PEOPLE.ben.id, { channel: QUIZ_CHANNEL, ts }, answerButton(quiz.correctIndex));
    expect(shownText((await eventually(() => privateTo(PEOPLE.ben.id)[1], "Ben's second reply")).args)).toContain(
      "Right!",
    );
    expect(shownText((await replyTo((await rateGood()).responseUrl)).args)).toContain("rated Good");
    expect(bot.store.answers.forQuiz(quiz.id)).toHaveLength(1);
  });

  it("reports failing checkpoints once, then at most once a minute, and their recovery", async (ctx) => {
    if (mountRefused) ctx.skip(`a 2 MB tmpfs could not be mounted (root needed): ${mountRefused}`);
    t = await startSlackBot(disk, "http");
    await postQuiz(t);
    let now = 0;
    const reports: { error: string; failures: number }[] = [];
    const recoveries: number[] = [];
    const filler = fillDisk(disk);
    const checkpointer = startCheckpointer(t.bot.store.db, {
      intervalMs: 10,
      now: () => now,
      onFailing: (failing) => reports.push(failing),
      onRecovered: (failures) => recoveries.push(failures),
    });
    try {
      await eventually(() => reports.length === 1, "the first report of a failing checkpoint");
      const first = reports[0];
      expect(first?.error).toContain("database or disk is full");
      // Many more checkpoints fail within the same minute: not one more line.
      now = 59_999;
      await new Promise((wake) => setTimeout(wake, 200));
      expect(reports).toHaveLength(1);
      now = 60_000;
      await eventually(() => reports.length === 2, "the report a minute later");
      expect(reports[1]?.failures).toBeGreaterThan(5);

      rmSync(filler);
      await eventually(() => recoveries.length === 1, "the recovery");
      expect(recoveries[0]).toBeGreaterThan(5);
    } finally {
      await checkpointer.stop();
    }
  });
});
