import { execFile } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const BIOME = join(ROOT, "node_modules/.bin/biome");
const RULE = "lint/style/noRestrictedImports";
const MAX_LINES = 400;

interface Probe {
  /** Folder under src/ the probe file is written into. */
  folder: string;
  specifier: string;
  allowed: boolean;
}

const PROBES: Probe[] = [
  { folder: "core", specifier: "../store/database.js", allowed: false },
  { folder: "core", specifier: "../platforms/discord/render.js", allowed: false },
  { folder: "core", specifier: "../config.js", allowed: false },
  { folder: "core", specifier: "../logger.js", allowed: false },
  { folder: "core", specifier: "discord.js", allowed: false },
  { folder: "core", specifier: "node:fs", allowed: false },
  { folder: "core/importers", specifier: "../../services/services.js", allowed: false },
  { folder: "core", specifier: "./clip.js", allowed: true },
  { folder: "core/importers", specifier: "../deck.js", allowed: true },
  { folder: "store", specifier: "../services/services.js", allowed: false },
  { folder: "store", specifier: "../decks/loader.js", allowed: false },
  { folder: "store", specifier: "../core/deck.js", allowed: true },
  { folder: "store", specifier: "./database.js", allowed: true },
  { folder: "services", specifier: "../platforms/discord/render.js", allowed: false },
  { folder: "services", specifier: "../scheduler/scheduler.js", allowed: false },
  { folder: "services/commands", specifier: "../../platforms/slack/render.js", allowed: false },
  { folder: "services", specifier: "../app.js", allowed: false },
  { folder: "services", specifier: "../cron/cronTimetable.js", allowed: true },
  { folder: "services", specifier: "../store/database.js", allowed: true },
  { folder: "scheduler", specifier: "../platforms/discord/render.js", allowed: false },
  { folder: "scheduler", specifier: "../cron/cronTimetable.js", allowed: true },
  { folder: "platforms/discord", specifier: "../../store/database.js", allowed: false },
  { folder: "platforms/slack", specifier: "../../store/index.js", allowed: false },
  { folder: "platforms/console", specifier: "../../scheduler/scheduler.js", allowed: false },
  { folder: "platforms/discord", specifier: "../../services/services.js", allowed: true },
  { folder: "platforms/slack", specifier: "../../config.js", allowed: true },
  { folder: "platforms/slack", specifier: "./app.js", allowed: true },
  { folder: "decks", specifier: "../store/database.js", allowed: false },
  { folder: "decks", specifier: "../core/deck.js", allowed: true },
  { folder: "decks", specifier: "node:fs", allowed: true },
  { folder: "decks", specifier: "better-sqlite3", allowed: true },
];

const probePath = (index: number) => join("src", PROBES[index]?.folder ?? "", `layerProbe${process.pid}x${index}.ts`);

/** Biome's exit code and, per file under ROOT, the rules it reported. */
async function lint(files: readonly string[]): Promise<{ failed: boolean; rulesByFile: Map<string, string[]> }> {
  const rulesByFile = new Map<string, string[]>();
  let failed = false;
  let stdout = "";
  try {
    ({ stdout } = await promisify(execFile)(BIOME, ["lint", "--reporter=github", ...files], { cwd: ROOT }));
  } catch (error) {
    failed = true;
    stdout = (error as { stdout?: string }).stdout ?? "";
  }
  for (const match of stdout.matchAll(/^::error title=([^,]+),file=([^,]+),/gm)) {
    const [, rule = "", file = ""] = match;
    const key = relative(ROOT, file);
    rulesByFile.set(key, [...(rulesByFile.get(key) ?? []), rule]);
  }
  return { failed, rulesByFile };
}

describe("lint keeps the layers apart", () => {
  let all: Awaited<ReturnType<typeof lint>>;
  let allowedOnly: Awaited<ReturnType<typeof lint>>;

  beforeAll(async () => {
    const files = PROBES.map((_, index) => probePath(index));
    try {
      PROBES.forEach((probe, index) => {
        writeFileSync(join(ROOT, probePath(index)), `import "${probe.specifier}";\n`);
      });
      all = await lint(files);
      allowedOnly = await lint(files.filter((_, index) => PROBES[index]?.allowed));
    } finally {
      for (const file of files) rmSync(join(ROOT, file), { force: true });
    }
  }, 60_000);

  it.each(PROBES.map((probe, index) => [`src/${probe.folder} importing ${probe.specifier}`, probe, index] as const))(
    "%s",
    (_, { allowed }, index) => {
      const rules = all.rulesByFile.get(probePath(index)) ?? [];
      expect(rules).toEqual(allowed ? [] : [RULE]);
    },
  );

  it("fails the lint on a forbidden import and passes it when every import is allowed", () => {
    expect(all.failed).toBe(true);
    expect(allowedOnly.failed).toBe(false);
  });
});

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

const lineCount = (text: string) => text.split("\n").length - (text.endsWith("\n") ? 1 : 0);

describe("file size", () => {
  it(`keeps every file in src/ at ${MAX_LINES} lines or fewer`, () => {
    const offenders = sourceFiles(join(ROOT, "src"))
      .map((file) => ({ file: relative(ROOT, file), lines: lineCount(readFileSync(file, "utf8")) }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(offenders, `files in src/ over ${MAX_LINES} lines:\n${offenders.join("\n")}`).toEqual([]);
  });
});
