import type { types } from "@slack/bolt";
import { clip as clipText } from "../../core/clip.js";
import type { Block, Button, Inline, OptionLine, RankingRow, Tone, View } from "../../core/views.js";
import { plainInline } from "../../core/views.js";

/**
 * Views as Block Kit messages, within Slack's limits: a message Slack would
 * reject (too many blocks, a section too long) loses the whole quiz, so every
 * text is clipped and every list split before it reaches the API.
 */

export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextText: 3000,
  elementsPerActions: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  /** The notification text; Slack allows far more, but a notification shows a line or two. */
  fallbackText: 300,
} as const;

/** Every button studybot renders has an action id with this prefix; the click handler matches on it. */
export const ACTION_ID_PREFIX = "studybot";
/** The action id of a time picker; its block id is the encoded action the picked time is for. */
export const TIME_CHOICE_ACTION_ID = "time-choice";

export interface SlackMessage {
  /** Plain fallback for notifications and screen readers. */
  text: string;
  blocks: types.KnownBlock[];
}

/** Slack reads `&`, `<` and `>` as markup in mrkdwn (and `<…>` as mentions and links). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Marks that could open or close formatting: every backtick, and `*`, `_`, `~`
 * unless inside a word (Slack formats only at word edges, so SNAKE_CASE stays as typed).
 */
const FORMATTING_MARK = /`|(?<![\p{L}\p{N}])[*_~]|[*_~](?![\p{L}\p{N}])/gu;

/**
 * Text that must show as written (names, options, labels): escaped, and each
 * formatting mark made literal. mrkdwn has no escape for them, so each is the
 * fallback of a date token whose format has no valid token, which Slack
 * always shows as plain text: a name like `*boss*` cannot turn bold, nor a
 * stray backtick swallow the rest of the line into code.
 */
export function literalMrkdwn(text: string): string {
  return escapeMrkdwn(text).replace(FORMATTING_MARK, (mark) => `<!date^00000000^{_}|${mark}>`);
}

/** What a cut must not split in mrkdwn: an escape (`&amp;`) or markup in angle brackets (`<@U1>`, `<!date^…>`). */
const SLACK_MARKUP = /&(?:amp|lt|gt);|<[^<>]*>/g;

/** Cuts to `max` characters, as Slack counts them, between graphemes and outside escapes and markup. */
export function clip(text: string, max: number): string {
  return clipText(text, max, { unit: "codePoint", keepWhole: SLACK_MARKUP });
}

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;

function inline(parts: readonly Inline[]): string {
  return parts
    .map((part) => {
      if (typeof part === "string") return literalMrkdwn(part);
      if ("user" in part) {
        return SLACK_USER_ID.test(part.user.externalId)
          ? `<@${part.user.externalId}>`
          : literalMrkdwn(`@${part.user.name}`);
      }
      if ("strong" in part) return emphasis(part.strong, "*");
      if ("channel" in part)
        return SLACK_CHANNEL_ID.test(part.channel) ? `<#${part.channel}>` : literalMrkdwn(`#${part.channel}`);
      return `\`${escapeMrkdwn(part.code.replace(/`/g, "'"))}\``;
    })
    .join("");
}

/** Slack only formats `*bold*` when the markers touch the words, so surrounding spaces stay outside. */
function emphasis(text: string, marker: "*" | "_"): string {
  const match = /^(\s*)(.*?)(\s*)$/s.exec(text);
  const [, before = "", core = "", after = ""] = match ?? [];
  if (core === "") return literalMrkdwn(text);
  return `${before}${marker}${literalMrkdwn(core)}${marker}${after}`;
}

/**
 * Deck-authored markdown as Slack mrkdwn: bold, italics, lists, headings and
 * links keep their meaning; escaping first means deck text can never mention
 * anyone or a channel.
 */
export function markdownToMrkdwn(markdown: string): string {
  const BOLD = "\u0001";
  return escapeMrkdwn(markdown)
    .split("\n")
    .map((line) =>
      line
        .replace(/^(\s*)#{1,6}\s+(.+?)\s*#*\s*$/, `$1${BOLD}$2${BOLD}`)
        .replace(/^(\s*)[-*+]\s+/, "$1• ")
        .replace(/\*\*(\S(?:.*?\S)?)\*\*|__(\S(?:.*?\S)?)__/g, (_, a, b) => `${BOLD}${a ?? b}${BOLD}`)
        .replace(/(^|[^\w*])\*(\S(?:.*?\S)?)\*(?![\w*])/g, "$1_$2_")
        .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)|]+)\)/g, "<$2|$1>")
        .replaceAll(BOLD, "*"),
    )
    .join("\n");
}

function optionLines(options: readonly OptionLine[]): string {
  return options
    .map((option) => {
      const [first = "", ...rest] = option.text.split("\n");
      const mark = option.mark === "correct" ? " :white_check_mark:" : option.mark === "wrong" ? " :x:" : "";
      const count = option.count === undefined ? "" : ` _(${option.count})_`;
      const continuation = rest.map((line) => `\n        ${literalMrkdwn(line)}`).join("");
      return `*${literalMrkdwn(option.letter)}*  ${literalMrkdwn(first)}${continuation}${mark}${count}`;
    })
    .join("\n");
}

