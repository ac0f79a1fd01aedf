import { encodeAction, type HomeStep } from "./actions.js";
import { type DeckDue, deckDueText } from "./reminderViews.js";
import { plural } from "./reportViews.js";
import { fireTimeLabel } from "./scheduleViews.js";
import { type Block, type Button, text, type View, view } from "./views.js";

/**
 * A person's Home (Slack's App Home tab): their streak, what is due per deck
 * with a button that starts its drill, their rank this week, their reminder
 * settings to change in place, and the next quizzes where they are. A Home is
 * a few views shown one under the other; however many decks and channels,
 * it stays a few dozen blocks.
 */

export interface HomeContent {
  communityName: string;
  /** The zone the person's days count in (theirs, else the community's). */
  timeZone: string;
  streak: { current: number; best: number; freezes: number };
  decks: (DeckDue & { id: string })[];
  week: { points: number; place?: { rank: number; of: number } };
  reminder: { at?: string; streak: boolean; pause?: { firstDay: string; lastDay: string } };
  /** The next quiz of each scheduled channel the person is in, soonest first. */
  quizzes: { channelId: string; deckTitle: string; at: Date }[];
}

export type HomeQuiz = HomeContent["quizzes"][number];

/** Decks shown with their own "Start drill" button; the others are counted in one line. */
export const HOME_DECKS_SHOWN = 10;
/** Upcoming quizzes listed; the others are counted in one line. */
export const HOME_QUIZZES_SHOWN = 5;
/** The pause the Home offers in one click; `me pause` takes any length. */
export const HOME_PAUSE_DAYS = 7;

const home = (step: HomeStep) => encodeAction({ kind: "home", step });

function summaryView(content: HomeContent): View {
  const { streak, week } = content;
  const streakLine =
    streak.current > 0
      ? `Day streak: ${streak.current} (best ${streak.best})`
      : `No day streak yet${streak.best > 0 ? ` (best ${streak.best})` : ""}: one card today starts one`;
  const freezes = streak.freezes > 0 ? ` · ${plural(streak.freezes, "freeze")} held` : "";
  const rank = week.place
    ? text("This week: ", { strong: `#${week.place.rank} of ${week.place.of}` }, ` · ${week.points} points`)
    : text("This week: no quiz answered yet, so no rank.");
  return view(`Your studybot in ${content.communityName || "this workspace"}`, "info", [
    text(`${streakLine}${freezes}.`),
    rank,
  ]);
}

function decksView(decks: HomeContent["decks"]): View {
  const due = decks.filter((deck) => deck.due + deck.fresh > 0).sort((a, b) => b.due + b.fresh - (a.due + a.fresh));
  const shown = due.slice(0, HOME_DECKS_SHOWN);
  const rest = due.slice(HOME_DECKS_SHOWN);
  const blocks: Block[] =
    shown.length === 0
      ? [text("Nothing due now: you are up to date.")]
      : shown.map((deck) => text({ strong: deck.title }, `: ${deckDueText(deck)}`));
  if (rest.length > 0) {
    const cards = rest.reduce((sum, deck) => sum + deck.due + deck.fresh, 0);
    blocks.push(text(`… and ${plural(rest.length, "more deck")} with ${cards} cards to study.`));
  }
  const buttons: Button[][] = shown.map((deck) => [
    { action: home({ op: "drill", deckId: deck.id }), label: `Start drill · ${deck.title}`, style: "primary" },
  ]);
  return view("Cards due", "info", blocks, {
    buttons,
    ...(rest.length > 0 ? { footer: "drill <deck> in the Messages tab drills any deck; deck list names them." } : {}),
  });
}

function reminderSettingsView(reminder: HomeContent["reminder"], timeZone: string): View {
  const state = reminder.at
    ? `Every day at ${reminder.at} (${timeZone}) when cards are due${reminder.streak ? ", and when your streak is at risk" : ""}.`
    : "Off: pick a time to get a private message when cards are due.";
  const pause = reminder.pause
    ? text(`Paused from ${reminder.pause.firstDay} to ${reminder.pause.lastDay}: no reminders, and your streak waits.`)
    : undefined;
  const row: Button[] = [];
  if (reminder.at) {
    row.push({ action: home({ op: "remind-off" }), label: "Turn reminders off", style: "secondary" });
    row.push(
      reminder.streak
        ? { action: home({ op: "streak", on: false }), label: "Streak nudge: off", style: "secondary" }
        : { action: home({ op: "streak", on: true }), label: "Streak nudge: on", style: "secondary" },
    );
  }
  row.push(
    reminder.pause
      ? { action: home({ op: "pause", days: "off" }), label: "End the pause", style: "secondary" }
      : {
          action: home({ op: "pause", days: HOME_PAUSE_DAYS }),
          label: `Pause ${HOME_PAUSE_DAYS} days`,
          style: "secondary",
        },
  );
  return view(
    "Reminders",
    "info",
    [
      text(state),
      ...(pause ? [pause] : []),
      {
        type: "timeChoice",
        label: "Reminder time",
        action: home({ op: "time" }),
        ...(reminder.at ? { time: reminder.at } : {}),
      },
    ],
    { buttons: [row] },
  );
}

function quizzesView(quizzes: readonly HomeQuiz[], timeZone: string): View {
  const shown = quizzes.slice(0, HOME_QUIZZES_SHOWN);
  const blocks: Block[] =
    shown.length === 0
      ? [text("No scheduled quiz in the channels you are in.")]
      : shown.map((quiz) =>
          text(
            { strong: fireTimeLabel(quiz.at, timeZone) },
            " in ",
            { channel: quiz.channelId },
            `: ${quiz.deckTitle}`,
          ),
        );
  const more = quizzes.length - shown.length;
  if (more > 0) blocks.push(text(`… and ${plural(more, "more channel")} with scheduled quizzes.`));
  return view("Next quizzes", "info", blocks, { footer: `Times in ${timeZone}.` });
}

/** The Home of a member: one view per part, top to bottom. */
export function homeViews(content: HomeContent): View[] {
  return [
    summaryView(content),
    decksView(content.decks),
    reminderSettingsView(content.reminder, content.timeZone),
    quizzesView(content.quizzes, content.timeZone),
  ];
}

/** The Home of someone studybot has not met in this workspace yet: what it does and how to start. */
export function welcomeHomeViews(): View[] {
  return [
    view(
      "Welcome to studybot",
      "info",
      [
        text(
          "studybot turns flashcard decks into daily channel quizzes and private drills that fit ten minutes a day.",
        ),
        text(
          "Start a drill here, or type ",
          { code: "drill" },
          " in the Messages tab above, or ",
          { code: "/study help" },
          " in any channel.",
        ),
        text(
          "Once you have studied, this tab shows your streak, the cards due per deck, your rank and your reminders.",
        ),
      ],
      { buttons: [[{ action: home({ op: "drill" }), label: "Start drill", style: "primary" }]] },
    ),
  ];
}
