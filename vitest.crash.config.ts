import { defineConfig } from "vitest/config";

/**
 * `npm run test:crash`: the bot as a child process killed and restarted many
 * times, bursts of thousands of clicks, and faults that wait out production's
 * timeouts (a terminal bot behind a locked database). Too long for every `npm test`;
 * .ci/run runs both.
 */
export default defineConfig({
  test: {
    include: ["test/system/crash/**/*.test.ts", "test/**/*.slow.test.ts"],
    testTimeout: 300_000,
    // One at a time: the click flood must not share the CPU with the SIGKILL rounds.
    fileParallelism: false,
    hookTimeout: 60_000,
  },
});
