import { InteractionResponseType, MessageFlags } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import { decodeAction } from "../../src/core/actions.js";
import { eventually, type FakeMember, type InteractionRecord } from "../discord/fakeDiscord.js";
import { ANA, buttonsOf, type DiscordScenario, discordScenario, embedText, QUIZ_CHANNEL } from "../discord/harness.js";
import { useTempDir } from "../helpers/tempDir.js";

const CLICKS = 10_000;
const PEOPLE = 500;
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

  it(`answers ${CLICKS.toLocaleString("en")} clicks from ${PEOPLE} people, ${IN_FLIGHT} at a time: each acknowledged privately, none lost, none counted twice`, async () => {
    // discord.js's own REST timeout: under this load the fake's responses take more than the harness's 2 s.
    scenario = await discordScenario(tempDir(), { restTimeoutMs: 15_000 });
    const { fake, store } = scenario;
    const people: FakeMember[] = Array.from({ length: PEOPLE }, (_, i) =>
      fake.addMember({ id: `17${String(i).padStart(17, "0")}`, username: `p${i}` }),
    );
    await scenario.response(fake.slash(ANA.id, QUIZ_CHANNEL, "quiz now"));
    const [quiz] = fake.channelMessages(QUIZ_CHANNEL);
    if (!quiz) throw new Error("no quiz");
    const buttons = buttonsOf(quiz);

    const started = Date.now();
    const clicks: InteractionRecord[] = [];
    const answered = () => clicks.filter((click) => click.callbacks.length > 0).length;
    while (clicks.length < CLICKS) {
      await eventually(() => clicks.length - answered() < IN_FLIGHT, "room for more clicks", 10_000);
      const wave = Math.min(CLICKS - clicks.length, IN_FLIGHT - (clicks.length - answered()));
      for (let i = 0; i < wave; i++) {
        const n = clicks.length;
        clicks.push(fake.click(people[n % PEOPLE]?.id ?? "", quiz.id, buttons[(n * 7) % buttons.length]?.customId ?? ""));
      }
    }
    await eventually(() => answered() === CLICKS, "every click to be answered", 10_000).catch(() => undefined);
    console.info(`overload: ${answered()} of ${CLICKS} clicks acknowledged in ${Date.now() - started} ms`);

    // Discord took every acknowledgement: none came after the 3-second window, none twice.
    expect(fake.callsTo("POST", "/interactions/:interaction/:token/callback").filter((call) => call.status !== 204)).toEqual([]);
    const titles = new Map<string, number>();
    for (const click of clicks) {
      expect(click.callbacks).toHaveLength(1);
      const response = click.callbacks[0]?.response;
      if (response?.type !== InteractionResponseType.ChannelMessageWithSource) throw new Error(`response type ${response?.type}`);
      expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
      const title = (embedText(response.data).split("\n")[0] ?? "").replace(/: [A-D]$| [A-D]$/, "");
      titles.set(title, (titles.get(title) ?? 0) + 1);
    }
    // Each person's first click locked in their answer; every later one was told it already was.
    expect(Object.fromEntries(titles)).toEqual({ "Locked in": PEOPLE, "Already answered": CLICKS - PEOPLE });
    const action = decodeAction(buttons[0]?.customId ?? "");
    const quizId = action?.kind === "answer" ? action.quizId : 0;
    expect(store.answers.forQuiz(quizId)).toHaveLength(PEOPLE);
    expect(store.quizzes.get(quizId)).toMatchObject({ answered: PEOPLE });
    const periodRows = store.db.prepare<[], { answered: number }>("SELECT SUM(answered) AS answered FROM period_stats WHERE period = 'all'").get();
    expect(periodRows?.answered).toBe(PEOPLE);
  }, 120_000);
});
