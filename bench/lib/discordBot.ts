import { Events, MessageFlags } from "discord.js";
import { startDiscord } from "../../src/platforms/discord/bot.js";
import { createDiscordClient } from "../../src/platforms/discord/client.js";
import { enrolActor } from "../../src/services/commandRouter.js";
import { BOT_TOKEN, GUILD_ID } from "../../test/discord/fakeDiscord.js";
import { openBenchApp } from "./app.js";
import { serveBotProcess } from "./botProcess.js";

/**
 * A Discord bot process for benchmark 3, logged in to the fake Discord:
 * studybot as `studybot start` runs it (posting a button quiz once
 * connected), or the floor, a bare discord.js client with the same options
 * that acknowledges every interaction with a fixed private message and does
 * nothing else.
 */
await serveBotProcess(async ({ variant, apiBase, databaseFile, logFile, channelId }) => {
  const connection = { token: BOT_TOKEN, apiBase };
  if (variant === "bare") {
    const client = createDiscordClient(connection);
    client.on(Events.InteractionCreate, (interaction) => {
      // A reply past Discord's 3 s is refused (the fake counts it lost); it must not end the process.
      if (interaction.isRepliable())
        interaction.reply({ content: "Got it.", flags: MessageFlags.Ephemeral }).catch(() => undefined);
    });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(BOT_TOKEN);
    await ready;
    return { stop: () => client.destroy() };
  }
  const { app, logger } = await openBenchApp(databaseFile, logFile);
  const running = await startDiscord(app.services, connection, logger);
  await app.scheduler.start();
  const actor = {
    platform: "discord",
    communityId: GUILD_ID,
    channelId,
    userId: "bench-admin",
    userName: "bench",
    isAdmin: true,
  };
  const quiz = await app.services.quizzes.post({
    community: enrolActor(app.services, actor).community,
    channelId,
    windowMinutes: 60,
  });
  return {
    ...(quiz.messageId ? { messageId: quiz.messageId } : {}),
    async stop() {
      await app.scheduler.stop();
      await running.stop();
      app.close();
    },
  };
});
