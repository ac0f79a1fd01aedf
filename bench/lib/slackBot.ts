import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";
import { startSlack } from "../../src/platforms/slack/app.js";
import { enrolActor } from "../../src/services/commandRouter.js";
import { BOT_TOKEN, BOT_USER_ID, SIGNING_SECRET, TEAM } from "../../test/slack/fakeSlack.js";
import { openBenchApp } from "./app.js";
import { serveBotProcess } from "./botProcess.js";

/**
 * A Slack app process for benchmark 3, receiving over HTTP from the fake
 * Slack: studybot as `studybot start` runs it with SLACK_SIGNING_SECRET
 * (posting a button quiz once started), or the floor, a bare Bolt app with
 * the same receiver that acknowledges every click and does nothing else.
 */
await serveBotProcess(async ({ variant, apiBase, databaseFile, logFile, channelId }) => {
  if (variant === "bare") {
    const app = new App({
      token: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      botId: "B0BOT",
      botUserId: BOT_USER_ID,
      clientOptions: { slackApiUrl: apiBase },
      logLevel: LogLevel.ERROR,
    });
    app.action({ type: "block_actions" }, async ({ ack }) => {
      await ack();
    });
    const server = await app.start(0);
    return { port: (server.address() as AddressInfo).port, stop: () => app.stop() };
  }
  const { app, logger } = await openBenchApp(databaseFile, logFile);
  const slack = await startSlack(
    app.services,
    { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: apiBase, port: 0, adminUsers: [] },
    logger,
  );
  await app.scheduler.start();
  const actor = {
    platform: "slack",
    communityId: TEAM.id,
    channelId,
    userId: "U0ADMIN",
    userName: "admin",
    isAdmin: true,
  };
  const quiz = await app.services.quizzes.post({
    community: enrolActor(app.services, actor).community,
    channelId,
    windowMinutes: 60,
  });
  return {
    ...(quiz.messageId ? { messageId: quiz.messageId } : {}),
    ...(slack.port !== undefined ? { port: slack.port } : {}),
    async stop() {
      await app.scheduler.stop();
      await slack.stop();
      app.close();
    },
  };
});
