import { fileURLToPath } from "node:url";
import { InteractionResponseType, MessageFlags } from "discord-api-types/v10";
import { FakeDiscord, type InteractionRecord } from "../test/discord/fakeDiscord.js";
import { CLICKS_PER_TURN, compareBursts, nextTurn, waitUntil } from "./lib/interactions.js";
import { peakRssMb } from "./lib/measure.js";
import type { BenchReport } from "./lib/report.js";

const QUIZ_CHANNEL = "1300000000000000001";
/** Discord refuses a callback later than 3 s; waiting longer than that shows what was lost. */
const SETTLE_MS = 10_000;

export interface InteractionBenchArgs {
  dir: string;
  clicks: number;
  /** Rounds of studybot then the bare client, the first a warm-up. */
  pairs: number;
}

const memberId = (index: number) => String(1_500_000_000_000_000_000n + BigInt(index));

function quizButtons(fake: FakeDiscord, messageId: string): string[] {
  const rows = fake.messages.get(messageId)?.components ?? [];
  return rows.flatMap((row) =>
    "components" in row ? row.components.flatMap((button) => ("custom_id" in button ? [button.custom_id] : [])) : [],
  );
}

/** Acknowledged as studybot and the bare client both do it: one private message, as the first and only callback. */
function acknowledgedAfter(record: InteractionRecord): number | undefined {
  const [callback] = record.callbacks;
  const privateMessage =
    callback?.response.type === InteractionResponseType.ChannelMessageWithSource &&
    ((callback.response.data?.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  return privateMessage && record.callbacks.length === 1 ? callback.afterMs : undefined;
}

/**
 * Benchmark 3 on Discord: a burst of button clicks from as many members, sent
 * through the fake gateway to the real discord.js client, timed from the
 * dispatch to the interaction callback reaching the fake's REST API (the
 * fake refuses callbacks after Discord's 3 s); studybot (answer recorded,
 * private acknowledgement) against a bare discord.js client with the same
 * options that only acknowledges. The fake runs in this process and each bot
 * in its own, so the two do not share a core.
 */
export async function run({ dir, clicks, pairs }: InteractionBenchArgs): Promise<BenchReport[]> {
  const started = performance.now();
  const fake = await FakeDiscord.start({ channels: [{ id: QUIZ_CHANNEL, name: "daily-quiz" }] });
  // Two crowds: each bot process takes a burst from each (bench/lib/interactions.ts).
  for (let index = 0; index < 2 * clicks; index++) fake.addMember({ id: memberId(index), username: `member${index}` });
  const { figures, checks } = await compareBursts(
    {
      botEntry: fileURLToPath(new URL("./lib/discordBot.js", import.meta.url)),
      apiBase: fake.apiBase,
      channelId: QUIZ_CHANNEL,
      async burst(_, messageId, crowd) {
        const buttons = quizButtons(fake, messageId);
        const records: InteractionRecord[] = [];
        for (let index = 0; index < clicks; index++) {
          const member = memberId(crowd * clicks + index);
          records.push(fake.click(member, messageId, buttons[index % buttons.length] as string));
          if (index % CLICKS_PER_TURN === CLICKS_PER_TURN - 1) await nextTurn();
        }
        await waitUntil(() => records.every((record) => record.callbacks.length > 0), SETTLE_MS);
        return records.map(acknowledgedAfter);
      },
    },
    { dir, clicks, pairs, floorLabel: "bare discord.js" },
  );
  await fake.close();
  return [
    {
      id: "3a",
      title: `Discord: ${clicks.toLocaleString("en-US")} clicks from as many members, through discord.js`,
      figures,
      checks,
      notes: [],
      peakRssMb: peakRssMb(),
      seconds: (performance.now() - started) / 1000,
    },
  ];
}
