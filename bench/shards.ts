import { fork } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { registerCommands } from "../src/platforms/discord/register.js";
import {
  BOT_TOKEN,
  BOT_USER,
  type FakeChannelSpec,
  FakeDiscord,
  GUILD_ID,
  guildIdOnShard,
  type InteractionRecord,
  type StoredMessage,
} from "../test/discord/fakeDiscord.js";
import { buttonsOf } from "../test/discord/harness.js";
import { CHILD_EXEC_ARGV } from "./lib/child.js";
import { ACK_WINDOW_MS, CLICKS_PER_TURN, nextTurn, waitUntil } from "./lib/interactions.js";
import { distribution } from "./lib/measure.js";
import { type BenchReport, type Check, type Figure, figure } from "./lib/report.js";
import type { ShardedBotArgs } from "./lib/shardedBot.js";

export interface ShardsBenchArgs {
  dir: string;
  guilds: number;
  shards: number;
  /** Clicks in the burst, spread over a quiz in a server of each shard (several per shard). */
  clicks: number;
}

const ADMIN = { id: "1400000000000000011", username: "admin", admin: true };
const QUIZZES_PER_SHARD = 4;

/** Resident set size of a process and all its descendants (the shard processes), in MB; Linux's /proc. */
function treeRssMb(pid: number): number {
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean).map(Number);
  return rssKb / 1024 + children.reduce((sum, child) => sum + treeRssMb(child), 0);
}

interface Run {
  label: string;
  readySeconds: number;
  rssMb: number;
  processes: number;
  acks: number[];
  lost: number;
  acksPerSecond: number;
}

