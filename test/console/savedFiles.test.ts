import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { saveReplyFiles } from "../../src/platforms/console/savedFiles.js";
import type { ReplyFile } from "../../src/services/ports.js";
import { useTempDir } from "../kit/tempDir.js";

const file = (name: string, content: string): ReplyFile => ({
  name,
  contentType: "text/csv; charset=utf-8",
  bytes: new TextEncoder().encode(content),
});

describe("files saved by the terminal", () => {
  const tempDir = useTempDir();

  it("are written under their own names into a folder made on demand, paths returned", () => {
    const dir = join(tempDir(), "files");
    const paths = saveReplyFiles(dir, [file("report-members.csv", "a,b\r\n"), file("stats.png", "png")]);
    expect(paths).toEqual([join(dir, "report-members.csv"), join(dir, "stats.png")]);
    expect(readFileSync(join(dir, "report-members.csv"), "utf8")).toBe("a,b\r\n");
  });

  it("never overwrite an earlier export: a second one gets a number", () => {
    const dir = tempDir();
    saveReplyFiles(dir, [file("report.csv", "first")]);
    const [second] = saveReplyFiles(dir, [file("report.csv", "second")]);
    expect(second).toBe(join(dir, "report-2.csv"));
    expect(readFileSync(join(dir, "report.csv"), "utf8")).toBe("first");
    expect(readFileSync(join(dir, "report-2.csv"), "utf8")).toBe("second");
  });

  it("cannot be steered out of the folder by a name with a path in it", () => {
    const dir = tempDir();
    const [path] = saveReplyFiles(dir, [file("../../etc/evil.csv", "x")]);
    expect(path).toBe(join(dir, "evil.csv"));
  });
});
