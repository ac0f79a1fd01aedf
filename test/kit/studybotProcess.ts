import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

export interface StudybotProcess {
  child: ChildProcess;
  /** Standard output and error so far. */
  out(): string;
  err(): string;
  /** The exit code, or the signal that ended it. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The real CLI as `npx studybot` runs it, with no platform token from the
 * machine's environment unless the test gives one.
 */
export function spawnStudybot(args: string[], env: Record<string, string>): StudybotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "src/cli.ts"), ...args], {
    cwd: root,
    env: {
      ...process.env,
      TZ: "UTC",
      DISCORD_TOKEN: "",
      SLACK_BOT_TOKEN: "",
      SLACK_APP_TOKEN: "",
      SLACK_SIGNING_SECRET: "",
      HEALTH_PORT: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk) => {
    out += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    err += String(chunk);
  });
  return {
    child,
    out: () => out,
    err: () => err,
    exit: new Promise((resolveExit) => child.on("exit", (code, signal) => resolveExit({ code, signal }))),
  };
}

/** A port nothing listens on right now, for HEALTH_PORT. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolveListen) => server.listen(0, "127.0.0.1", resolveListen));
  const address = server.address();
  await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}
