import type { Task } from "./child.js";

/** Entry of a task's child process: runs the named export of a bench module, sends its result to the runner, exits. */
const [moduleUrl = "", name = "run", argsJson = "{}"] = process.argv.slice(2);
const task = ((await import(moduleUrl)) as Record<string, Task<unknown, unknown>>)[name];
if (!task) throw new Error(`${moduleUrl} exports no ${name}`);
const result = (await task(JSON.parse(argsJson))) ?? null;
// Clients and timers a benchmark leaves behind must not keep the process alive.
process.send?.(result, () => process.exit(0));
