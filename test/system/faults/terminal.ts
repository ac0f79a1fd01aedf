import { spawnStudybot } from "../../kit/studybotProcess.js";

export interface TerminalSession {
  /** Types one line and waits until standard output since then matches `expected`; returns that output. */
  type(line: string, expected: RegExp, timeoutMs?: number): Promise<string>;
  /** Everything printed on standard output and error so far. */
  output(): string;
  /** Types quit and waits for the exit code. */
  quit(): Promise<number | null>;
  kill(): void;
}

/**
 * The real terminal bot (`npm start` with no chat token), driven line by line
 * as a person would. Only standard output answers a line: the log on standard
 * error may say the same words first.
 */
export function startTerminal(env: Record<string, string>): TerminalSession {
  const running = spawnStudybot(["start"], { USER: "tester", ...env }, { stdin: "pipe" });
  const { child } = running;
  return {
    async type(line, expected, timeoutMs = 20_000) {
      const from = running.out().length;
      child.stdin?.write(`${line}\n`);
      const deadline = Date.now() + timeoutMs;
      while (!expected.test(running.out().slice(from))) {
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(
            `after "${line}" the terminal printed no ${expected}; it printed:\n${running.out().slice(from)}`,
          );
        }
        await new Promise((wake) => setTimeout(wake, 20));
      }
      return running.out().slice(from);
    },
    output: () => running.out() + running.err(),
    async quit() {
      child.stdin?.end("quit\n");
      return (await running.exit).code;
    },
    kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
