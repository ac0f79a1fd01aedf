import { fork } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

/** A function a bench module exports, run in a child process of its own. */
export type Task<Args, Result> = (args: Args) => Promise<Result> | Result;

/** Children run the compiled JavaScript the runner built, as the bot runs in production (no tsx in memory). */
const CHILD_MAIN = fileURLToPath(new URL("./childMain.js", import.meta.url));

/**
 * Node options for every child: a callable gc() so memory is read after a
 * collection, not whenever V8 last felt like one, and with
 * BENCH_CPU_PROFILE=<dir> a CPU profile of each process (bot processes
 * included) to open in Chrome DevTools, sampled every
 * BENCH_CPU_PROFILE_INTERVAL microseconds (Node's default, 1000, leaves a
 * function that costs 20 µs a click to a handful of samples).
 */
const profileDir = process.env.BENCH_CPU_PROFILE;
const profileInterval = process.env.BENCH_CPU_PROFILE_INTERVAL;
const profileArgv = profileDir
  ? [
      "--cpu-prof",
      `--cpu-prof-dir=${profileDir}`,
      ...(profileInterval ? [`--cpu-prof-interval=${profileInterval}`] : []),
    ]
  : [];
export const CHILD_EXEC_ARGV = ["--expose-gc", ...profileArgv];

/**
 * Runs the export `name` of a bench module in a fresh Node process, so each
 * benchmark starts with a clean heap and its peak RSS is its own.
 */
export function runTask<Result>(modulePath: string, name: string, args: unknown): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD_MAIN, [pathToFileURL(modulePath).href, name, JSON.stringify(args)], {
      execArgv: CHILD_EXEC_ARGV,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let result: { value: Result } | undefined;
    child.on("message", (message) => {
      result = { value: message as Result };
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (result && code === 0) resolve(result.value);
      else reject(new Error(`${modulePath} ${name} exited with ${signal ?? code} before reporting`));
    });
  });
}
