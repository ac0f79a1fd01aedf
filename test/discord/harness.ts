import { join } from "node:path";
import {
  type APIEmbed,
  type APIInteractionResponse,
  InteractionResponseType,
  MessageFlags,
} from "discord-api-types/v10";
import { startDiscord, type RunningDiscord } from "../../src/platforms/discord/bot.js";
import { registerCommands } from "../../src/platforms/discord/register.js";
import type { Deck } from "../../src/core/deck.js";
import type { RatePolicy } from "../../src/core/rateLimit.js";
import type { Member } from "../../src/store/users.js";
import { RecordingLogger } from "../kit/recordingLogger.js";
import { makeServices, smallDeck, type TestBot } from "../kit/fakes.js";
import {
  BOT_TOKEN,
  FakeDiscord,
  type FakeChannelSpec,
  GUILD_ID,
  guildIdOnShard,
  type InteractionRecord,
  type StoredMessage,
} from "./fakeDiscord.js";
import { eventually } from "../kit/eventually.js";

export const QUIZ_CHANNEL = "1300000000000000001";
/** A channel where an admin took Send Messages and Embed Links from the bot. */
export const LOCKED_CHANNEL = "1300000000000000002";
export const OTHER_CHANNEL = "1300000000000000003";

export const ANA = { id: "1400000000000000011", username: "ana", nick: "Ana L.", admin: true };
export const BO = { id: "1400000000000000012", username: "bo" };
export const CY = { id: "1400000000000000013", username: "cy" };
export const DEE = { id: "1400000000000000014", username: "dee" };

export interface DiscordScenario extends TestBot {
  fake: FakeDiscord;
  log: RecordingLogger;
  bot: RunningDiscord;
  /** The bot goes offline; events meanwhile are lost, as with a crash or a deploy. */
  stopBot(): Promise<void>;
  startBot(): Promise<void>;
  /** The member row studybot keeps for a Discord user of the fake server, if it made one. */
  member(userId: string): Member | undefined;
  /** Waits for the bot's first response to an interaction. */
  response(record: InteractionRecord): Promise<APIInteractionResponse>;
  /** Waits for the bot's reply message (written at once, or after a deferral). */
  replyOf(record: InteractionRecord): Promise<StoredMessage>;
  shutdown(): Promise<void>;
}

/**
 * The real discord.js client, logged in to the fake Discord through
 * DISCORD_API_BASE, on the real services and a temporary SQLite file; the
 * commands registered in the fake server as `register-commands --guild` does.
 */
export async function discordScenario(
  dir: string,
  options: {
    replyBudgetMs?: number;
    channels?: FakeChannelSpec[];
    /** REST request timeout; short by default so failure tests do not wait (discord.js's own is 15 s). */
    restTimeoutMs?: number;
    decks?: Deck[];
    commandRateLimit?: RatePolicy;
    /** Shards the fake Discord recommends (default 1). */
    shards?: number;
  } = {},
): Promise<DiscordScenario> {
  const fake = await FakeDiscord.start({
    shards: options.shards ?? 1,
    channels: options.channels ?? [
      { id: QUIZ_CHANNEL, name: "daily-quiz" },
      { id: LOCKED_CHANNEL, name: "announcements", botDenied: ["SendMessages", "EmbedLinks"] },
      { id: OTHER_CHANNEL, name: "general" },
    ],
  });
  for (const member of [ANA, BO, CY, DEE]) fake.addMember(member);
  const testBot = makeServices(join(dir, "studybot.db"), {
    platform: "discord",
    decks: options.decks ?? [smallDeck("capitals", 8)],
    ...(options.commandRateLimit ? { commandRateLimit: options.commandRateLimit } : {}),
  });
  const log = new RecordingLogger();
  const connection = {
    token: BOT_TOKEN,
    apiBase: fake.apiBase,
    rest: { retries: 0, timeout: options.restTimeoutMs ?? 2000 },
  };
  await registerCommands(connection, GUILD_ID);
  const start = () =>
    startDiscord(testBot.services, { ...connection, replyBudgetMs: options.replyBudgetMs ?? 2000 }, log);
  const scenario: DiscordScenario = {
    ...testBot,
    fake,
    log,
    bot: await start(),
    async stopBot() {
      await scenario.bot.stop();
      await eventually(() => !fake.connected, "the bot to leave the gateway");
    },
    async startBot() {
      scenario.bot = await start();
    },
    member(userId) {
      const community = testBot.store.communities.ensure("discord", GUILD_ID, "", "UTC", testBot.clock.now());
      return testBot.store.users.findByExternalId(community.id, userId);
    },
    response: (record) => eventually(() => record.callbacks[0]?.response, `a response to interaction ${record.id}`),
    replyOf: (record) =>
      eventually(() => {
        const message = fake.original(record);
        return message && !message.loading ? message : undefined;
      }, `the reply to interaction ${record.id}`),
    async shutdown() {
      await scenario.bot.stop();
      await fake.close();
      testBot.close();
    },
  };
  return scenario;
}

