import { mkdirSync, writeFileSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import type { ReplyFile } from "../../services/ports.js";

/** How many same-named files a folder may hold before saving gives up ("report.csv" … "report-999.csv"). */
const MAX_SAME_NAME = 999;

/**
 * The terminal has no attachments: a reply's files are written into `dir`,
 * never over an earlier one ("report.csv", then "report-2.csv"), and their
 * absolute paths returned for the reply to print.
 */
export function saveReplyFiles(dir: string, files: readonly ReplyFile[]): string[] {
  mkdirSync(dir, { recursive: true });
  return files.map((file) => saveOne(resolve(dir), file));
}

function saveOne(dir: string, file: ReplyFile): string {
  const name = basename(file.name);
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let copy = 1; copy <= MAX_SAME_NAME; copy++) {
    const path = join(dir, copy === 1 ? name : `${stem}-${copy}${extension}`);
    try {
      writeFileSync(path, file.bytes, { flag: "wx" });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  throw new Error(`${dir} already holds ${MAX_SAME_NAME} files named like ${name}: move some away.`);
}
