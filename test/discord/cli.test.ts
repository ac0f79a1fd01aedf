import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { registerCommands } from "../../src/platforms/discord/register.js";
import { type StudybotProcess, spawnStudybot } from "../kit/studybotProcess.js";
import { useTempDir } from "../kit/tempDir.js";
import { BOT_TOKEN, FakeDiscord, GUILD_ID } from "./fakeDiscord.js";
import { ANA, embedText, QUIZ_CHANNEL, replyData } from "./harness.js";
import { eventually } from "../kit/eventually.js";

describe("studybot CLI with Discord", () => {
  const tempDir = useTempDir("studybot-discord-cli-");
  let fake: FakeDiscord | undefined;
  let running: StudybotProcess | undefined;
  afterEach(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill("SIGKILL");
      await running.exit;
    }
    running = undefined;
    await fake?.close();
    fake = undefined;
  });

  it("register-commands registers in one server with --guild, globally without, and refuses a bad flag or token", async () => {
    fake = await FakeDiscord.start();
    const env = {
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_API_BASE: fake.apiBase,
      DATABASE_PATH: join(tempDir(), "db.sqlite"),
    };

    // Four separate runs, side by side: each start of the CLI costs a second.
    const [guild, global, badFlag, badToken] = [
      spawnStudybot(["register-commands", "--guild", GUILD_ID], env),
      spawnStudybot(["register-commands"], env),
      spawnStudybot(["register-commands", "--guild", "general"], env),
      spawnStudybot(["register-commands"], { ...env, DISCORD_TOKEN: "not-the-token" }),
    ];
    expect((await guild.exit).code).toBe(0);
    expect(guild.out()).toBe(
      `Registered 13 commands (server ${GUILD_ID}): /quiz /schedule /drill /leaderboard /stats /deck /flag /settings /me /report /digest /help "Make a flashcard" (message menu)\n`,
    );
    expect(fake.guildCommands).toHaveLength(13);

    expect((await global.exit).code).toBe(0);
    expect(global.out()).toContain("Registered 13 commands (global)");
    expect(fake.globalCommands).toHaveLength(13);

    expect((await badFlag.exit).code).toBe(2);
    expect(badFlag.err()).toContain("Usage: studybot register-commands [--guild ID]");

    expect((await badToken.exit).code).toBe(1);
    expect(badToken.err()).toContain("Discord refused the commands");
  }, 60_000);

  it("start with DISCORD_TOKEN runs the Discord bot until SIGTERM", async () => {
    fake = await FakeDiscord.start();
    fake.addMember(ANA);
    await registerCommands({ token: BOT_TOKEN, apiBase: fake.apiBase }, GUILD_ID);
    running = spawnStudybot(["start"], {
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_API_BASE: fake.apiBase,
      DATABASE_PATH: join(tempDir(), "studybot.db"),
      LOG_LEVEL: "info",
    });
    const started = running;
    await eventually(() => started.err().includes('"msg":"discord connected"'), "the bot to connect", 20_000);

    const quizNow = fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now");
    const reply = replyData(await eventually(() => quizNow.callbacks[0]?.response, "the reply"));
    expect(embedText(reply)).toContain("Quiz #1 is up in this channel.");
    const [message] = fake.messagesIn(QUIZ_CHANNEL);
    expect(message?.embeds[0]?.title).toBe("Quiz #1 · L12 – Lightweight sandboxes");

    started.child.kill("SIGTERM");
    expect((await started.exit).code).toBe(0);
    expect(fake.connected).toBe(false);
  }, 60_000);
});
