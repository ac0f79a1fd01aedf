/**
 * CSV as spreadsheets open it cleanly (RFC 4180): every field quoted, quotes
 * doubled, CRLF line ends, and a UTF-8 byte order mark, without which Excel
 * reads UTF-8 as the local code page and garbles every non-Latin name.
 */

export type CsvValue = string | number;

const BYTE_ORDER_MARK = "\uFEFF";
/** A spreadsheet runs a text cell that starts with one of these as a formula (CSV injection): such text gets a leading '. */
const FORMULA_START = /^[=+\-@\t\r]/;

function field(value: CsvValue): string {
  const text = typeof value === "number" ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

/** The rows (a header first) as one CSV document. */
export function csvDocument(rows: readonly (readonly CsvValue[])[]): string {
  return `${BYTE_ORDER_MARK}${rows.map((row) => row.map(field).join(",")).join("\r\n")}\r\n`;
}
