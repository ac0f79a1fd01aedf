import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../../..");

export interface TerminalSession {
  /** Types one line and waits until the output since then matches `expected`; returns that output. */
  type(line: string, expected: RegExp, timeoutMs?: number): Promise<string>;
  /** Everything printed on standard output and error so far. */
  output(): string;
  /** Types quit and waits for the exit code. */
  quit(): Promise<number | null>;
  kill(): void;
}

/** The real terminal bot (`npm start` with no chat token), driven line by line as a person would. */
export function startTerminal(env: Record<string, string>): TerminalSession {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "start"], {
    cwd: root,
    env: { ...process.env, USER: "tester", TZ: "UTC", DISCORD_TOKEN: "", SLACK_BOT_TOKEN: "", HEALTH_PORT: "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const exited = once(child, "exit");
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  return {
    async type(line, expected, timeoutMs = 20_000) {
      const from = output.length;
      child.stdin?.write(`${line}\n`);
      const deadline = Date.now() + timeoutMs;
      while (!expected.test(output.slice(from))) {
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(`after "${line}" the terminal printed no ${expected}; it printed:\n${output.slice(from)}`);
        }
        await new Promise((wake) => setTimeout(wake, 20));
      }
      return output.slice(from);
    },
    output: () => output,
    async quit() {
      child.stdin?.end("quit\n");
      const [code] = await exited;
      return code as number | null;
    },
    kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
