import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from "discord.js";
import { clip, ELLIPSIS } from "../../core/clip.js";
import {
  type Block,
  type Button,
  type Inline,
  type OptionLine,
  type RankingRow,
  type Tone,
  timeChoiceText,
  type View,
} from "../../core/views.js";

/**
 * Views as Discord messages: one embed and rows of buttons, always within
 * Discord's limits (a message over any of them is refused whole, so here
 * nothing is ever over: long text is cut, extra buttons and fields dropped).
 * Pure: no client, no I/O.
 */

export const LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  embedTotal: 6000,
  customId: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rows: 5,
  allowedMentionUsers: 100,
} as const;

export interface DiscordMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  /** Nobody is pinged by anything in a view except the users it names. */
  allowedMentions: { parse: []; users: string[] };
}

/** A reply only its recipient sees (an interaction's first reply or follow-up). */
export interface PrivateDiscordMessage extends DiscordMessage {
  flags?: MessageFlags.Ephemeral;
}

/** Who sees a rendered reply: only the person it answers, or the channel. */
export interface Audience {
  private?: boolean;
}

/** What renderView is told for a reply only its recipient sees. */
export const PRIVATELY: Audience = { private: true };

const TONE_COLORS: Record<Tone, number> = {
  neutral: 0x99aab5,
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  error: 0xed4245,
};

const BUTTON_STYLES: Record<Button["style"], APIButtonComponentWithCustomId["style"]> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
};

const EMPTY = "\u200b";
const SNOWFLAKE = /^\d{15,22}$/;

/** Regional indicator letters 🇦…🇿: the reaction for option A, B, … */
const REGIONAL_A = 0x1f1e6;

export function letterEmoji(index: number): string {
  return String.fromCodePoint(REGIONAL_A + index);
}

/** The option index of a reaction emoji, or undefined for any other emoji. */
export function choiceOfEmoji(emoji: string | null | undefined): number | undefined {
  const codePoints = Array.from(emoji ?? "");
  const code = codePoints.length === 1 ? (codePoints[0]?.codePointAt(0) ?? 0) : 0;
  const index = code - REGIONAL_A;
  return index >= 0 && index < 26 ? index : undefined;
}

/** Whatever escapeMarkdown would change: a superset of its patterns, tested once. */
const MAY_NEED_ESCAPING = /[\\*_~`|[\]<]|^\s*(?:\d+\.|#|>|[-+])|@(?:everyone|here)/m;

/**
 * Literal text: Discord markdown, mentions, masked links and list or quote
 * markers are escaped so a name like `*_ana_*` or `<@123>` shows as typed.
 */
export function escapeMarkdown(text: string): string {
  // Most text (a name, a sentence) has nothing to escape: one test instead of four rewrites.
  if (!MAY_NEED_ESCAPING.test(text)) return text;
  return neutralizeEveryone(
    text
      .replace(/[\\*_~`|[\]<]/g, "\\$&")
      // A backslash escapes punctuation only, so "1." becomes "1\." and "# x" becomes "\# x".
      .replace(/^(\s*)(\d+)\.(?=\s)/gm, "$1$2\\.")
      .replace(/^(\s*)(#{1,3}|>{1,3}|[-+])(?=\s)/gm, "$1\\$2"),
  );
}

