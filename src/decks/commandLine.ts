import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { EXPORT_FORMATS, type ExportFormat, IMPORT_FORMATS, type ImportFormat } from "../core/importers/index.js";
import { exportDeckText, importDeckFile } from "./deckFile.js";

/** `studybot decks import|export …`: the words after `decks`, and where the output goes. */
export interface DecksCommandIO {
  decksDir: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

export const DECKS_IMPORT_USAGE =
  "Usage: studybot decks import <file> [--format auto|tsv|csv|anki|quizlet] [--id ID] [--title TITLE] [--force] [--header|--no-header] [--term-sep SEP] [--row-sep SEP] [--split-decks]";
export const DECKS_EXPORT_USAGE = "Usage: studybot decks export <deck-id> [--format tsv|anki] [--out FILE]";

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T | undefined {
  if (value === undefined) return fallback;
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Exit code 0 when the deck was written, 1 when the file could not become one, 2 for a usage mistake. */
export async function decksImportCommand(args: readonly string[], io: DecksCommandIO): Promise<number> {
  let parsed: ReturnType<typeof parseImportArgs>;
  try {
    parsed = parseImportArgs(args);
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${DECKS_IMPORT_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const format = oneOf<ImportFormat | "auto">(values.format, ["auto", ...IMPORT_FORMATS], "auto");
  const [file, extra] = positionals;
  if (!file || extra !== undefined || format === undefined || (values.header && values["no-header"])) {
    const problem =
      format === undefined
        ? `unknown format "${values.format}"\n`
        : values.header && values["no-header"]
          ? "give --header or --no-header, not both\n"
          : "";
    io.err(`${problem}${DECKS_IMPORT_USAGE}\n`);
    return 2;
  }
  const outcome = await importDeckFile({
    file,
    decksDir: io.decksDir,
    format,
    id: values.id,
    title: values.title,
    force: values.force,
    ...(values.header ? { header: true } : values["no-header"] ? { header: false } : {}),
    termSeparator: values["term-sep"],
    rowSeparator: values["row-sep"],
    splitDecks: values["split-decks"],
  });
  (outcome.ok ? io.out : io.err)(`${outcome.lines.join("\n")}\n`);
  return outcome.ok ? 0 : 1;
}

const IMPORT_VALUE_OPTIONS = ["--format", "--id", "--title", "--term-sep", "--row-sep"];

/**
 * `--term-sep ---` as `--term-sep=---`: parseArgs refuses a value that starts
 * with "-" as ambiguous, and Quizlet's custom separators often do.
 */
function joinOptionValues(args: readonly string[], valueOptions: readonly string[]): string[] {
  const joined: string[] = [];
  for (let at = 0; at < args.length; at += 1) {
    const arg = args[at] ?? "";
    const value = args[at + 1];
    if (valueOptions.includes(arg) && value !== undefined) {
      joined.push(`${arg}=${value}`);
      at += 1;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

function parseImportArgs(args: readonly string[]) {
  return parseArgs({
    args: joinOptionValues(args, IMPORT_VALUE_OPTIONS),
    allowPositionals: true,
    options: {
      format: { type: "string" },
      id: { type: "string" },
      title: { type: "string" },
      force: { type: "boolean", default: false },
      header: { type: "boolean", default: false },
      "no-header": { type: "boolean", default: false },
      "term-sep": { type: "string" },
      "row-sep": { type: "string" },
      "split-decks": { type: "boolean", default: false },
    },
  });
}

export async function decksExportCommand(args: readonly string[], io: DecksCommandIO): Promise<number> {
  let parsed: ReturnType<typeof parseExportArgs>;
  try {
    parsed = parseExportArgs(args);
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${DECKS_EXPORT_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const format = oneOf<ExportFormat>(values.format, EXPORT_FORMATS, "tsv");
  const [id, extra] = positionals;
  if (!id || extra !== undefined || format === undefined) {
    io.err(`${format === undefined ? `unknown format "${values.format}"\n` : ""}${DECKS_EXPORT_USAGE}\n`);
    return 2;
  }
  const exported = await exportDeckText(io.decksDir, id, format);
  if ("error" in exported) {
    io.err(`${exported.error}\n`);
    return 1;
  }
  if (values.out === undefined) {
    io.out(exported.text);
  } else {
    await writeFile(values.out, exported.text, "utf8");
    io.err(`Wrote ${values.out}.\n`);
  }
  return 0;
}

function parseExportArgs(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { format: { type: "string" }, out: { type: "string" } },
  });
}
