import { clip } from "./clip.js";
import { questionPrompt } from "./quizViews.js";
import { type DrillStep, encodeAction } from "./actions.js";
import type { DrillMode } from "./commands.js";
import { type Card, cardLabel } from "./deck.js";
import type { TypedGrade } from "./drillGrading.js";
import type { Rejection, StoredQuestion } from "./drillSession.js";
import { reportButton } from "./flagViews.js";
import { type DrillRating, formatInterval, RATINGS } from "./fsrs.js";
import { optionLetter } from "./question.js";
import { addDays, localDay, localTime } from "./studyDay.js";
import { type Block, type Button, type ButtonStyle, type Inline, text, type View, view } from "./views.js";

/** Where a drill stands: enough to title its views and give its buttons their ids. */
export interface DrillProgress {
  sessionId: number;
  nonce: string;
  /** 0-based place of the current card in the session. */
  position: number;
  total: number;
  mode: DrillMode;
  deckTitle: string;
}

/**
 * How much of a wrong typed answer its verdict quotes: enough to recognise it,
 * while a pasted page (or a refused command line) stays one line. A near miss
 * is as long as the card's answer, and is quoted whole to show the typo.
 */
const WRONG_ANSWER_ECHO_MAX = 100;

/** How the previous card went. */
export type Outcome =
  | { kind: "rated"; card: Card; rating: DrillRating; nextDue: Date }
  | { kind: "picked"; card: Card; question: StoredQuestion; picked: number; nextDue: Date }
  | { kind: "typed"; card: Card; typed: string; grade: TypedGrade; otherCard?: Card; nextDue: Date };

/** Where the answered card was in its drill: what its "Report card" button names. */
export interface AnsweredCard {
  sessionId: number;
  nonce: string;
  position: number;
  deckId: string;
}

/** How the previous card went, shown above the next one, with a button to report that card. */
export type Feedback = Outcome & { answered: AnsweredCard };

/** A line above the card: why the learner sees the card again (resumed, or their input changed nothing). */
export interface Notice {
  tone: "info" | "warning";
  title: string;
  message: string;
}

export interface CardViewInput {
  progress: DrillProgress;
  card: Card;
  answerShown: boolean;
  question: StoredQuestion | null;
  /** Flip mode with the answer showing: when the card comes back after each rating. */
  nextDue?: Record<DrillRating, Date>;
  feedback?: Feedback;
  notice?: Notice;
  /** The previous card's rating can still be undone. */
  canUndo: boolean;
  now: Date;
  timeZone: string;
}

const RATING_STYLES: Record<DrillRating, ButtonStyle> = {
  again: "danger",
  hard: "secondary",
  good: "success",
  easy: "primary",
};

/** Longer right answers of a choice question are shown as their own block, not inside the feedback sentence. */
const INLINE_ANSWER_LIMIT = 80;

const RATING_LABELS: Record<DrillRating, string> = { again: "Again", hard: "Hard", good: "Good", easy: "Easy" };

const MODE_HOW: Record<DrillMode, string> = {
  flip: "recall the answer, show it, then rate how well you knew it",
  choice: "pick the right option",
  type: "type the term",
};

function label(card: Card): string {
  return cardLabel(card) ?? card.front.split("\n")[0] ?? card.front;
}

/** "today at 15:20 (Europe/Berlin)", "tomorrow at 09:00 (…)", "on 2026-11-20 at 09:00 (…)". */
export function describeWhen(at: Date, timeZone: string, now: Date): string {
  if (at.getTime() <= now.getTime()) return "now";
  const day = localDay(at, timeZone);
  const today = localDay(now, timeZone);
  const dayWords = day === today ? "today" : day === addDays(today, 1) ? "tomorrow" : `on ${day}`;
  return `${dayWords} at ${localTime(at, timeZone)} (${timeZone})`;
}

function backIn(nextDue: Date, now: Date): string {
  return `back in ${formatInterval(nextDue.getTime() - now.getTime())}`;
}