/** Deck-authored markdown keeps its formatting but can never mention anyone. */
export function safeMarkdown(text: string): string {
  return neutralizeEveryone(text.replace(/<(?=[@#]|a?:|\/)/g, "\\<"));
}

function neutralizeEveryone(text: string): string {
  return text.replace(/@(everyone|here)\b/g, `@${EMPTY}$1`);
}

/** What a cut must not split in Discord markdown: a backslash escape, a user, role or channel mention. */
const DISCORD_MARKUP = /\\[\s\S]|<(?:@[!&]?|#)\d+>/gu;

/** Cuts to `max` UTF-16 units, as Discord counts, between graphemes and outside escapes and mentions. */
export function truncate(text: string, max: number): string {
  return clip(text, max, { unit: "utf16", keepWhole: DISCORD_MARKUP });
}

function inlinePart(part: Inline, mentioned: Set<string>): string {
  if (typeof part === "string") return escapeMarkdown(part);
  if ("user" in part) {
    if (!SNOWFLAKE.test(part.user.externalId)) return escapeMarkdown(`@${part.user.name}`);
    mentioned.add(part.user.externalId);
    return `<@${part.user.externalId}>`;
  }
  if ("strong" in part) return part.strong === "" ? "" : `**${escapeMarkdown(part.strong)}**`;
  if ("channel" in part)
    return SNOWFLAKE.test(part.channel) ? `<#${part.channel}>` : escapeMarkdown(`#${part.channel}`);
  // Inside a code span nothing is markdown; only a backtick could end it early.
  return `\`${part.code.replace(/`/g, "ˋ") || " "}\``;
}

function inline(parts: readonly Inline[], mentioned: Set<string>): string {
  let text = "";
  for (const part of parts) text += inlinePart(part, mentioned);
  return text;
}

function optionLine(option: OptionLine): string {
  const [first = "", ...rest] = escapeMarkdown(option.text).split("\n");
  const mark = option.mark === "correct" ? " ✅" : option.mark === "wrong" ? " ❌" : "";
  const count = option.count === undefined ? "" : ` · ${option.count}`;
  const continuation = rest.map((line) => `\n${EMPTY}    ${line}`).join("");
  return `**${option.letter}** ${first}${continuation}${mark}${count}`;
}

function rankingLines(rows: readonly RankingRow[], gapBeforeLast: boolean, mentioned: Set<string>): string {
  return rows
    .map((row, index) => {
      const gap = gapBeforeLast && index === rows.length - 1 ? "…\n" : "";
      const who = inline([{ user: row.user }], mentioned);
      const detail = row.detail ? ` (${escapeMarkdown(row.detail)})` : "";
      const line = `**${row.rank}.** ${who} — ${escapeMarkdown(row.value)}${detail}`;
      return `${gap}${row.isCaller ? `${line} ◀ **you**` : line}`;
    })
    .join("\n");
}

function blockText(block: Exclude<Block, { type: "fields" }>, mentioned: Set<string>): string {
  switch (block.type) {
    case "text":
      return inline(block.text, mentioned);
    case "markdown":
      return safeMarkdown(block.text);
    case "options":
      return block.options.map(optionLine).join("\n");
    case "ranking":
      return rankingLines(block.rows, block.gapBeforeLast, mentioned);
    case "drawing":
      return escapeMarkdown(block.alt);
    case "timeChoice":
      return escapeMarkdown(timeChoiceText(block));
  }
}

function embedFields(blocks: readonly Block[], mentioned: Set<string>): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  for (const block of blocks) {
    if (block.type !== "fields") continue;
    for (const field of block.fields) {
      fields.push({
        name: truncate(escapeMarkdown(field.label), LIMITS.fieldName) || EMPTY,
        value: truncate(inline(field.value, mentioned), LIMITS.fieldValue) || EMPTY,
      });
    }
  }
  if (fields.length <= LIMITS.fields) return fields;
  const shown = fields.slice(0, LIMITS.fields - 1);
  return [...shown, { name: ELLIPSIS, value: `${fields.length - shown.length} more not shown` }];
}

const textSize = (value: string | undefined) => value?.length ?? 0;

function fieldsSize(fields: readonly APIEmbedField[]): number {
  let size = 0;
  for (const field of fields) size += field.name.length + field.value.length;
  return size;
}

/** The embed total counts title, description, field names and values, and footer. */
function fitTotal(embed: APIEmbed): APIEmbed {
  const fixed = textSize(embed.title) + textSize(embed.footer?.text);
  const used = fixed + fieldsSize(embed.fields ?? []);
  // Nearly every message fits as it is: nothing to drop or cut.
  if (used <= LIMITS.embedTotal - 200 && used + textSize(embed.description) <= LIMITS.embedTotal) return embed;
  const fields = [...(embed.fields ?? [])];
  // Fields go first (from the end), keeping at least a short description.
  while (fields.length > 0 && fixed + fieldsSize(fields) > LIMITS.embedTotal - 200) fields.pop();
  const { description, fields: _, ...rest } = embed;
  const room = LIMITS.embedTotal - fixed - fieldsSize(fields);
  return {
    ...rest,
    ...(description ? { description: truncate(description, room) } : {}),
    ...(fields.length > 0 ? { fields } : {}),
  };
}

function buttonRows(rows: readonly Button[][]): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const seen = new Set<string>();
  // A custom id over the limit would be cut into a forged one, and Discord refuses two equal ids: such buttons are left out.
  const usable = (button: Button) => {
    if (button.action.length === 0 || button.action.length > LIMITS.customId || seen.has(button.action)) return false;
    seen.add(button.action);
    return true;
  };
  const chunks = rows.flatMap((row) => {
    const buttons = row.filter(usable);
    const split: Button[][] = [];
    for (let at = 0; at < buttons.length; at += LIMITS.buttonsPerRow)
      split.push(buttons.slice(at, at + LIMITS.buttonsPerRow));
    return split;
  });
  return chunks.slice(0, LIMITS.rows).map((row) => ({
    type: ComponentType.ActionRow,
    components: row.map((button) => ({
      type: ComponentType.Button,
      custom_id: button.action,
      label: truncate(button.label, LIMITS.buttonLabel) || ELLIPSIS,
      style: BUTTON_STYLES[button.style],
      disabled: button.disabled ?? false,
    })),
  }));
}

/**
 * The message of a view, made in one object literal, private when asked: a
 * copy spread from another object (`{ ...message, flags }`) is what discord.js
 * then reads two dozen optional keys of, and reads about 6 µs slower per
 * message (measured on MessagePayload.resolveBody, 17 µs against 11 µs).
 */
export function renderView(view: View): DiscordMessage;
export function renderView(view: View, audience: Audience): PrivateDiscordMessage;
export function renderView(view: View, audience: Audience = {}): PrivateDiscordMessage {
  const mentioned = new Set<string>();
  let description = "";
  for (const block of view.blocks) {
    if (block.type === "fields") continue;
    const text = blockText(block, mentioned);
    if (text !== "") description = description === "" ? text : `${description}\n\n${text}`;
  }
  const fields = embedFields(view.blocks, mentioned);
  const embed: APIEmbed = { title: truncate(escapeMarkdown(view.title), LIMITS.title), color: TONE_COLORS[view.tone] };
  if (description) embed.description = truncate(description, LIMITS.description);
  if (fields.length > 0) embed.fields = fields;
  // Footers are not markdown: the text shows as it is.
  if (view.footer) embed.footer = { text: truncate(view.footer, LIMITS.footer) };
  // An attachment of the same message, by name: the picture shows inside the embed, not below it.
  if (view.image) embed.image = { url: `attachment://${view.image}` };
  return {
    embeds: [fitTotal(embed)],
    components: buttonRows(view.buttons),
    allowedMentions: { parse: [], users: [...mentioned].slice(0, LIMITS.allowedMentionUsers) },
    flags: audience.private ? MessageFlags.Ephemeral : undefined,
  };
}
