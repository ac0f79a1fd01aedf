import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // SIGKILL rounds, click bursts and slow fault injections run in `npm run test:crash` (vitest.crash.config.ts).
    exclude: [...configDefaults.exclude, "test/system/crash/**", "test/**/*.slow.test.ts"],
    // Platform end-to-end tests open sockets and real SQLite files; a generous
    // per-test limit keeps a slow CI machine from flaking without hiding hangs.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
