import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { doctorLines, runDoctor } from "../../src/services/doctor.js";
import { openDatabase } from "../../src/store/database.js";
import { DatabaseFileError } from "../../src/store/fileErrors.js";
import { makeReadOnly } from "../helpers/readOnly.js";
import { useTempDir } from "../helpers/tempDir.js";

/** A migrated database with a few rows, closed cleanly (no -wal left), as a stopped bot leaves it. */
function stoppedBotDatabase(file: string): void {
  const db = openDatabase(file);
  const add = db.prepare("INSERT INTO communities (platform, external_id, created_at) VALUES ('test', ?, 0)");
  for (let index = 0; index < 300; index++) add.run(`community ${index} `.repeat(20));
  db.close();
}

function openingError(file: string, options: { readonly?: boolean } = {}): DatabaseFileError {
  try {
    openDatabase(file, options).close();
  } catch (error) {
    if (error instanceof DatabaseFileError) return error;
    throw error;
  }
  throw new Error(`${file} opened`);
}

describe("a database file the bot cannot use", () => {
  const tempDir = useTempDir();
  const undo: (() => void)[] = [];
  afterEach(() => {
    for (const step of undo.splice(0).reverse()) step();
  });

  it("read-only is named at start, with the file and what to do, not at the first answer", () => {
    const file = join(tempDir(), "studybot.db");
    stoppedBotDatabase(file);
    undo.push(makeReadOnly(file));
    const error = openingError(file);
    expect(error.problem).toBe("read-only");
    expect(error.message).toContain(`${file} cannot be written: the file or its folder is read-only.`);
    expect(error.message).toContain("give its user write access");
    expect(error.message).toContain("SQLITE_READONLY");
  });

  it("in a read-only folder is named at start, and doctor still reads it", () => {
    const dir = tempDir();
    const file = join(dir, "studybot.db");
    stoppedBotDatabase(file);
    undo.push(makeReadOnly(dir));
    const error = openingError(file);
    expect(error.message).toMatch(new RegExp(`^${file} (cannot be opened|cannot be written)`));
    expect(error.message).toContain(`${file}-wal`);

    const reader = openDatabase(file, { readonly: true });
    expect(reader.prepare("SELECT COUNT(*) FROM communities").pluck().get()).toBe(300);
    expect(doctorLines(runDoctor(reader, { fix: false }))).toMatchObject({ healthy: true });
    reader.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it("that is garbage or cut short is called damaged, with doctor and the backup as the way out", () => {
    const dir = tempDir();
    const garbage = join(dir, "garbage.db");
    writeFileSync(garbage, Buffer.alloc(8192, "studybot"));
    const truncated = join(dir, "truncated.db");
    const whole = join(dir, "whole.db");
    stoppedBotDatabase(whole);
    writeFileSync(truncated, readFileSync(whole).subarray(0, 3 * 4096));

    for (const [file, code] of [
      [garbage, "SQLITE_NOTADB"],
      [truncated, "SQLITE_CORRUPT"],
    ] as const) {
      for (const readonly of [false, true]) {
        const error = openingError(file, { readonly });
        expect(error.problem).toBe("damaged");
        expect(error.message).toContain(`${file} is damaged or is not a studybot database.`);
        expect(error.message).toContain("Run `studybot doctor` to see the damage");
        expect(error.message).toContain("restore the latest backup");
        expect(error.message).toContain(code);
      }
    }
  });
});