function rankingLines(rows: readonly RankingRow[], gapBeforeLast: boolean): string {
  return rows
    .map((row, index) => {
      const gap = gapBeforeLast && index === rows.length - 1 ? "…\n" : "";
      // Names, not mentions: a public leaderboard must not notify everyone on it.
      const line = `${row.rank}. ${row.user.name} — ${row.value}`;
      const detail = row.detail ? ` _(${literalMrkdwn(row.detail)})_` : "";
      const body = row.isCaller ? `${emphasis(line, "*")}${detail}  ← you` : `${literalMrkdwn(line)}${detail}`;
      return `${gap}${body}`;
    })
    .join("\n");
}

/** Sections of at most 3000 characters, split between lines. */
function sections(mrkdwn: string): types.SectionBlock[] {
  const chunks: string[] = [];
  let current = "";
  for (const line of mrkdwn.split("\n").map((l) => clip(l, SLACK_LIMITS.sectionText))) {
    const joined = current === "" ? line : `${current}\n${line}`;
    if (joined.length > SLACK_LIMITS.sectionText) {
      chunks.push(current);
      current = line;
    } else {
      current = joined;
    }
  }
  chunks.push(current);
  return chunks
    .filter((chunk) => chunk.trim() !== "")
    .map((chunk) => ({ type: "section", text: { type: "mrkdwn", text: chunk } }));
}

function fieldSections(fields: readonly { label: string; value: Inline[] }[]): types.SectionBlock[] {
  const out: types.SectionBlock[] = [];
  for (let start = 0; start < fields.length; start += SLACK_LIMITS.fieldsPerSection) {
    out.push({
      type: "section",
      fields: fields.slice(start, start + SLACK_LIMITS.fieldsPerSection).map((field) => ({
        type: "mrkdwn",
        text: clip(`*${literalMrkdwn(field.label)}*\n${inline(field.value)}`, SLACK_LIMITS.fieldText),
      })),
    });
  }
  return out;
}

/** Consecutive prose (text and deck markdown) reads as one paragraph group: one section, not one per line. */
function bodyBlocks(blocks: readonly Block[]): types.SectionBlock[] {
  const out: types.SectionBlock[] = [];
  let prose: string[] = [];
  const flushProse = () => {
    if (prose.length > 0) out.push(...sections(prose.join("\n")));
    prose = [];
  };
  for (const block of blocks) {
    if (block.type === "text") prose.push(inline(block.text));
    else if (block.type === "markdown") prose.push(markdownToMrkdwn(block.text));
    else if (block.type === "drawing") prose.push(inline([block.alt]));
    else {
      flushProse();
      out.push(...structuredBlocks(block));
    }
  }
  flushProse();
  return out;
}

/** A time choice: its label beside a time picker; the picker's block id says what the time is for. */
function timeChoiceSection(block: Extract<Block, { type: "timeChoice" }>): types.SectionBlock {
  return {
    type: "section",
    block_id: block.action,
    text: { type: "mrkdwn", text: clip(literalMrkdwn(block.label), SLACK_LIMITS.sectionText) },
    accessory: {
      type: "timepicker",
      action_id: TIME_CHOICE_ACTION_ID,
      ...(block.time ? { initial_time: block.time } : {}),
      placeholder: { type: "plain_text", text: "Pick a time" },
    },
  };
}

function structuredBlocks(block: Exclude<Block, { type: "text" | "markdown" | "drawing" }>): types.SectionBlock[] {
  switch (block.type) {
    case "timeChoice":
      return [timeChoiceSection(block)];
    case "options":
      return sections(optionLines(block.options));
    case "fields":
      return fieldSections(block.fields);
    case "ranking":
      return sections(rankingLines(block.rows, block.gapBeforeLast));
  }
}

const BUTTON_STYLES: Record<Button["style"], types.Button["style"]> = {
  primary: "primary",
  success: "primary",
  danger: "danger",
  secondary: undefined,
};

/**
 * Slack has no disabled buttons: a disabled button is left out (views that
 * disable buttons, like closed quizzes, show the same facts in their body).
 */
function actionBlocks(rows: readonly Button[][], actionIdPrefix: string): types.ActionsBlock[] {
  const blocks: types.ActionsBlock[] = [];
  rows.forEach((row, rowIndex) => {
    const elements = row
      .map((button, index) => ({ button, index }))
      .filter(({ button }) => !button.disabled && button.action.length <= SLACK_LIMITS.buttonValue)
      .map(({ button, index }): types.Button => {
        const style = BUTTON_STYLES[button.style];
        return {
          type: "button",
          action_id: `${actionIdPrefix}-${rowIndex}-${index}`,
          text: { type: "plain_text", text: clip(button.label, SLACK_LIMITS.buttonText), emoji: true },
          value: button.action,
          ...(style ? { style } : {}),
        };
      });
    for (let start = 0; start < elements.length; start += SLACK_LIMITS.elementsPerActions) {
      blocks.push({ type: "actions", elements: elements.slice(start, start + SLACK_LIMITS.elementsPerActions) });
    }
  });
  return blocks;
}

