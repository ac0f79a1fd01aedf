import { existsSync } from "node:fs";
import { join } from "node:path";
import { InteractionResponseType } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import { registerCommands } from "../../../src/platforms/discord/register.js";
import { runDoctor } from "../../../src/services/doctor.js";
import { openDatabase } from "../../../src/store/database.js";
import { BOT_TOKEN, FakeDiscord, type FakeMember, GUILD_ID } from "../../discord/fakeDiscord.js";
import { ANA, buttonsOf, QUIZ_CHANNEL } from "../../discord/harness.js";
import { closeAfterTest } from "../../kit/closeAfterTest.js";
import { freePort, type StudybotProcess, spawnStudybot } from "../../kit/studybotProcess.js";
import { useTempDir } from "../../kit/tempDir.js";
import { eventually } from "../../kit/eventually.js";

const CALLBACK = "/interactions/:interaction/:token/callback";

describe("studybot start: health and graceful shutdown, as a child process", () => {
  const tempDir = useTempDir("studybot-shutdown-");
  let fake: FakeDiscord | undefined;
  let bot: StudybotProcess | undefined;
  afterEach(async () => {
    if (bot && bot.child.exitCode === null && bot.child.signalCode === null) {
      bot.child.kill("SIGKILL");
      await bot.exit;
    }
    await fake?.close();
  });

  it("reports health, backs up while running, answers a burst of commands politely, and on SIGTERM stops taking events, lets the reply under way finish, closes the database and exits 0", async () => {
    fake = await FakeDiscord.start();
    const members: FakeMember[] = [
      ANA,
      ...Array.from({ length: 30 }, (_, i) => ({ id: `15000000000000000${10 + i}`, username: `m${i}` })),
    ];
    for (const member of members) fake.addMember(member);
    await registerCommands({ token: BOT_TOKEN, apiBase: fake.apiBase }, GUILD_ID);
    const database = join(tempDir(), "studybot.db");
    const healthPort = await freePort();
    bot = spawnStudybot(["start"], {
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_API_BASE: fake.apiBase,
      DATABASE_PATH: database,
      HEALTH_PORT: String(healthPort),
      LOG_LEVEL: "info",
    });
    const running = bot;
    await eventually(() => running.err().includes('"msg":"studybot running"'), "the bot to start", 30_000);

    const health = await fetch(`http://127.0.0.1:${healthPort}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: "ok",
      database: "ok",
      platforms: { discord: "connected" },
      shards: { discord: { 0: "ready" } },
    });

    const quizNow = fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now");
    await eventually(() => quizNow.callbacks[0], "the reply to quiz now");
    const quizMessage = await eventually(() => fake?.messagesIn(QUIZ_CHANNEL)[0], "the quiz message");
    const buttons = buttonsOf(quizMessage);

    // A backup taken while the bot runs opens as a sound copy with the quiz in it.
    const copy = join(tempDir(), "backup.db");
    const backup = spawnStudybot(["backup", copy], { DATABASE_PATH: database });
    expect((await backup.exit).code).toBe(0);
    const copied = openDatabase(copy, { readonly: true });
    expect(copied.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(copied.prepare("SELECT COUNT(*) AS n FROM quizzes").get()).toEqual({ n: 1 });
    copied.close();

    // Commands past a person's burst get a polite private answer (clicks are not commands: they stay unlimited).
    const burst = Array.from({ length: 11 }, () => fake?.sendCommand(members[1]?.id ?? "", QUIZ_CHANNEL, "help"));
    const lastReply = await eventually(() => burst.at(-1)?.callbacks[0]?.response, "the eleventh reply");
    expect(
      lastReply.type === InteractionResponseType.ChannelMessageWithSource && lastReply.data?.embeds?.[0]?.title,
    ).toBe("One moment, please");

    // The first click's acknowledgement meets a 429: its handler is still running when SIGTERM arrives.
    fake.failNext("POST", CALLBACK, { status: 429, retryAfterSeconds: 0.5 });
    const slow = fake.click(members[1]?.id ?? "", quizMessage.id, buttons[0]?.customId ?? "");
    await eventually(() => fake?.callsTo("POST", CALLBACK).some((call) => call.status === 429), "the 429");
    const before = members
      .slice(2, 20)
      .map((member, i) => fake?.click(member.id, quizMessage.id, buttons[i % 4]?.customId ?? ""));
    running.child.kill("SIGTERM");
    await eventually(() => running.err().includes('"msg":"shutting down"'), "the shutdown to begin");
    const after = members.slice(20).map((member) => fake?.click(member.id, quizMessage.id, buttons[0]?.customId ?? ""));

    expect(await running.exit).toEqual({ code: 0, signal: null });
    expect(running.err()).toContain('"msg":"stopped: database checkpointed and closed"');
    expect(running.err()).not.toContain(BOT_TOKEN);
    // The reply under way was finished before disconnecting.
    expect(slow.callbacks).toHaveLength(1);
    expect(fake.connected).toBe(false);
    // Checkpointed and closed: no write-ahead log is left beside the file.
    expect(existsSync(`${database}-wal`)).toBe(false);

    const db = closeAfterTest(openDatabase(database));
    const answered = new Set(
      db
        .prepare<[], { external_id: string }>(
          "SELECT external_id FROM answers JOIN users ON users.id = answers.user_id",
        )
        .all()
        .map((row) => row.external_id),
    );
    for (const click of [slow, ...before]) {
      if (click && click.callbacks.length > 0) expect(answered).toContain(click.userId);
    }
    // Clicks that came after the shutdown began were not taken: nothing recorded, and those that arrived
    // before the disconnect were told so.
    for (const click of after) {
      expect(answered).not.toContain(click?.userId);
      const response = click?.callbacks[0]?.response;
      if (response)
        expect(
          response.type === InteractionResponseType.ChannelMessageWithSource && response.data?.embeds?.[0]?.title,
        ).toBe("studybot is restarting");
    }
    expect(after.some((click) => click?.callbacks.length)).toBe(true);
    expect(runDoctor(db, { fix: false })).toMatchObject({ integrity: [], foreignKeys: [], drift: [] });
  }, 60_000);
});
