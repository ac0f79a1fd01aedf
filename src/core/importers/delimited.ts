/**
 * Delimited text per RFC 4180, for CSV, TSV and Anki's plain-text notes:
 * quoted fields with `""` escapes and line breaks inside, CRLF, LF or CR line
 * ends (mixed too), any delimiter. Each row keeps the line it starts on, so a
 * skipped row can be named. Lenient where spreadsheets are sloppy: a quote
 * inside an unquoted field is text, and so is a quote that opens a field but
 * is never closed (reported as a warning, not an error).
 */

export interface DelimitedRow {
  /** 1-based line on which the row starts. */
  line: number;
  fields: string[];
}

export interface DelimitedText {
  rows: DelimitedRow[];
  warnings: string[];
}

const QUOTE = '"';
const LF = 10;
const CR = 13;

function lineBreakLength(text: string, at: number): number {
  const char = text.charAt(at);
  if (char === "\r") return text.charAt(at + 1) === "\n" ? 2 : 1;
  return char === "\n" ? 1 : 0;
}

/**
 * With `onBlankLine`, an empty line is not a row: it is handed to the callback
 * by its number, so that a file of a million empty lines makes no million rows.
 */
export function readDelimited(text: string, delimiter: string, onBlankLine?: (line: number) => void): DelimitedText {
  if (delimiter === "" || delimiter.includes(QUOTE) || /[\r\n]/.test(delimiter)) {
    throw new Error(`unusable delimiter ${JSON.stringify(delimiter)}`);
  }
  const reader = new Reader(text, delimiter);
  while (reader.at < text.length) {
    const blank = onBlankLine ? lineBreakLength(text, reader.at) : 0;
    if (blank > 0) {
      onBlankLine?.(reader.line);
      reader.at += blank;
      reader.line += 1;
    } else {
      reader.readRow();
    }
  }
  return { rows: reader.rows, warnings: reader.warnings };
}

class Reader {
  at = 0;
  line = 1;
  readonly rows: DelimitedRow[] = [];
  readonly warnings: string[] = [];

  constructor(
    private readonly text: string,
    private readonly delimiter: string,
  ) {}

  readRow(): void {
    const row: DelimitedRow = { line: this.line, fields: [] };
    for (;;) {
      row.fields.push(this.readField());
      if (this.text.startsWith(this.delimiter, this.at)) {
        this.at += this.delimiter.length;
        continue;
      }
      const lineBreak = lineBreakLength(this.text, this.at);
      this.at += lineBreak;
      if (lineBreak > 0) this.line += 1;
      break;
    }
    this.rows.push(row);
  }

  private readField(): string {
    if (this.text.charAt(this.at) === QUOTE) {
      const quoted = this.readQuoted();
      if (quoted !== undefined) return quoted;
    }
    return this.readBare();
  }

  /** Up to the next delimiter or line break. */
  private readBare(): string {
    const { text, delimiter } = this;
    const start = this.at;
    const delimiterStart = delimiter.charCodeAt(0);
    let at = start;
    // Character codes, and startsWith only where the delimiter may begin: this loop sees every byte of the file.
    for (; at < text.length; at += 1) {
      const code = text.charCodeAt(at);
      if (code === LF || code === CR) break;
      if (code === delimiterStart && (delimiter.length === 1 || text.startsWith(delimiter, at))) break;
    }
    this.at = at;
    return text.slice(start, at);
  }

  /** A quoted field, or undefined (position unchanged) when the quotes do not make one. */
  private readQuoted(): string | undefined {
    const start = this.at;
    const startLine = this.line;
    let value = "";
    let at = start + 1;
    let line = this.line;
    while (at < this.text.length) {
      const char = this.text.charAt(at);
      if (char === QUOTE) {
        if (this.text.charAt(at + 1) === QUOTE) {
          value += QUOTE;
          at += 2;
          continue;
        }
        const after = at + 1;
        const ends =
          after >= this.text.length ||
          this.text.startsWith(this.delimiter, after) ||
          lineBreakLength(this.text, after) > 0;
        if (!ends) return undefined; // `"5" screen`: the quotes are part of the text.
        this.at = after;
        this.line = line;
        return value;
      }
      const lineBreak = lineBreakLength(this.text, at);
      if (lineBreak > 0) {
        // Every line break inside a field becomes \n, whatever the file's line ends.
        line += 1;
        value += "\n";
        at += lineBreak;
      } else {
        value += char;
        at += 1;
      }
    }
    this.warnings.push(`line ${startLine}: a quote opens a field that is never closed; read it as text`);
    return undefined;
  }
}

/** One field as RFC 4180 writes it: quoted when it holds the delimiter, a quote or a line break. */
export function quoteField(value: string, delimiter: string): string {
  const needsQuotes = value.includes(delimiter) || value.includes(QUOTE) || /[\r\n]/.test(value);
  return needsQuotes ? `${QUOTE}${value.replaceAll(QUOTE, QUOTE + QUOTE)}${QUOTE}` : value;
}

export function writeDelimited(rows: readonly (readonly string[])[], delimiter: string): string {
  const lines = rows.map((fields) => fields.map((field) => quoteField(field, delimiter)).join(delimiter));
  return `${lines.join("\n")}\n`;
}
