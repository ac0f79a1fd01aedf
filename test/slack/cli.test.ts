import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { useTempDir } from "../kit/tempDir.js";
import { APP_TOKEN, BOT_TOKEN, FakeSlack } from "./fakeSlack.js";
import { PEOPLE, QUIZ_CHANNEL, shownText } from "./harness.js";

describe("Slack: studybot start", () => {
  const tempDir = useTempDir("studybot-slack-cli-");
  let child: ChildProcess | undefined;
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    child?.kill("SIGKILL");
    await fake?.close();
  });

  it("runs the Slack app from the environment and stops cleanly on SIGTERM", async () => {
    fake = await FakeSlack.start();
    fake.addUser(PEOPLE.admin);
    let stderr = "";
    child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "start"], {
      env: {
        PATH: process.env.PATH,
        DATABASE_PATH: join(tempDir(), "studybot.db"),
        DECKS_DIR: "decks",
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_APP_TOKEN: APP_TOKEN,
        SLACK_API_URL: fake.apiUrl,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child?.once("exit", (code) => resolve(code)));

    const connected = fake;
    await connected.waitFor(() => connected.socketConnections > 0, "the Socket Mode connection", 15_000);
    await connected.slashCommand("quiz now", { user: PEOPLE.admin.id, channel: QUIZ_CHANNEL });
    const posted = await connected.waitForCall("chat.postMessage");
    expect(posted.args.channel).toBe(QUIZ_CHANNEL);
    expect(shownText(posted.args)).toContain("Lightweight sandboxes");

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toBe("");
  });
});
