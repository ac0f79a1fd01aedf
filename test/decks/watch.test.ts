import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { watchDeckFolder } from "../../src/decks/watch.js";
import { useTempDir } from "../kit/tempDir.js";

const tempDir = useTempDir("studybot-watch-");

describe("watching decks/", () => {
  it("calls back once a burst of writes has settled", async () => {
    const dir = tempDir();
    let calls = 0;
    let settled: () => void = () => undefined;
    const called = new Promise<void>((resolve) => {
      settled = resolve;
    });
    const watch = watchDeckFolder(
      dir,
      () => {
        calls += 1;
        settled();
      },
      { debounceMs: 50 },
    );
    try {
      await writeFile(join(dir, "a.yaml"), "id: a\n");
      await writeFile(join(dir, "a.yaml"), "id: a\ntitle: A\n");
      await called;
      expect(calls).toBeGreaterThanOrEqual(1);
    } finally {
      watch.close();
    }
  });

  it("reports a folder it cannot watch instead of throwing", () => {
    const errors: unknown[] = [];
    const watch = watchDeckFolder(join(tempDir(), "missing"), () => undefined, {
      onError: (error) => errors.push(error),
    });
    watch.close();
    expect(errors).toHaveLength(1);
  });
});
