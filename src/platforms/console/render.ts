import { type DrillStep, decodeAction } from "../../core/actions.js";
import { type Block, type Button, type Inline, plainInline, timeChoiceText, type View } from "../../core/views.js";

export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
}

export const plainStyle: TextStyle = { bold: (t) => t, dim: (t) => t };
export const ansiStyle: TextStyle = { bold: (t) => `\x1b[1m${t}\x1b[22m`, dim: (t) => `\x1b[2m${t}\x1b[22m` };

function inline(parts: readonly Inline[], style: TextStyle): string {
  return parts
    .map((part) => (typeof part === "object" && "strong" in part ? style.bold(part.strong) : plainInline([part])))
    .join("");
}

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => `${prefix}${line}`)
    .join("\n");
}

function block(b: Block, style: TextStyle): string {
  switch (b.type) {
    case "text":
      return inline(b.text, style);
    case "markdown":
      return indent(b.text, "  ");
    case "options":
      return b.options
        .map((option) => {
          const mark = option.mark === "correct" ? " ✔" : "";
          const count = option.count === undefined ? "" : style.dim(` (${option.count})`);
          const [first = "", ...rest] = option.text.split("\n");
          const body = [first, ...rest.map((line) => `     ${line}`)].join("\n");
          return `  ${option.letter}) ${body}${mark}${count}`;
        })
        .join("\n");
    case "fields":
      return b.fields.map((field) => `${style.bold(`${field.label}:`)} ${inline(field.value, style)}`).join("\n");
    case "drawing":
      return indent(b.lines.join("\n"), "  ");
    case "timeChoice":
      return timeChoiceText(b);
    case "ranking":
      return b.rows
        .map((row, index) => {
          const gap = b.gapBeforeLast && index === b.rows.length - 1 ? "   …\n" : "";
          const you = row.isCaller ? style.bold("  ◀ you") : "";
          const detail = row.detail ? style.dim(` (${row.detail})`) : "";
          return `${gap}${String(row.rank).padStart(3)}. ${row.user.name} — ${row.value}${detail}${you}`;
        })
        .join("\n");
  }
}

/** What to type in the terminal for each drill button. */
const DRILL_HINTS: Record<DrillStep["op"], string> = {
  show: "Type show to see the answer.",
  rate: "Type again, hard, good or easy (or 1-4).",
  pick: "Type a letter to answer.",
  type: "Type the term.",
  stop: "stop ends the drill.",
  undo: "undo takes back your last rating.",
};

/** The line saying what to type for the buttons that can still be clicked. */
function typingHint(buttons: readonly Button[]): string | undefined {
  const actions = buttons.filter((button) => !button.disabled).map((button) => decodeAction(button.action));
  if (actions.some((action) => action?.kind === "answer")) return "Type a letter to answer.";
  // The terminal has no buttons to click: the confirmation's code is typed instead.
  const forget = actions.find((action) => action?.kind === "forget");
  if (forget?.kind === "forget") return `Type me forget ${forget.nonce} to confirm.`;
  const ops = new Set(actions.flatMap((action) => (action?.kind === "drill" ? [action.step.op] : [])));
  // A report needs a reason, which the terminal takes typed after the button's own command.
  const report = buttons.find((button) => decodeAction(button.action)?.kind === "report")?.typed;
  const hints = [...[...ops].map((op) => DRILL_HINTS[op]), ...(report ? [`${report} <why> reports this card.`] : [])];
  return hints.length > 0 ? hints.join(" ") : undefined;
}

/**
 * Buttons the terminal lists: not a closed quiz's disabled answers, nor a drill's "type" button (the terminal
 * types anyway), nor the forget confirmation or a report button (their hints say what to type).
 */
function listed(button: Button): boolean {
  const action = decodeAction(button.action);
  if (action?.kind === "answer") return !button.disabled;
  return (
    !(action?.kind === "drill" && action.step.op === "type") && action?.kind !== "forget" && action?.kind !== "report"
  );
}

/** A view as terminal text; with `plainStyle` it is what piped output and tests see. */
export function renderText(v: View, style: TextStyle = plainStyle): string {
  const lines = [style.bold(`== ${v.title} ==`), ...v.blocks.map((b) => block(b, style))];
  const buttons = v.buttons.flat().filter(listed);
  if (buttons.length > 0) {
    // Letter-only buttons fit on one line; buttons with text get a line each.
    const short = buttons.every((button) => button.label.length <= 3);
    lines.push(`  ${buttons.map((button) => `[${button.label}]`).join(short ? " " : "\n  ")}`);
  }
  const hint = typingHint(v.buttons.flat());
  if (hint) lines.push(style.dim(hint));
  if (v.footer) lines.push(style.dim(v.footer));
  return `${lines.join("\n")}\n`;
}
