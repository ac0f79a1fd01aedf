import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type StudybotProcess, spawnStudybot } from "../kit/studybotProcess.js";
import { useTempDir } from "../kit/tempDir.js";
import { APP_TOKEN, BOT_TOKEN, FakeSlack } from "./fakeSlack.js";
import { PEOPLE, QUIZ_CHANNEL, shownText } from "./harness.js";
import { eventually } from "../kit/eventually.js";

describe("Slack: studybot start", () => {
  const tempDir = useTempDir("studybot-slack-cli-");
  let running: StudybotProcess | undefined;
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    running?.child.kill("SIGKILL");
    await fake?.close();
  });

  it("runs the Slack app from the environment and stops cleanly on SIGTERM", async () => {
    fake = await FakeSlack.start();
    fake.addMember(PEOPLE.admin);
    running = spawnStudybot(["start"], {
      DATABASE_PATH: join(tempDir(), "studybot.db"),
      DECKS_DIR: "decks",
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: "warn",
    });
    const started = running;

    const connected = fake;
    await eventually(() => connected.socketConnections > 0, "the Socket Mode connection", 15_000);
    await connected.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "quiz now");
    const posted = await connected.waitForCall("chat.postMessage");
    expect(posted.args.channel).toBe(QUIZ_CHANNEL);
    expect(shownText(posted.args)).toContain("Lightweight sandboxes");

    started.child.kill("SIGTERM");
    expect((await started.exit).code).toBe(0);
    expect(started.err()).toBe("");
  });
});
