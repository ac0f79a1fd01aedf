/**
 * Platform-neutral views. Services build them; each adapter renders them
 * (Discord embeds and components, Slack Block Kit, plain text). Text given as
 * a plain string is literal and escaped by the renderer; deck-authored text
 * is `markdown` and keeps its lists and emphasis, but can never mention anyone.
 */

export interface UserRef {
  externalId: string;
  name: string;
}

/** `channel` is the platform's channel id: shown as a link to the channel where the platform has them. */
export type Inline = string | { user: UserRef } | { strong: string } | { code: string } | { channel: string };

export type OptionMark = "correct" | "wrong";

export interface OptionLine {
  letter: string;
  text: string;
  mark?: OptionMark;
  /** How many picked it; shown on closed quizzes. */
  count?: number;
}

export interface RankingRow {
  rank: number;
  user: UserRef;
  value: string;
  detail?: string;
  isCaller: boolean;
}

export type Block =
  | { type: "text"; text: Inline[] }
  | { type: "markdown"; text: string }
  | { type: "options"; options: OptionLine[] }
  | { type: "fields"; fields: { label: string; value: Inline[] }[] }
  | { type: "ranking"; rows: RankingRow[]; gapBeforeLast: boolean }
  /**
   * A picture drawn in characters (the study calendar): the terminal prints
   * its lines; chat platforms, which attach the picture as an image, show
   * `alt`, which says in words what the picture shows.
   */
  | { type: "drawing"; lines: string[]; alt: string }
  /**
   * A time of day the person may change in place (Slack: a time picker whose
   * click carries `action` and the chosen time); elsewhere the label and time as text.
   */
  | { type: "timeChoice"; label: string; action: string; time?: string };

export type ButtonStyle = "primary" | "secondary" | "success" | "danger";

export interface Button {
  /** Encoded action (see actions.ts): a Discord custom_id, a Slack action value. */
  action: string;
  label: string;
  style: ButtonStyle;
  disabled?: boolean;
  /** The command that does the same where nothing can be clicked (the terminal), when there is one. */
  typed?: string;
}

export type Tone = "neutral" | "info" | "success" | "warning" | "error";

export interface View {
  title: string;
  tone: Tone;
  blocks: Block[];
  /** Rows of buttons; adapters keep within each platform's row and count limits. */
  buttons: Button[][];
  footer?: string;
  /**
   * The name of an image file the reply carries (a stats card) that belongs
   * in the message itself: Discord shows it in the embed; elsewhere it comes
   * as the file.
   */
  image?: string;
  /** Letters to offer as reactions (reaction answer mode). */
  reactionLetters?: string[];
}

export function view(title: string, tone: Tone, blocks: Block[], extra: Partial<View> = {}): View {
  return { title, tone, blocks, buttons: [], ...extra };
}

export function text(...parts: Inline[]): Block {
  return { type: "text", text: parts };
}

/** What a time choice reads as where it cannot be picked in place. */
export function timeChoiceText(block: { label: string; time?: string }): string {
  return `${block.label}: ${block.time ?? "not set"}`;
}

/** Plain text of inlines, for the terminal, notifications and fallbacks. */
export function plainInline(parts: readonly Inline[]): string {
  return parts
    .map((part) => {
      if (typeof part === "string") return part;
      if ("user" in part) return `@${part.user.name}`;
      if ("strong" in part) return part.strong;
      if ("channel" in part) return `#${part.channel}`;
      return part.code;
    })
    .join("");
}

export function errorView(message: string, hint?: string): View {
  return view("That did not work", "error", hint ? [text(message), text(hint)] : [text(message)]);
}

export function noticeView(title: string, message: string, tone: Tone = "info"): View {
  return view(title, tone, [text(message)]);
}
