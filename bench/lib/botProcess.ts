import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { CHILD_EXEC_ARGV } from "./child.js";

/** What the interaction benchmarks tell a bot process. */
export interface BotProcessArgs {
  /** studybot itself, or the floor: a bare client of the same SDK that only acknowledges. */
  variant: "studybot" | "bare";
  /** The fake platform's API URL. */
  apiBase: string;
  databaseFile: string;
  logFile: string;
  /** Where studybot posts its quiz. */
  channelId: string;
}

/** What a bot process reports once it is connected. */
export interface BotReady {
  /** The quiz studybot posted (Discord message id, Slack ts). */
  messageId?: string;
  /** HTTP mode: where the app receives requests. */
  port?: number;
}

type StartedBot = BotReady & { stop(): Promise<unknown> | unknown };

/**
 * The bot process's side: starts the bot from the arguments the benchmark
 * passed, reports it ready, and stops it cleanly when told to (so its
 * database is closed before the benchmark counts what it stored).
 */
export async function serveBotProcess(start: (args: BotProcessArgs) => Promise<StartedBot>): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? "{}") as BotProcessArgs;
  const { stop, ...ready } = await start(args);
  process.on("message", async (message) => {
    if (message === "cpu") {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpuMicros: user + system });
      return;
    }
    if (message !== "stop") return;
    await stop();
    process.send?.("stopped", () => process.exit(0));
  });
  process.send?.({ ...ready, ready: true });
}

export interface LaunchedBot extends BotReady {
  /** The CPU time (user and system) the bot process has used so far, in microseconds: its own, not the fake's. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

/** The benchmark's side: forks a bot process and waits until it is connected. */
export async function launchBotProcess(entry: string, args: BotProcessArgs): Promise<LaunchedBot> {
  const child: ChildProcess = fork(entry, [JSON.stringify(args)], {
    execArgv: CHILD_EXEC_ARGV,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = once(child, "exit");
  const [ready] = (await Promise.race([
    once(child, "message"),
    exited.then(([code]) => {
      throw new Error(`${entry} (${args.variant}) exited with ${code} before it was ready`);
    }),
  ])) as [BotReady];
  return {
    ...(ready.messageId ? { messageId: ready.messageId } : {}),
    ...(ready.port ? { port: ready.port } : {}),
    async cpuMicros() {
      const reply = new Promise<number>((resolve) => {
        const onMessage = (message: unknown) => {
          if (typeof message !== "object" || message === null || !("cpuMicros" in message)) return;
          child.off("message", onMessage);
          resolve(Number(message.cpuMicros));
        };
        child.on("message", onMessage);
      });
      child.send("cpu");
      return reply;
    },
    async stop() {
      child.send("stop");
      await exited;
    },
  };
}
