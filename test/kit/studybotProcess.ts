import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

/** `node --import tsx src/cli.ts …`: the real CLI, as `npx studybot` runs it. */
const cliArgs = (args: string[]) => ["--import", "tsx", join(root, "src/cli.ts"), ...args];

/** No platform token or port leaks in from the machine's environment: a test gives the ones it means. */
function studybotEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TZ: "UTC",
    DISCORD_TOKEN: "",
    SLACK_BOT_TOKEN: "",
    SLACK_APP_TOKEN: "",
    SLACK_SIGNING_SECRET: "",
    HEALTH_PORT: "",
    ...env,
  };
}

export interface StudybotProcess {
  child: ChildProcess;
  /** Standard output and error so far. */
  out(): string;
  err(): string;
  /** The exit code, or the signal that ended it. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The CLI as a running child process, for commands that keep running (`start`) or run side by side. */
export function spawnStudybot(
  args: string[],
  env: Record<string, string>,
  options: { stdin?: "ignore" | "pipe" } = {},
): StudybotProcess {
  const child = spawn(process.execPath, cliArgs(args), {
    cwd: root,
    env: studybotEnv(env),
    stdio: [options.stdin ?? "ignore", "pipe", "pipe"],
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

/** The CLI run to its end with `input` on standard input: its exit code and what it printed. */
export function runStudybot(args: string[], env: Record<string, string>, input = "") {
  const result = spawnSync(process.execPath, cliArgs(args), {
    cwd: root,
    input,
    encoding: "utf8",
    env: studybotEnv(env),
    timeout: 30_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** The terminal bot (`npm start` with no chat token), fed `input` as typed lines. */
export function runTerminal(input: string, env: Record<string, string>) {
  return runStudybot(["start"], { USER: "tester", ...env, DISCORD_TOKEN: "", SLACK_BOT_TOKEN: "" }, input);
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
