import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closeAfterTest } from "../kit/closeAfterTest.js";
import { openApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { openDatabase } from "../../src/store/database.js";
import { DatabaseFileError } from "../../src/store/fileErrors.js";
import { checkDatabaseFile } from "../../src/store/quickCheck.js";
import { spawnStudybot } from "../kit/studybotProcess.js";
import { useTempDir } from "../kit/tempDir.js";

/**
 * A database whose schema and migrations are intact, so it opens and
 * migrates, but one page of the communities table holds garbage: the damage
 * a bot only meets when it reads that row.
 */
function damagedDatabase(dir: string, garbage: number): string {
  const file = join(dir, "studybot.db");
  const db = openDatabase(file);
  const add = db.prepare("INSERT INTO communities (platform, external_id, created_at) VALUES ('test', ?, 0)");
  for (let index = 0; index < 400; index++) add.run(`community ${index} `.repeat(20));
  const pageSize = db.pragma("page_size", { simple: true }) as number;
  const page = db
    .prepare("SELECT pageno FROM dbstat WHERE name = 'communities' AND pagetype = 'leaf' ORDER BY pageno DESC")
    .pluck()
    .get() as number;
  db.close();
  const fd = openSync(file, "r+");
  writeSync(fd, Buffer.alloc(pageSize, garbage), 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
  return file;
}

function configFor(dir: string, file: string) {
  const decksDir = join(dir, "decks");
  mkdirSync(decksDir, { recursive: true });
  return { decksDir, config: loadConfig({ DATABASE_PATH: file, DECKS_DIR: decksDir }) };
}

describe("the database file's check at start", () => {
  const tempDir = useTempDir();

  // A page of zeros is one of quick_check's listed problems; a page of other bytes stops it with SQLITE_CORRUPT.
  it.each([0x00, 0xa5])(
    "refuses a damaged file that opens and migrates (a page of byte %i), naming it, doctor and the backup",
    async (garbage) => {
      const dir = tempDir();
      const file = damagedDatabase(dir, garbage);
      openDatabase(file).close();
      const { config } = configFor(dir, file);
      const opening = openApp(config, {
        logger: createLogger("silent"),
        fallbackTimeZone: "UTC",
        commandRateLimit: null,
      });
      await expect(opening).rejects.toBeInstanceOf(DatabaseFileError);
      await expect(opening).rejects.toThrow(`${file} is damaged (PRAGMA quick_check):\n  `);
      await expect(opening).rejects.toThrow("Run `studybot doctor` to see all of it, then restore the latest backup");
    },
  );

  it("passes a sound file, and gives up on a check that takes longer than allowed", async () => {
    const db = closeAfterTest(openDatabase(join(tempDir(), "studybot.db")));
    expect(await checkDatabaseFile(db)).toBe("ok");
    expect(await checkDatabaseFile(db, { timeoutMs: 0 })).toBe("unchecked");
  });

  it("keeps `studybot start` from starting on a damaged file: exit 1 and the message, nothing else", async () => {
    const dir = tempDir();
    const file = damagedDatabase(dir, 0xa5);
    const { decksDir } = configFor(dir, file);
    const started = spawnStudybot(["start"], { DATABASE_PATH: file, DECKS_DIR: decksDir });
    expect(await started.exit).toEqual({ code: 1, signal: null });
    expect(started.err()).toMatch(new RegExp(`^${file} is damaged \\(PRAGMA quick_check\\):\\n`));
    expect(started.err()).not.toContain("at ");
  }, 60_000);
});
