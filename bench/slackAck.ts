import { fileURLToPath } from "node:url";
import { FakeSlack } from "../test/slack/fakeSlack.js";
import type { InteractionBenchArgs } from "./discordAck.js";
import { runTask } from "./lib/child.js";
import { compareBursts, waitUntil } from "./lib/interactions.js";
import { peakRssMb } from "./lib/measure.js";
import type { BenchReport } from "./lib/report.js";
import type { ClickBurstArgs } from "./lib/slackClicker.js";

const QUIZ_CHANNEL = "C0QUIZ";
const SETTLE_MS = 15_000;
const CLICKER = fileURLToPath(new URL("./lib/slackClicker.js", import.meta.url));

const userId = (index: number) => `U${String(index).padStart(8, "0")}`;

/**
 * Benchmark 3 on Slack over HTTP: the same burst as on Discord, each click a
 * signed request to the real Bolt HTTP receiver, timed from sending the
 * request to the acknowledgement (Bolt's HTTP response); studybot against a
 * bare Bolt app that only acknowledges. The clicks come from a process of
 * their own and the fake Slack serving the app's Web API runs here, so
 * studybot's extra calls (users.info, chat.postEphemeral) cost studybot's
 * process, not the clock that times the acknowledgements. The run checks
 * that every private acknowledgement arrived.
 */
export async function run({ dir, clicks, pairs }: InteractionBenchArgs): Promise<BenchReport[]> {
  const started = performance.now();
  const fake = await FakeSlack.start();
  // Two crowds: each bot process takes a burst from each (bench/lib/interactions.ts).
  const userIds = Array.from({ length: 2 * clicks }, (_, index) => userId(index));
  for (const [index, id] of userIds.entries()) fake.addMember({ id, name: `member${index}` });
  let ephemeralsSent = 0;
  const { figures, checks } = await compareBursts(
    {
      botEntry: fileURLToPath(new URL("./lib/slackBot.js", import.meta.url)),
      apiBase: fake.apiUrl,
      channelId: QUIZ_CHANNEL,
      async burst(bot, messageTs, crowd) {
        const { channel, ts, text, blocks } = fake.message(QUIZ_CHANNEL, messageTs);
        const args: ClickBurstArgs = {
          url: `http://127.0.0.1:${bot.port}/slack/events`,
          message: { channel, ts, text, blocks },
          userIds: userIds.slice(crowd * clicks, (crowd + 1) * clicks),
        };
        const latencies = await runTask<(number | null)[]>(CLICKER, "clickBurst", args);
        return latencies.map((latency) => latency ?? undefined);
      },
      async settle(clicksPerRound, label) {
        // Counted from what was sent before this round, not from what should have been: a short round must not
        // make every later one look short too.
        const sentBefore = ephemeralsSent;
        await waitUntil(() => fake.callsTo("chat.postEphemeral").length >= sentBefore + clicksPerRound, SETTLE_MS);
        ephemeralsSent = fake.callsTo("chat.postEphemeral").length;
        const sent = ephemeralsSent - sentBefore;
        return {
          what: `${label}: ${sent} private acknowledgements sent (chat.postEphemeral)`,
          ok: sent === clicksPerRound,
        };
      },
    },
    { dir, clicks, pairs, floorLabel: "bare Bolt" },
  );
  await fake.close();
  return [
    {
      id: "3b",
      title: `Slack over HTTP: ${clicks.toLocaleString("en-US")} clicks from as many members, through Bolt`,
      figures,
      checks,
      notes: [],
      peakRssMb: peakRssMb(),
      seconds: (performance.now() - started) / 1000,
    },
  ];
}