function feedbackBlocks(feedback: Feedback, now: Date): Block[] {
  const again = backIn(feedback.nextDue, now);
  switch (feedback.kind) {
    case "rated":
      return [text({ strong: label(feedback.card) }, ` rated ${RATING_LABELS[feedback.rating]} · ${again}`)];
    case "picked": {
      const { question, picked } = feedback;
      const right = question.options[question.correctIndex]?.text ?? "";
      const letter = optionLetter(question.correctIndex);
      // A long or multi-line answer (a card's back) goes below as written; a term fits in the sentence.
      const inline = !right.includes("\n") && right.length <= INLINE_ANSWER_LIMIT;
      const answer = { strong: inline ? `${letter} · ${right}` : letter };
      if (picked === question.correctIndex) return [text("✔ Right: ", answer, ` · ${again}`)];
      const wrong = text(`✘ Not ${optionLetter(picked)}. The answer was `, answer, ` · ${again}`);
      return inline ? [wrong] : [wrong, { type: "markdown", text: right }];
    }
    case "typed": {
      const { grade, typed } = feedback;
      if (grade.verdict === "correct") return [text("✔ Right: ", { strong: grade.expected }, ` · ${again}`)];
      if (grade.verdict === "near-miss") {
        return [
          text(
            `≈ Almost: you typed “${typed}”, it is spelled `,
            { strong: grade.expected },
            ` · rated Hard · ${again}`,
          ),
        ];
      }
      const mixUp: Inline[] = feedback.otherCard
        ? [` (you may be thinking of “${label(feedback.otherCard)}”, another card)`]
        : [];
      const echo = clip(typed, WRONG_ANSWER_ECHO_MAX);
      return [text(`✘ You typed “${echo}”. The answer was `, { strong: grade.expected }, ...mixUp, ` · ${again}`)];
    }
  }
}

function button(progress: DrillProgress, step: DrillStep, buttonLabel: string, style: ButtonStyle): Button {
  const action = encodeAction({
    kind: "drill",
    sessionId: progress.sessionId,
    nonce: progress.nonce,
    position: progress.position,
    step,
  });
  return { action, label: buttonLabel, style };
}

function reportAnswered(feedback: Feedback): Button {
  const { sessionId, nonce, position, deckId } = feedback.answered;
  return reportButton({ kind: "report", source: "drill", sessionId, nonce, position }, deckId, feedback.card.id);
}

function questionBlocks(question: StoredQuestion): Block[] {
  const prompt = questionPrompt(question.direction, question.prompt);
  if (!question.optionsInBody) return prompt;
  const options = question.options.map((option, index) => ({ letter: optionLetter(index), text: option.text }));
  return [...prompt, { type: "options", options }];
}

function cardBody(input: CardViewInput): { blocks: Block[]; buttons: Button[] } {
  const { progress, card, question } = input;
  if (progress.mode === "choice" && question) {
    const buttons = question.options.map((option, index) =>
      button(
        progress,
        { op: "pick", choice: index },
        question.optionsInBody ? optionLetter(index) : `${optionLetter(index)} · ${option.text}`,
        "secondary",
      ),
    );
    return { blocks: questionBlocks(question), buttons };
  }
  if (progress.mode === "type") {
    return {
      blocks: [text({ strong: "Which term is this?" }), { type: "markdown", text: card.back }],
      buttons: [button(progress, { op: "type" }, "Type the term", "primary")],
    };
  }
  const front: Block = { type: "markdown", text: card.front };
  if (!input.answerShown) {
    return { blocks: [front], buttons: [button(progress, { op: "show" }, "Show answer", "primary")] };
  }
  const ratings = RATINGS.map((rating) => {
    const due = input.nextDue?.[rating];
    const interval = due ? ` · ${formatInterval(due.getTime() - input.now.getTime())}` : "";
    return button(progress, { op: "rate", rating }, `${RATING_LABELS[rating]}${interval}`, RATING_STYLES[rating]);
  });
  return { blocks: [front, text({ strong: "Answer" }), { type: "markdown", text: card.back }], buttons: ratings };
}

/** The current card of a drill, with the previous card's outcome or a notice above it. */
export function drillCardView(input: CardViewInput): View {
  const { progress } = input;
  const { blocks, buttons } = cardBody(input);
  const above: Block[] = [
    ...(input.notice ? [text({ strong: input.notice.title }, ` ${input.notice.message}`)] : []),
    ...(input.feedback ? feedbackBlocks(input.feedback, input.now) : []),
  ];
  const undo = input.canUndo ? [button(progress, { op: "undo" }, "Undo last rating", "secondary")] : [];
  const stop = button(progress, { op: "stop" }, "Stop", "secondary");
  const report = input.feedback ? [reportAnswered(input.feedback)] : [];
  return view(
    `Drill · ${progress.deckTitle} · card ${progress.position + 1} of ${progress.total}`,
    input.notice?.tone ?? "info",
    [...above, ...blocks],
    {
      buttons: [buttons, [...undo, stop, ...report]],
      footer: `${capitalise(progress.mode)} drill: ${MODE_HOW[progress.mode]}. Private to you.`,
    },
  );
}

function capitalise(word: string): string {
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}

export interface DoneInput {
  deckTitle: string;
  ratings: Record<DrillRating, number>;
  /** Cards of the session left unrated because the learner stopped. */
  skipped: number;
  feedback?: Feedback;
  nextDue: Date | null;
  now: Date;
  timeZone: string;
}