const TONE_EMOJI: Record<Tone, string> = {
  neutral: "",
  info: "",
  success: ":white_check_mark: ",
  warning: ":warning: ",
  error: ":x: ",
};

function fallbackText(view: View): string {
  const first = view.blocks.find((block) => block.type === "text" || block.type === "markdown");
  const detail = first?.type === "text" ? plainInline(first.text) : first?.type === "markdown" ? first.text : "";
  const line = detail ? `${view.title}: ${detail.split("\n")[0]}` : view.title;
  return clip(escapeMrkdwn(line), SLACK_LIMITS.fallbackText);
}

/**
 * A view as a Block Kit message (also used for ephemeral messages and
 * response_url replies). `ping`, a user group's id, is mentioned at the top
 * (in the blocks, which people see, and in the notification text): the only
 * mention a message can carry, since view text is escaped. `actionIdPrefix`
 * keeps action ids unique where several views share a surface (the Home
 * tab); it starts with ACTION_ID_PREFIX.
 */
export function renderMessage(
  view: View,
  { ping, actionIdPrefix = ACTION_ID_PREFIX }: { ping?: string | undefined; actionIdPrefix?: string } = {},
): SlackMessage {
  const header: types.HeaderBlock = {
    type: "header",
    text: {
      type: "plain_text",
      text: clip(`${TONE_EMOJI[view.tone]}${view.title}`, SLACK_LIMITS.headerText),
      emoji: true,
    },
  };
  const mention = ping ? `<!subteam^${ping}>` : undefined;
  const pingBlocks: types.SectionBlock[] = mention
    ? [{ type: "section", text: { type: "mrkdwn", text: mention } }]
    : [];
  const body = [...pingBlocks, ...bodyBlocks(view.blocks)];
  const actions = actionBlocks(view.buttons, actionIdPrefix);
  const footer: types.ContextBlock[] = view.footer
    ? [
        {
          type: "context",
          elements: [{ type: "mrkdwn", text: clip(literalMrkdwn(view.footer), SLACK_LIMITS.contextText) }],
        },
      ]
    : [];
  // Buttons and footer are what people act on; long bodies give way first.
  const room = SLACK_LIMITS.blocksPerMessage - 1 - actions.length - footer.length;
  const shown: types.KnownBlock[] =
    body.length <= room
      ? body
      : [
          ...body.slice(0, Math.max(0, room - 1)),
          { type: "context", elements: [{ type: "mrkdwn", text: "… (shortened to fit in one Slack message)" }] },
        ];
  const blocks = [header, ...shown, ...actions, ...footer].slice(0, SLACK_LIMITS.blocksPerMessage);
  return { text: mention ? `${mention} ${fallbackText(view)}` : fallbackText(view), blocks };
}

export const HOME_BLOCKS_MAX = 100;

/**
 * A Home tab: its views one under the other, between dividers, within the
 * 100 blocks of a Home view (the views are short; the cut is the last guard).
 */
export function renderHome(parts: readonly View[]): types.HomeView {
  const blocks: types.KnownBlock[] = parts.flatMap((part, index) => [
    ...(index > 0 ? [{ type: "divider" } as const] : []),
    ...renderMessage(part, { actionIdPrefix: `${ACTION_ID_PREFIX}-${index}` }).blocks,
  ]);
  const shown =
    blocks.length <= HOME_BLOCKS_MAX
      ? blocks
      : [
          ...blocks.slice(0, HOME_BLOCKS_MAX - 1),
          {
            type: "context" as const,
            elements: [{ type: "mrkdwn" as const, text: "… (shortened to fit the Home tab)" }],
          },
        ];
  return { type: "home", blocks: shown };
}

export interface ModalTextInput {
  callbackId: string;
  /** Returned with the submission: what the answer belongs to. */
  privateMetadata: string;
  title: string;
  submitLabel: string;
  blockId: string;
  actionId: string;
  label: string;
  maxLength: number;
  /** A box of several lines, for a sentence or more rather than a term. */
  multiline?: true;
}

/** A modal showing a view (without its buttons) above one text box: how Slack takes typed answers. */
export function renderTextInputModal(view: View, input: ModalTextInput): types.ModalView {
  if (input.privateMetadata.length > SLACK_LIMITS.privateMetadata)
    throw new RangeError("modal metadata over 3000 characters");
  return {
    type: "modal",
    callback_id: input.callbackId,
    private_metadata: input.privateMetadata,
    title: { type: "plain_text", text: clip(input.title, SLACK_LIMITS.modalTitle) },
    submit: { type: "plain_text", text: clip(input.submitLabel, SLACK_LIMITS.modalButton) },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      ...renderMessage({ ...view, buttons: [] }).blocks,
      {
        type: "input",
        block_id: input.blockId,
        label: { type: "plain_text", text: input.label },
        element: {
          type: "plain_text_input",
          action_id: input.actionId,
          max_length: input.maxLength,
          ...(input.multiline ? { multiline: true } : {}),
          focus_on_load: true,
        },
      },
    ],
  };
}