/** One bot process (and its shard processes) from fork to every shard ready, its RSS, then the click burst. */
async function measure(fake: FakeDiscord, channels: FakeChannelSpec[], args: ShardedBotArgs, clicks: number) {
  const entry = fileURLToPath(new URL("./lib/shardedBot.js", import.meta.url));
  const started = performance.now();
  const child = fork(entry, [JSON.stringify(args)], {
    execArgv: CHILD_EXEC_ARGV,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = once(child, "exit");
  await Promise.race([
    once(child, "message"),
    exited.then(([code]) => {
      throw new Error(`the ${args.variant} bot exited with ${code} before it was ready`);
    }),
  ]);
  const readySeconds = (performance.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const rssMb = treeRssMb(child.pid ?? 0);

  const shardCount = fake.state.shards.recommended;
  const quizChannels = channels.slice(0, shardCount * QUIZZES_PER_SHARD);
  const quizzes: StoredMessage[] = [];
  for (const channel of quizChannels) {
    if (args.variant === "bare") {
      quizzes.push(fake.state.store(channel.id, BOT_USER.id, { content: "a quiz" }));
      continue;
    }
    const command = fake.sendCommand(ADMIN.id, channel.id, "quiz now");
    await waitUntil(() => command.callbacks.length > 0, 10_000);
    const message = fake.messagesIn(channel.id).at(-1);
    if (!message) throw new Error(`no quiz posted in ${channel.id}`);
    quizzes.push(message);
  }
  const burst: InteractionRecord[] = [];
  for (let index = 0; index < clicks; index++) {
    const message = quizzes[index % quizzes.length] as StoredMessage;
    const button = buttonsOf(message)[index % 4]?.customId ?? "bare";
    burst.push(fake.click(memberId(index), message.id, button));
    // As benchmark 3 sends them: the fake's own event loop must breathe to take the callbacks.
    if (index % CLICKS_PER_TURN === CLICKS_PER_TURN - 1) await nextTurn();
  }
  await waitUntil(() => burst.every((record) => record.callbacks.length > 0), 15_000);
  // A lost click counts as the whole window, so losing the slowest cannot improve the p99.
  const acks = burst.map((record) => record.callbacks[0]?.afterMs ?? ACK_WINDOW_MS);
  const lost = burst.filter((record) => record.callbacks.length === 0).length;
  // From the first click sent to the last acknowledgement: studybot writes each answer before acknowledging it.
  const ends = burst.flatMap((record) => record.callbacks.slice(0, 1).map((ack) => record.dispatchedAt + ack.afterMs));
  const burstSeconds = (Math.max(...ends) - Math.min(...burst.map((record) => record.dispatchedAt))) / 1000;
  const acksPerSecond = ends.length / burstSeconds;
  child.send("stop");
  await exited;
  return { readySeconds, rssMb, acks, lost, acksPerSecond };
}

const memberId = (index: number) => (1_500_000_000_000_000_000n + BigInt(index)).toString();

/**
 * Benchmark 8: `guilds` servers over `shards` shards in the fake Discord
 * (one channel each, the bot's member and roles as Discord sends them). A
 * bare discord.js client with studybot's options and caches, studybot in one
 * process, and studybot in one process per shard (ShardingManager): the time
 * from start to every shard ready, the resident memory of all their
 * processes, and a burst of clicks on quizzes in servers of every shard.
 */
export async function run(args: ShardsBenchArgs): Promise<BenchReport[]> {
  const started = performance.now();
  mkdirSync(args.dir, { recursive: true });
  const channels: FakeChannelSpec[] = Array.from({ length: args.guilds }, (_, index) => ({
    id: (1_310_000_000_000_000_000n + BigInt(index)).toString(),
    name: "daily-quiz",
    guildId: guildIdOnShard(index % args.shards, args.shards, Math.floor(index / args.shards)),
  }));
  const fake = await FakeDiscord.start({ shards: args.shards, channels });
  fake.addMember(ADMIN);
  for (let index = 0; index < args.clicks; index++) fake.addMember({ id: memberId(index), username: `m${index}` });
  await registerCommands({ token: BOT_TOKEN, apiBase: fake.apiBase }, GUILD_ID);
  const variants: { label: string; variant: ShardedBotArgs["variant"]; processes: number }[] = [
    { label: "bare discord.js", variant: "bare", processes: 1 },
    { label: "studybot, 1 process", variant: "studybot", processes: 1 },
    { label: `studybot, ${args.shards} processes`, variant: "studybot", processes: args.shards },
  ];
  const runs: Run[] = [];
  try {
    for (const [index, { label, variant, processes }] of variants.entries()) {
      const botArgs: ShardedBotArgs = {
        variant,
        processes,
        apiBase: fake.apiBase,
        databaseFile: join(args.dir, `shards-${index}.db`),
        logFile: join(args.dir, `shards-${index}.log`),
      };
      runs.push({ label, processes, ...(await measure(fake, channels, botArgs, args.clicks)) });
    }
  } finally {
    await fake.close();
  }
  const [bare] = runs;
  const figures: Figure[] = runs.flatMap((result) => {
    const isBare = result === bare;
    const floor = (value: number) => (isBare || !bare ? {} : { floor: { label: "bare discord.js", value } });
    const acks = distribution(result.acks);
    return [
      figure(`${result.label}: time to every shard ready`, "s", result.readySeconds, floor(bare?.readySeconds ?? 0)),
      figure(`${result.label}: RSS, all processes`, "MB", result.rssMb, {
        ...floor(bare?.rssMb ?? 0),
        detail: `${((result.rssMb / args.guilds) * 1000).toFixed(1)} MB per 1,000 servers`,
      }),
      figure(`${result.label}: clicks acknowledged per second`, "/s", result.acksPerSecond, {
        ...floor(bare?.acksPerSecond ?? 0),
        detail: isBare ? "nothing written" : "each answer written to the one SQLite file first",
      }),
      figure(`${result.label}: click ack p99 (burst of ${args.clicks})`, "ms", acks.p99, {
        ...floor(distribution(bare?.acks ?? []).p99),
        detail: `p50 ${acks.p50.toFixed(0)} ms`,
      }),
    ];
  });
  const checks: Check[] = runs.map((result) => ({
    what: `${result.label}: every click acknowledged within 3 s (${result.lost} lost)`,
    ok: result.lost === 0,
  }));
  return [
    {
      id: "8",
      title: `Shards: ${args.guilds.toLocaleString("en-US")} servers over ${args.shards} shards`,
      figures,
      checks,
      notes: [
        `Processes start one after another, ${5.5} s apart (Discord's identify limit), which the ${args.shards}-process time to ready includes.`,
      ],
      seconds: (performance.now() - started) / 1000,
    },
  ];
}
