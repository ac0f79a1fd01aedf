import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Platform end-to-end tests open sockets and real SQLite files; a generous
    // per-test limit keeps a slow CI machine from flaking without hiding hangs.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
