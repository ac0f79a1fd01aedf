/** Splitting a typed line into tokens, and the spellings users bring from elsewhere. */

export interface Token {
  text: string;
  /** A quoted token is one argument even with spaces inside, which a cron needs. */
  quoted: boolean;
}

// Slack and Discord clients turn straight quotes into typographic ones.
const QUOTES = new Set(['"', "“", "”", "„"]);
const SPACE = /\s/;

/** Splits on whitespace; a quoted run is one token. An unclosed quote is reported, not guessed at. */
export function tokenize(line: string): { tokens: Token[]; unclosed?: string } {
  const tokens: Token[] = [];
  let at = 0;
  while (at < line.length) {
    const char = line.charAt(at);
    if (SPACE.test(char)) {
      at += 1;
    } else if (QUOTES.has(char)) {
      const end = nextQuote(line, at + 1);
      if (end < 0) return { tokens, unclosed: line.slice(at + 1) };
      tokens.push({ text: line.slice(at + 1, end), quoted: true });
      at = end + 1;
    } else {
      const end = wordEnd(line, at);
      tokens.push({ text: line.slice(at, end), quoted: false });
      at = end;
    }
  }
  return { tokens };
}

function nextQuote(line: string, from: number): number {
  for (let at = from; at < line.length; at += 1) if (QUOTES.has(line.charAt(at))) return at;
  return -1;
}

function wordEnd(line: string, from: number): number {
  let at = from;
  while (at < line.length && !SPACE.test(line.charAt(at))) at += 1;
  return at;
}

/** Users paste Discord-style `/quiz now` into Slack or the terminal. */
export function stripSlash(tokens: readonly Token[]): Token[] {
  const [first, ...rest] = tokens;
  if (!first || first.quoted || !first.text.startsWith("/")) return [...tokens];
  const text = first.text.slice(1);
  return text ? [{ text, quoted: false }, ...rest] : rest;
}

const COMMAND_ALIASES = new Map<string, readonly string[]>([["decks", ["deck", "list"]]]);
export const SUBCOMMAND_ALIASES = new Map<string, string>([
  ["tz", "timezone"],
  ["time-zone", "timezone"],
]);

export function expandAlias(tokens: readonly Token[]): Token[] {
  const [first, ...rest] = tokens;
  const words = first && COMMAND_ALIASES.get(first.text.toLowerCase());
  return words ? [...words.map((text) => ({ text, quoted: false })), ...rest] : [...tokens];
}
