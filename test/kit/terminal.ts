import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

/** The real CLI, as `npm start` runs it, with piped standard input and no chat tokens. */
export function runTerminal(input: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(root, "src/cli.ts"), "start"], {
    cwd: root,
    input,
    encoding: "utf8",
    env: { ...process.env, USER: "tester", TZ: "UTC", ...env, DISCORD_TOKEN: "", SLACK_BOT_TOKEN: "" },
    timeout: 30_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}
