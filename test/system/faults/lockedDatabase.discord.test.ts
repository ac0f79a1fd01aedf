import { join } from "node:path";
import { InteractionResponseType } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../../kit/eventually.js";
import type { InteractionRecord, StoredMessage } from "../../discord/fakeDiscord.js";
import {
  BO,
  buttonsOf,
  CY,
  type DiscordScenario,
  DEE,
  discordScenario,
  embedText,
  QUIZ_CHANNEL,
} from "../../discord/harness.js";
import { useTempDir } from "../../kit/tempDir.js";
import { holdWriteLock, type LockHolder } from "./lockHolder.js";

const NOT_RECORDED = "not recorded";

/** Every message the member was shown about one interaction: its reply, an update in place, an edit after a deferral, follow-ups. */
function toldAbout(scenario: DiscordScenario, record: InteractionRecord): string[] {
  const told: string[] = [];
  for (const { response } of record.callbacks) {
    const shown =
      response.type === InteractionResponseType.ChannelMessageWithSource ||
      response.type === InteractionResponseType.UpdateMessage;
    if (shown && response.data?.embeds?.length) told.push(embedText(response.data));
  }
  const original = scenario.fake.original(record);
  const deferred = record.callbacks.some(
    ({ response }) => response.type === InteractionResponseType.DeferredChannelMessageWithSource,
  );
  if (deferred && original && !original.loading) told.push(embedText(original));
  for (const id of record.followupIds) told.push(embedText(scenario.fake.messages.get(id)));
  return told;
}

function buttonId(message: StoredMessage, label: string): string {
  const found = buttonsOf(message).find((each) => each.label.startsWith(label));
  if (!found) throw new Error(`no "${label}" button`);
  return found.customId;
}

describe("faults: Discord while another process holds the database's write lock", () => {
  const tempDir = useTempDir("studybot-faults-");
  let scenario: DiscordScenario | undefined;
  let lock: LockHolder | undefined;
  afterEach(async () => {
    await lock?.release();
    await scenario?.shutdown();
    lock = undefined;
    scenario = undefined;
  });

  it("answers every click and rating once: stored, or 'not recorded'; all work after release", async () => {
    const dir = tempDir();
    scenario = await discordScenario(dir);
    const s = scenario;
    const { fake, store } = s;
    await s.response(fake.sendCommand(DEE.id, QUIZ_CHANNEL, "quiz now", { deck: "capitals", window: "30m" }));
    const [quizMessage] = fake.messagesIn(QUIZ_CHANNEL);
    const quiz = store.quizzes.get(1);
    if (!quizMessage || !quiz) throw new Error("no quiz posted");
    const rightId = buttonsOf(quizMessage)[quiz.correctIndex]?.customId ?? "";
    const drill = await s.replyOf(fake.sendCommand(BO.id, QUIZ_CHANNEL, "drill", { count: 3 }));
    await s.response(fake.click(BO.id, drill.id, buttonId(drill, "Show answer")));
    const goodId = buttonId(drill, "Good");

    const toldOnce = (record: InteractionRecord) =>
      eventually(() => toldAbout(s, record)[0], `what interaction ${record.id} was told`);

    // Past its busy timeout the store gives up; 5 s in production, short here.
    store.db.pragma("busy_timeout = 50");
    lock = await holdWriteLock(join(dir, "studybot.db"));
    const underLock = [
      fake.click(BO.id, quizMessage.id, rightId),
      fake.click(CY.id, quizMessage.id, rightId),
      fake.click(BO.id, drill.id, goodId),
    ];
    for (const record of underLock) expect(await toldOnce(record)).toContain(NOT_RECORDED);
    await lock.release();
    expect(store.answers.forQuiz(quiz.id)).toHaveLength(0);
    const bo = s.member(BO.id);
    if (!bo) throw new Error("Bo has no member row");
    expect(store.drills.memoriesOf(bo.id)).toHaveLength(0);
    // Never double: one message for each event under the lock.
    for (const record of underLock) expect(toldAbout(s, record)).toHaveLength(1);

    for (const user of [BO.id, CY.id]) {
      expect(await toldOnce(fake.click(user, quizMessage.id, rightId))).toContain("Right!");
    }
    expect(store.answers.forQuiz(quiz.id)).toHaveLength(2);
    expect(await toldOnce(fake.click(BO.id, drill.id, goodId))).toMatch(/rated Good/);
    expect(store.drills.memoriesOf(bo.id)).toHaveLength(1);
  });
});
