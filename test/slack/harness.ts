import { join } from "node:path";
import { expect } from "vitest";
import { decodeAction } from "../../src/core/actions.js";
import type { Deck } from "../../src/core/deck.js";
import { enrolActor } from "../../src/services/commandRouter.js";
import { type Logger, silentLogger } from "../../src/services/ports.js";
import { type RunningSlack, type SlackOptions, startSlack } from "../../src/platforms/slack/app.js";
import { makeServices, type TestBot } from "../kit/fakes.js";
import { expectWithinBlockKitLimits } from "./blockKitLimits.js";
import { APP_TOKEN, BOT_TOKEN, FakeSlack, type RecordedCall, SIGNING_SECRET, TEAM } from "./fakeSlack.js";
import { eventually } from "../kit/eventually.js";

export const QUIZ_CHANNEL = "C0QUIZ";
export const PEOPLE = {
  admin: { id: "U0ADMIN", name: "olga", displayName: "Olga (teacher)", isAdmin: true },
  owner: { id: "U0OWNER", name: "pat", isOwner: true },
  ana: { id: "U0ANA", name: "ana", displayName: "Ana" },
  ben: { id: "U0BEN", name: "ben", displayName: "Ben" },
  cy: { id: "U0CY", name: "cy", displayName: "Cy" },
} as const;

export interface SlackTestBot {
  fake: FakeSlack;
  bot: TestBot;
  slack: RunningSlack;
  close(): Promise<void>;
}

/** The real Bolt app on real services (a temp SQLite file), talking to a fresh fake Slack. */
export async function startSlackBot(
  dir: string,
  mode: "http" | "socket",
  options: Partial<Pick<SlackOptions, "adminUsers">> & { decks?: Deck[]; logger?: Logger } = {},
): Promise<SlackTestBot> {
  const fake = await FakeSlack.start();
  for (const person of Object.values(PEOPLE)) fake.addMember(person);
  const bot = makeServices(join(dir, "studybot.db"), options.decks ? { decks: options.decks } : {});
  const slack = await startSlack(
    bot.services,
    {
      botToken: BOT_TOKEN,
      ...(mode === "socket" ? { appToken: APP_TOKEN } : { signingSecret: SIGNING_SECRET }),
      apiUrl: fake.apiUrl,
      port: 0,
      adminUsers: options.adminUsers ?? [],
    },
    options.logger ?? silentLogger,
  );
  if (mode === "http") {
    fake.deliverOverHttp(`http://127.0.0.1:${slack.port}/slack/events`);
    // The app checks signatures' timestamps against its clock, which the tests move.
    fake.now = () => bot.clock.now().getTime();
  } else await eventually(() => fake.socketConnections > 0, "the Socket Mode connection");
  return {
    fake,
    bot,
    slack,
    async close() {
      await slack.stop();
      await fake.close();
      bot.close();
    },
  };
}

/** Every message the app sent, checked against Block Kit's limits. */
export function expectAllMessagesWithinLimits(fake: FakeSlack): void {
  for (const call of fake.calls) {
    if (["chat.postMessage", "chat.update", "chat.postEphemeral", "response_url"].includes(call.method)) {
      expectWithinBlockKitLimits(call.args);
    }
  }
}

/** All the text a message shows (header, sections, fields, buttons, context), for assertions. */
export function shownText(args: Record<string, unknown>): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "text" && typeof value === "string") texts.push(value);
        else walk(value);
      }
    }
  };
  walk(args.blocks);
  return texts.join("\n");
}

export function slackCommunity(bot: TestBot) {
  return enrolActor(bot.services, {
    platform: "slack",
    communityId: TEAM.id,
    channelId: QUIZ_CHANNEL,
    userId: PEOPLE.admin.id,
    userName: "",
    isAdmin: true,
  }).community;
}

/** Posts a quiz with `/study quiz now …` as the admin and returns it with its message. */
export async function postQuiz(t: SlackTestBot, line = "quiz now") {
  const before = t.fake.callsTo("chat.postMessage").length;
  const delivery = await t.fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, line);
  expect(delivery.status).toBe(200);
  const posted = await t.fake.waitForCall("chat.postMessage", before + 1);
  const reply = await eventually(
    () => t.fake.callsTo("response_url").find((call) => call.args.url === delivery.responseUrl),
    "the private reply",
  );
  const ts = await eventually(() => t.fake.messagesIn(QUIZ_CHANNEL).at(-1)?.ts, "the posted message");
  const quiz = t.bot.store.quizzes.findOpenInChannel(slackCommunity(t.bot).id, QUIZ_CHANNEL);
  if (!quiz) throw new Error(`no quiz open; reply was ${shownText(reply.args)}`);
  expect(quiz.messageId).toBe(ts);
  return { quiz, ts, posted, reply };
}

/** A button predicate: the answer button for this option. */
export const answerButton = (choice: number) => (button: { value: string }) => {
  const action = decodeAction(button.value);
  return action?.kind === "answer" && action.choice === choice;
};

/** The private acknowledgement sent to a user, the n-th one (1-based). */
export async function ephemeralFor(fake: FakeSlack, user: string, nth = 1): Promise<RecordedCall> {
  return eventually(() => fake.privateRepliesTo(user)[nth - 1], `ephemeral #${nth} for ${user}`);
}

/** The reply the app posted to a response URL: a command's answer, or a private message replaced after a click. */
export function replyTo(fake: FakeSlack, responseUrl: string): Promise<RecordedCall> {
  return eventually(
    () => fake.callsTo("response_url").find((call) => call.args.url === responseUrl),
    `a reply to ${responseUrl}`,
  );
}
