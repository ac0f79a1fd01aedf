import { InteractionResponseType, MessageFlags } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import { decodeAction } from "../../../src/core/actions.js";
import { DEFAULT_COMMAND_RATE } from "../../../src/core/rateLimit.js";
import type { FakeMember, InteractionRecord } from "../../discord/fakeDiscord.js";
import {
  ANA,
  buttonsOf,
  type DiscordScenario,
  discordScenario,
  embedText,
  QUIZ_CHANNEL,
} from "../../discord/harness.js";
import { useTempDir } from "../../kit/tempDir.js";
import { eventually } from "../../kit/eventually.js";

const EVENTS = 10_000;
const PEOPLE = 500;
/** One event in this many is a command, from one of the few people who hammer it. */
const COMMAND_EVERY = 25;
const SPAMMERS = 10;
/**
 * Clicks waiting for their answer at any moment: a flood, not one instant.
 * Here one process answers a few thousand clicks a second, with the fake
 * Discord on the same CPU; ten thousand at one instant would outlast
 * Discord's 3-second window for the last of them, whatever the bot did.
 */
const IN_FLIGHT = 50;

describe("overload", () => {
  const tempDir = useTempDir("studybot-overload-");
  let scenario: DiscordScenario | undefined;
  afterEach(async () => {
    await scenario?.shutdown();
    scenario = undefined;
  });

  it(`answers ${EVENTS.toLocaleString("en")} clicks and commands from ${PEOPLE} people, ${IN_FLIGHT} at a time: each acknowledged or politely refused, privately, none lost, none counted twice`, async () => {
    // discord.js's own REST timeout: under this load the fake's responses take more than the harness's 2 s.
    scenario = await discordScenario(tempDir(), { restTimeoutMs: 15_000, commandRateLimit: DEFAULT_COMMAND_RATE });
    const { fake, store } = scenario;
    const people: FakeMember[] = Array.from({ length: PEOPLE }, (_, i) =>
      fake.addMember({ id: `17${String(i).padStart(17, "0")}`, username: `p${i}` }),
    );
    await scenario.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now"));
    const [quiz] = fake.messagesIn(QUIZ_CHANNEL);
    if (!quiz) throw new Error("no quiz");
    const buttons = buttonsOf(quiz);

    const started = Date.now();
    const events: InteractionRecord[] = [];
    let clicks = 0;
    let commands = 0;
    const answered = () => events.filter((event) => event.callbacks.length > 0).length;
    while (events.length < EVENTS) {
      await eventually(() => events.length - answered() < IN_FLIGHT, "room for more clicks", 10_000);
      const wave = Math.min(EVENTS - events.length, IN_FLIGHT - (events.length - answered()));
      for (let i = 0; i < wave; i++) {
        if (events.length % COMMAND_EVERY === 0) {
          // A few people hammer a command as well: the clock stands still, so each gets exactly the burst.
          events.push(fake.sendCommand(people[commands++ % SPAMMERS]?.id ?? "", QUIZ_CHANNEL, "help"));
        } else {
          const n = clicks++;
          events.push(
            fake.click(people[n % PEOPLE]?.id ?? "", quiz.id, buttons[(n * 7) % buttons.length]?.customId ?? ""),
          );
        }
      }
    }
    await eventually(() => answered() === EVENTS, "every click to be answered", 10_000).catch(() => undefined);
    console.info(`overload: ${answered()} of ${EVENTS} clicks and commands acknowledged in ${Date.now() - started} ms`);

    // Discord took every acknowledgement: none came after the 3-second window, none twice.
    expect(
      fake.callsTo("POST", "/interactions/:interaction/:token/callback").filter((call) => call.status !== 204),
    ).toEqual([]);
    const titles = new Map<string, number>();
    for (const event of events) {
      expect(event.callbacks).toHaveLength(1);
      const response = event.callbacks[0]?.response;
      if (response?.type !== InteractionResponseType.ChannelMessageWithSource)
        throw new Error(`response type ${response?.type}`);
      expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
      const title = (embedText(response.data).split("\n")[0] ?? "").replace(/: [A-D]$| [A-D]$/, "");
      titles.set(title, (titles.get(title) ?? 0) + 1);
    }
    // Each person's first click locked in their answer, every later one was told it already was; each
    // hammering person had their burst of commands answered and was asked to wait for the rest.
    const answeredCommands = SPAMMERS * DEFAULT_COMMAND_RATE.burst;
    const help = [...titles.keys()].find(
      (title) => !["Locked in", "Already answered", "One moment, please"].includes(title),
    );
    expect(Object.fromEntries(titles)).toEqual({
      "Locked in": PEOPLE,
      "Already answered": clicks - PEOPLE,
      "One moment, please": commands - answeredCommands,
      [help ?? "help"]: answeredCommands,
    });
    const action = decodeAction(buttons[0]?.customId ?? "");
    const quizId = action?.kind === "answer" ? action.quizId : 0;
    expect(store.answers.forQuiz(quizId)).toHaveLength(PEOPLE);
    expect(store.quizzes.get(quizId)).toMatchObject({ answered: PEOPLE });
    const periodRows = store.db
      .prepare<[], { answered: number }>("SELECT SUM(answered) AS answered FROM period_stats WHERE period = 'all'")
      .get();
    expect(periodRows?.answered).toBe(PEOPLE);
  }, 120_000);
});
