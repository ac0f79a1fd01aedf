import { encodeAction } from "./actions.js";
import { clip } from "./clip.js";
import type { AnswerMode } from "./commands.js";
import { reportButton } from "./flagViews.js";
import { type Direction, optionLetter, type QuestionOption } from "./question.js";
import { formatAccuracy } from "./scoring.js";
import { localDay, localTime } from "./studyDay.js";
import { type Block, type Button, type Inline, type OptionLine, text, type UserRef, type View, view } from "./views.js";

/** What a quiz view needs to know, whoever stores it. */
export interface QuizSnapshot {
  id: number;
  deckId: string;
  /** The card asked, which its "Report card" button reports once the quiz is closed. */
  cardId: string;
  deckTitle: string;
  direction: Direction;
  prompt: string;
  options: readonly QuestionOption[];
  correctIndex: number;
  optionsInBody: boolean;
  answerMode: AnswerMode;
  nonce: string;
  closesAt: Date | null;
}

export interface QuizResults {
  answered: number;
  correct: number;
  countsByChoice: ReadonlyMap<number, number>;
  firstCorrect?: UserRef;
  /** People who answered and whose day streak is alive, longest first. */
  streaks: readonly { user: UserRef; days: number }[];
  explanation: string;
  closedAt: Date;
}

function when(instant: Date, timeZone: string, now: Date): string {
  const time = `${localTime(instant, timeZone)} ${timeZone}`;
  return localDay(instant, timeZone) === localDay(now, timeZone) ? time : `${localDay(instant, timeZone)} ${time}`;
}

/** How a multiple-choice question is asked, in channel quizzes and drills alike. */
export function questionPrompt(direction: Direction, prompt: string): Block[] {
  return direction === "term"
    ? [text({ strong: "Which term matches this definition?" }), { type: "markdown", text: prompt }]
    : [text("Which of these describes ", { strong: prompt }, "?")];
}

function promptBlocks(quiz: QuizSnapshot): Block[] {
  return questionPrompt(quiz.direction, quiz.prompt);
}

function optionLines(quiz: QuizSnapshot): OptionLine[] {
  return quiz.options.map((option, index) => ({ letter: optionLetter(index), text: option.text }));
}

/** Options go in the body when they do not fit on buttons, and always for reaction answers. */
function showsOptionsInBody(quiz: QuizSnapshot): boolean {
  return quiz.optionsInBody || quiz.answerMode === "reactions";
}

function answerButtons(quiz: QuizSnapshot, results?: QuizResults): Button[][] {
  if (quiz.answerMode === "reactions") return [];
  const buttons = quiz.options.map((option, index): Button => {
    const letter = optionLetter(index);
    const label = showsOptionsInBody(quiz) ? letter : `${letter} · ${option.text}`;
    const isRight = index === quiz.correctIndex;
    return {
      action: encodeAction({ kind: "answer", quizId: quiz.id, nonce: quiz.nonce, choice: index }),
      label: results ? `${label} (${results.countsByChoice.get(index) ?? 0})` : label,
      style: results && isRight ? "success" : "secondary",
      ...(results ? { disabled: true } : {}),
    };
  });
  return [buttons];
}

export function questionView(quiz: QuizSnapshot, timeZone: string, now: Date): View {
  const blocks = promptBlocks(quiz);
  if (showsOptionsInBody(quiz)) blocks.push({ type: "options", options: optionLines(quiz) });
  const closing = quiz.closesAt ? `Closes at ${when(quiz.closesAt, timeZone, now)}` : "Open until the next quiz";
  const how = quiz.answerMode === "reactions" ? "react with a letter" : "pick a button";
  return view(`Quiz #${quiz.id} · ${quiz.deckTitle}`, "info", blocks, {
    buttons: answerButtons(quiz),
    footer: `${closing} · ${how}: one answer each, the first is final`,
    ...(quiz.answerMode === "reactions"
      ? { reactionLetters: quiz.options.map((_, index) => optionLetter(index)) }
      : {}),
  });
}

