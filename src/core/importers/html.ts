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

const BLOCK_END = /<\/(?:div|p|li|h[1-6]|tr|blockquote|pre|ul|ol|table)\s*>/gi;

export function htmlToText(html: string): string {
  const text = html
    // An unclosed script or comment hides the rest, as in a browser; matched at its first try, so a field
    // of ten thousand unclosed "<!--" costs linear time instead of a scan to the end from each.
    .replace(/<(script|style)\b[^<>]*>(?:[\s\S]*?<\/\1\s*>|[\s\S]*$)/gi, "")
    .replace(/<!--(?:[\s\S]*?-->|[\s\S]*$)/g, "")
    .replace(/\[sound:[^\]]*\]/g, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(BLOCK_END, "\n")
    .replace(/<li\b[^>]*>/gi, "- ")
    .replace(/<\/?(?:b|strong)\b[^>]*>/gi, "**")
    .replace(/<\/?(?:i|em)\b[^>]*>/gi, "*")
    .replace(/<[^<>]*>/g, "");
  return decodeEntities(text)
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The way back, for `decks export --format anki`: text that htmlToText reads as it was. */
export function textToHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("\n", "<br>");
}