type WithEmbeds = { embeds?: APIEmbed[] | undefined } | undefined;

export function embedOf(message: WithEmbeds): APIEmbed {
  const embed = message?.embeds?.[0];
  if (!embed) throw new Error("no embed in the message");
  return embed;
}

/** The text a person reads in an embed: title, description, fields and footer. */
export function embedText(message: WithEmbeds): string {
  const embed = embedOf(message);
  return [
    embed.title,
    embed.description,
    ...(embed.fields ?? []).map((field) => `${field.name}: ${field.value}`),
    embed.footer?.text,
  ]
    .filter(Boolean)
    .join("\n");
}

export function isEphemeral(message: StoredMessage): boolean {
  return (message.flags & MessageFlags.Ephemeral) !== 0;
}

export function replyData(response: APIInteractionResponse) {
  if (response.type !== InteractionResponseType.ChannelMessageWithSource) {
    throw new Error(`expected a message response, got type ${response.type}`);
  }
  return response.data;
}

export function buttonsOf(
  message: StoredMessage,
): { customId: string; label: string; disabled: boolean; style: number }[] {
  return message.components.flatMap((row) =>
    "components" in row
      ? row.components.flatMap((component) =>
          "custom_id" in component && "label" in component
            ? [
                {
                  customId: component.custom_id,
                  label: component.label ?? "",
                  disabled: component.disabled ?? false,
                  style: component.style,
                },
              ]
            : [],
        )
      : [],
  );
}

/** A #quiz channel in a server of each shard, shard order. */
export function channelOnEveryShard(shardCount: number): FakeChannelSpec[] {
  return Array.from({ length: shardCount }, (_, shard) => ({
    id: (1_310_000_000_000_000_000n + BigInt(shardCount * 10 + shard)).toString(),
    name: `quiz-${shard}`,
    guildId: guildIdOnShard(shard, shardCount),
  }));
}

const responseTo = (record: InteractionRecord): Promise<APIInteractionResponse> =>
  eventually(() => record.callbacks[0]?.response, `a response to interaction ${record.id}`);

/**
 * `quiz now` in the channel, then four members click A, B, C and D: one is
 * told it is right, three that it is not (whichever process serves the server).
 */
export async function postAndAnswerQuiz(fake: FakeDiscord, channelId: string): Promise<void> {
  const posted = fake.sendCommand(ANA.id, channelId, "quiz now");
  const reply = replyData(await responseTo(posted));
  if (!embedText(reply).includes("is up in this channel")) throw new Error(`quiz now failed: ${embedText(reply)}`);
  const message = fake.messagesIn(channelId).at(-1);
  if (!message) throw new Error(`no quiz in ${channelId}`);
  const clicks = [ANA, BO, CY, DEE].map((member, index) =>
    fake.click(member.id, message.id, buttonsOf(message)[index]?.customId ?? ""),
  );
  const answers = await Promise.all(clicks.map(async (click) => embedText(replyData(await responseTo(click)))));
  const verdicts = answers.map((text) =>
    text.includes("**Right!**") ? "right" : text.includes("**Not this one.**") ? "wrong" : text,
  );
  if (
    verdicts.filter((verdict) => verdict === "right").length !== 1 ||
    verdicts.filter((v) => v === "wrong").length !== 3
  ) {
    throw new Error(`expected one right and three wrong answers in ${channelId}, got ${JSON.stringify(verdicts)}`);
  }
}

/**
 * Ana posts a quiz in the quiz channel, the given members click in the given
 * order (each choice worked out from the right option's index), and Ana
 * closes it. Returns the quiz as stored.
 */
export async function playQuiz(
  s: DiscordScenario,
  clicks: (right: number) => readonly (readonly [userId: string, choice: number])[],
) {
  await s.response(s.fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now"));
  const [message] = s.fake.messagesIn(QUIZ_CHANNEL);
  if (!message) throw new Error("no quiz message");
  const quiz = s.store.quizzes.get(1);
  const ids = buttonsOf(message).map((button) => button.customId);
  for (const [user, choice] of clicks(quiz?.correctIndex ?? 0)) {
    await s.response(s.fake.click(user, message.id, ids[choice] ?? ""));
  }
  await s.response(s.fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz close"));
  return quiz;
}