export function resultView(quiz: QuizSnapshot, results: QuizResults, timeZone: string): View {
  const options: OptionLine[] = optionLines(quiz).map((line, index) => ({
    ...line,
    count: results.countsByChoice.get(index) ?? 0,
    ...(index === quiz.correctIndex ? { mark: "correct" as const } : {}),
  }));
  const rightAnswer = quiz.options[quiz.correctIndex]?.text ?? "";
  const fields: { label: string; value: Inline[] }[] = [
    {
      label: "Answers",
      value: [
        results.answered === 0
          ? "nobody answered"
          : `${results.correct} of ${results.answered} right (${formatAccuracy(results.correct / results.answered)})`,
      ],
    },
    { label: "First right", value: results.firstCorrect ? [{ user: results.firstCorrect }] : ["nobody"] },
  ];
  if (results.streaks.length > 0) {
    const value: Inline[] = [];
    results.streaks.forEach((entry, index) => {
      if (index > 0) value.push(", ");
      value.push({ user: entry.user }, ` ${entry.days}d`);
    });
    fields.push({ label: "Streaks kept alive", value });
  }
  return view(
    `Quiz #${quiz.id} · closed · ${quiz.deckTitle}`,
    "success",
    [
      ...promptBlocks(quiz),
      { type: "options", options },
      text("Answer: ", { strong: `${optionLetter(quiz.correctIndex)} · ${firstLine(rightAnswer)}` }),
      // The card's back is usually on screen already, as the prompt or as the right option.
      ...(results.explanation !== quiz.prompt && results.explanation !== rightAnswer
        ? [{ type: "markdown" as const, text: results.explanation }]
        : []),
      { type: "fields", fields },
    ],
    {
      buttons: [
        ...answerButtons(quiz, results),
        [
          reportButton(
            { kind: "report", source: "quiz", quizId: quiz.id, nonce: quiz.nonce },
            quiz.deckId,
            quiz.cardId,
          ),
        ],
      ],
      footer: `Closed at ${localDay(results.closedAt, timeZone)} ${localTime(results.closedAt, timeZone)} ${timeZone}`,
    },
  );
}

function firstLine(value: string): string {
  const line = value.split("\n")[0] ?? "";
  return clip(line, 80);
}

export type AnswerOutcome =
  | { status: "recorded"; choice: number; correct: boolean; points: number; closesAt: Date | null }
  | { status: "already-answered"; choice: number }
  | { status: "closed"; closedAt: Date }
  | { status: "not-found" }
  | { status: "no-open-quiz" }
  | { status: "wrong-channel" };

/** The private acknowledgement of a click, reaction or typed letter. */
export function answerAckView(outcome: AnswerOutcome, timeZone: string, now: Date): View {
  switch (outcome.status) {
    case "recorded": {
      const letter = optionLetter(outcome.choice);
      const reveal = outcome.closesAt
        ? `The answer and explanation come when the quiz closes at ${when(outcome.closesAt, timeZone, now)}.`
        : "The answer and explanation come when the quiz closes.";
      return outcome.correct
        ? view(`Locked in: ${letter}`, "success", [
            text({ strong: "Right!" }, ` +${outcome.points} points.`),
            text(reveal),
          ])
        : view(`Locked in: ${letter}`, "warning", [
            text({ strong: "Not this one." }, " No points this time."),
            text(reveal),
          ]);
    }
    case "already-answered":
      return view(`Already answered ${optionLetter(outcome.choice)}`, "warning", [
        text("One answer each: your first answer is final."),
      ]);
    case "closed":
      return view("This quiz is closed", "warning", [
        text(`It closed at ${when(outcome.closedAt, timeZone, now)}. The next one is coming.`),
      ]);
    case "wrong-channel":
      return view("Not here", "error", [text("That button belongs to a quiz in another channel.")]);
    case "no-open-quiz":
      return view("No open quiz", "warning", [text("There is no open quiz here. Start one with: quiz now")]);
    case "not-found":
      return view("Unknown quiz", "error", [
        text("That button does not belong to a quiz this bot posted (it may be from an old or deleted quiz)."),
      ]);
  }
}
