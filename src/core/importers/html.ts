/**
 * Anki fields are HTML. Cards are markdown text, so this keeps what a reader
 * sees: line breaks (`<br>`, blocks, list items), bold and italics as
 * markdown, characters behind entities; it drops tags, images and sounds.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  middot: "·",
  bull: "•",
  times: "×",
  deg: "°",
  copy: "©",
  reg: "®",
  euro: "€",
  larr: "←",
  rarr: "→",
};

function decodeEntity(whole: string, body: string): string {
  if (body.startsWith("#")) {
    const code =
      body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, decodeEntity);
}

const BLOCK_TAG = /<\/?(?:div|p|li|h[1-6]|tr|blockquote|pre|ul|ol|table)\b[^<>]*>/gi;
/** Stands for "a block starts or ends here": any run of them, with the spaces between, is one line break. */
const BLOCK_MARK = "\u0000";
/** Stands for a bold tag until each line's are balanced: "**" typed in the text is left as it is. */
const BOLD_MARK = "\u0001";
/** Holds an empty line's place while runs of block marks become one line break. */
const EMPTY_LINE = "\u0002";
const CELL_BETWEEN = /<\/t[dh]\s*>\s*(?=<t[dh]\b)/gi;

/**
 * Marks that span a line break (`<b>a<br>b</b>`) closed at its end and opened
 * again on the next line, so that each line's markdown stands on its own.
 */
function balanceMarks(lines: string[], mark: string): string[] {
  let open = false;
  return lines.map((line) => {
    const count = line.split(mark).length - 1;
    const text = open && line !== "" ? `${mark}${line}` : line;
    const nowOpen = open !== (count % 2 === 1);
    const closed = nowOpen && text !== "" ? `${text}${mark}` : text;
    open = nowOpen;
    return closed;
  });
}

export function htmlToText(html: string): string {
  const text = html
    // An unclosed script or comment hides the rest, as in a browser; matched at its first try, so a field
    // of ten thousand unclosed "<!--" costs linear time instead of a scan to the end from each.
    .replace(/<(script|style)\b[^<>]*>(?:[\s\S]*?<\/\1\s*>|[\s\S]*$)/gi, "")
    .replace(/<!--(?:[\s\S]*?-->|[\s\S]*$)/g, "")
    .replace(/\[sound:[^\]]*\]/g, "")
    // Line breaks and indentation in the HTML source are spaces to a browser; only tags break lines.
    .replace(/\s+/g, " ")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(CELL_BETWEEN, " | ")
    .replace(/<li\b[^<>]*>/gi, `${BLOCK_MARK}- `)
    .replace(BLOCK_TAG, BLOCK_MARK)
    // A <br> that ends a line of text right before a block adds no line, as in a browser; alone on its line it does.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is BLOCK_MARK (a NUL in a card would only break its line)
    .replace(/([^\n\u0000]) ?\n(?= ?\u0000)/g, "$1")
    // A <br> alone between blocks (Anki's blank line, <div><br></div>) is that empty line, not one more break.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is BLOCK_MARK (a NUL in a card would only break its line)
    .replace(/\u0000 ?\n(?= ?\u0000)/g, `${BLOCK_MARK}${EMPTY_LINE}`)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is BLOCK_MARK (a NUL in a card would only break its line)
    .replace(/ ?\u0000[\u0000 ]*/g, "\n")
    .replaceAll(EMPTY_LINE, "")
    .replace(/<\/?(?:b|strong)\b[^<>]*>/gi, BOLD_MARK)
    .replace(/<\/?(?:i|em)\b[^<>]*>/gi, "*")
    .replace(/<[^<>]*>/g, "");
  // Spaces at a line's ends are the HTML source's layout (and Anki's &nbsp; padding), trimmed before entities
  // are decoded: a space written as &#32; is meant, as `textToHtml` writes a line's leading spaces.
  const lines = text.split("\n").map((line) => decodeEntities(trimLayout(line)));
  return balanceMarks(lines, BOLD_MARK).join("\n").replaceAll(BOLD_MARK, "**").trim();
}

/**
 * A line without the spaces and `&nbsp;` at its ends. The end is trimmed by a
 * loop: a regex anchored at the end would be tried again from every `&nbsp;`
 * of a long run that does not end the line.
 */
function trimLayout(line: string): string {
  const start = /^(?:\s|&nbsp;)+/i.exec(line)?.[0].length ?? 0;
  let end = line.length;
  while (end > start) {
    if (/\s/.test(line.charAt(end - 1))) end -= 1;
    else if (end - 6 >= start && line.slice(end - 6, end).toLowerCase() === "&nbsp;") end -= 6;
    else break;
  }
  return line.slice(start, end);
}

export const COMMON_HTML =
  /<\/?(?:br|div|p|b|i|u|em|strong|span|li|ul|ol|img|font|sub|sup|table|tr|td)(?:\s[^<>]*)?\/?>|&nbsp;/i;

/** A spreadsheet cell that went through Anki holds its HTML: known tags only, so "a<b" and "x > y" stay text. */
export function cellFromHtml(cell: string): string {
  return COMMON_HTML.test(cell) ? htmlToText(cell) : cell;
}

/** The way back, for `decks export --format anki`: text that htmlToText reads as it was. */
export function textToHtml(text: string): string {
  // Tabs, runs of spaces and spaces at a line's ends as entities: in HTML they are one space or none.
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll("\t", "&#9;")
    .replace(/ (?= )/g, "&#32;")
    .replace(/^ | $/gm, "&#32;")
    .replaceAll("\n", "<br>");
}
