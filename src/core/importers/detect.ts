import { ANKI_HEADER_KEYS } from "./anki.js";
import { COMMON_HTML } from "./html.js";
import type { ImportFormat } from "./types.js";

export interface Detected {
  format: ImportFormat;
  /** Said to the person importing: "auto: tsv (every row has a tab)". */
  because: string;
  /** Quizlet's separators, when detection chose them. */
  termSeparator?: string;
  rowSeparator?: string;
}

const SAMPLE_LINES = 50;
/** Quizlet's custom "between term and definition" people choose, the longest first so " --- " is not read as " - ". */
const CUSTOM_TERM_SEPARATORS = ["/////", " --- ", "---", " -- ", " => ", " -> ", " :: ", " - ", " = ", " | ", "|"];

/** The custom separator that occurs exactly once on nearly every line (9 in 10), if one does. */
function customTermSeparator(lines: readonly string[]): string | undefined {
  if (lines.length === 0) return undefined;
  const once = (line: string, separator: string) => {
    const at = line.indexOf(separator);
    return at > 0 && line.indexOf(separator, at + separator.length) < 0;
  };
  return CUSTOM_TERM_SEPARATORS.find(
    (separator) => lines.filter((line) => once(line, separator)).length * 10 >= lines.length * 9,
  );
}
const CLOZE = /\{\{c\d+::/;

function isAnkiHeader(line: string): boolean {
  const match = /^#([a-z ]+):/i.exec(line);
  return match !== null && ANKI_HEADER_KEYS.includes((match[1] ?? "").trim().toLowerCase());
}

/** Guesses the format from the first lines: Anki headers or clozes, then which separator most rows have. */
export function detectFormat(text: string): Detected {
  const lines = text.split(/\r\n|\n|\r/).filter((line) => line.trim() !== "");
  const first = lines[0] ?? "";
  if (isAnkiHeader(first)) return { format: "anki", because: `Anki header line "${first.slice(0, 40)}"` };
  if (CLOZE.test(text)) return { format: "anki", because: "cloze deletions ({{c1::…}})" };
  const sample = lines.slice(0, SAMPLE_LINES);
  const withTab = sample.filter((line) => line.includes("\t")).length;
  const withComma = sample.filter((line) => line.includes(",")).length;
  const share = (count: number) =>
    count === sample.length ? "every row has" : `${count} of the first ${sample.length} rows have`;
  const custom = withTab === 0 ? customTermSeparator(sample) : undefined;
  if (custom !== undefined) {
    return {
      format: "quizlet",
      because: `${JSON.stringify(custom)} occurs once on nearly every line: taken as the term separator`,
      termSeparator: custom,
      rowSeparator: "\n",
    };
  }
  if (sample.length === 1 && (first.match(/;/g)?.length ?? 0) >= 2) {
    const termSeparator = withTab > 0 ? "\t" : ",";
    return {
      format: "quizlet",
      because: `one line of pairs separated by semicolons, term and definition by ${termSeparator === "\t" ? "a tab" : "a comma"}`,
      termSeparator,
      rowSeparator: ";",
    };
  }
  const withTabAndHtml = sample.filter((line) => line.includes("\t") && COMMON_HTML.test(line)).length;
  if (withTabAndHtml > 0 && withTab * 2 >= sample.length) {
    return {
      format: "anki",
      because: `${share(withTab)} a tab, and HTML in fields (an Anki export without # headers)`,
    };
  }
  if (withTab > 0 && withTab * 2 >= sample.length) return { format: "tsv", because: `${share(withTab)} a tab` };
  if (withComma > 0 && withComma * 2 >= sample.length) return { format: "csv", because: `${share(withComma)} a comma` };
  return { format: "tsv", because: "no tab or comma separates the rows' front and back" };
}