/** The end of a drill: how it went and when to come back. */
export function drillDoneView(input: DoneInput): View {
  const reviewed = RATINGS.reduce((sum, rating) => sum + input.ratings[rating], 0);
  const fields = [
    { label: "Cards reviewed", value: [String(reviewed)] },
    {
      label: "Ratings",
      value: [RATINGS.map((rating) => `${RATING_LABELS[rating]} ${input.ratings[rating]}`).join(" · ")],
    },
    ...(input.skipped > 0 ? [{ label: "Left for next time", value: [String(input.skipped)] }] : []),
    {
      label: "Next card due",
      value: [input.nextDue ? describeWhen(input.nextDue, input.timeZone, input.now) : "no card scheduled"],
    },
  ];
  return view(
    input.skipped > 0 ? `Drill stopped · ${input.deckTitle}` : `Drill done · ${input.deckTitle}`,
    "success",
    [...(input.feedback ? feedbackBlocks(input.feedback, input.now) : []), { type: "fields", fields }],
    {
      buttons: input.feedback ? [[reportAnswered(input.feedback)]] : [],
      footer: reviewed > 0 ? "Today counts as a study day for your streak." : "Nothing was rated.",
    },
  );
}

export interface NothingDueInput {
  deckTitle: string;
  mode: DrillMode;
  nextDue: Date | null;
  /** Unseen cards waiting for tomorrow's new-card allowance. */
  newHeldBack: number;
  newPerDay: number;
  /** Due cards waiting for tomorrow's review allowance (`me reviews`). */
  reviewsHeldBack: number;
  reviewsPerDay?: number;
  now: Date;
  timeZone: string;
}

/** No card is due and no new card may start today: say when there will be one. */
export function nothingToDrillView(input: NothingDueInput): View {
  const lines: Block[] = [text(`You are up to date with ${input.deckTitle}.`)];
  if (input.nextDue)
    lines.push(text("Next card due: ", { strong: describeWhen(input.nextDue, input.timeZone, input.now) }, "."));
  if (input.reviewsHeldBack > 0) {
    lines.push(
      text(
        `You have done your ${input.reviewsPerDay ?? 0} reviews for today; ${input.reviewsHeldBack} more wait for tomorrow.`,
      ),
    );
  }
  if (input.newHeldBack > 0) {
    lines.push(
      text(
        `You have started your ${input.newPerDay} new cards for today; ${input.newHeldBack} more wait for tomorrow.`,
      ),
    );
  } else if (!input.nextDue && input.reviewsHeldBack === 0) {
    lines.push(text(`No card of this deck can be drilled in ${input.mode} mode.`));
  }
  return view(`Nothing to drill · ${input.deckTitle}`, "info", lines);
}

const REJECTIONS: Record<Rejection, { title: string; message: string }> = {
  "unknown-session": {
    title: "Unknown drill",
    message: "That button belongs to no drill this bot knows (it may be from an old message). Start one with: drill",
  },
  "not-yours": { title: "Not your drill", message: "That drill belongs to someone else. Start your own with: drill" },
  finished: { title: "This drill is over", message: "Nothing changed. Start a new one with: drill" },
  stale: {
    title: "Already answered",
    message: "That was for an earlier card; nothing changed. Here is your current card.",
  },
  "show-first": { title: "Show the answer first", message: "Rate the card once you have seen its answer." },
  "wrong-mode": { title: "Not in this drill", message: "That answer does not fit this drill's mode." },
  "no-such-option": { title: "No such option", message: "Pick one of the letters shown." },
  "nothing-to-undo": {
    title: "Nothing to undo",
    message: "Only the last rating of this drill can be undone, once. Here is your current card.",
  },
  "studied-since": {
    title: "Too late to undo",
    message: "You have studied since that rating (a quiz answer or another review); it stays.",
  },
};

/** The notice for an input that changed nothing, shown above the learner's current card. */
export function rejectionNotice(rejection: Rejection, mode: DrillMode): Notice {
  const { title, message } = REJECTIONS[rejection];
  return {
    tone: "warning",
    title,
    message: rejection === "wrong-mode" ? `${message} Here: ${MODE_HOW[mode]}.` : message,
  };
}

/** An input that changed nothing and has no card of the learner's to show with it. */
export function rejectionView(rejection: Rejection): View {
  const { title, message } = REJECTIONS[rejection];
  return view(title, "warning", [text(message)]);
}

/**
 * Said under the verdict of a typed answer that starts like a command whose
 * arguments were refused (`flag` with a reason over 500 characters): it was
 * graded as the answer it may also be ("deck of cards"), and undo takes that back.
 */
export function commandLikeAnswerNote(commandWord: string, refusal: string): Block {
  return text(
    `Graded as your answer. If you meant the command ${commandWord}, it was refused: ${refusal} `,
    "Type undo to take the rating back, then the command again.",
  );
}

export function undoneNotice(): Notice {
  return { tone: "info", title: "Rating undone.", message: "The card is back as it was before you rated it." };
}

export function resumeNotice(): Notice {
  return {
    tone: "info",
    title: "Resuming your drill.",
    message: "Start a new one with other options, e.g. drill 5 type.",
  };
}
