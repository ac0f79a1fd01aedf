import { encodeAction } from "./actions.js";
import { type Block, text, type View, view } from "./views.js";

/** What `me` shows and asks: a member's settings, and the confirmation before `me forget`. */

export interface SettingsShown {
  /** The member's own zone, if any; else the community's applies. */
  timeZone?: string;
  timeZoneFromProfile: boolean;
  communityTimeZone: string;
  /** "YYYY-MM-DD HH:MM" now in the zone that applies. */
  localNow: string;
  remindAt?: string;
  remindStreak: boolean;
  /** Why studybot switched reminders off itself ('closed_dms', 'left'). */
  remindersOffReason?: string;
  /** The pause covering today or starting later, local days. */
  pause?: { firstDay: string; lastDay: string };
  newPerDay?: number;
  reviewsPerDay?: number;
  communityNewPerDay: number;
  hidden: boolean;
  /** Where the zone came from when it was taken from a profile ("Slack"). */
  platformName: string;
}

const OFF_REASONS: Record<string, string> = {
  closed_dms: "off: studybot could not send you a direct message (open your DMs, then set a time again)",
  left: "off: you were not found in this community any more",
};

function reminderLine(shown: SettingsShown): string {
  if (shown.remindAt)
    return `${shown.remindAt} every day${shown.remindStreak ? ", and when your streak is at risk" : ""}`;
  const reason = shown.remindersOffReason && OFF_REASONS[shown.remindersOffReason];
  return reason ?? "off (me remind 07:30 sets one)";
}

function zoneLine(shown: SettingsShown): string {
  if (!shown.timeZone) return `${shown.communityTimeZone}, the community's (me timezone Europe/Berlin sets yours)`;
  const from = shown.timeZoneFromProfile ? `, from your ${shown.platformName} profile until you set one` : "";
  return `${shown.timeZone}${from}`;
}

export function settingsView(shown: SettingsShown): View {
  const fields = [
    { label: "Time zone", value: [`${zoneLine(shown)} · it is ${shown.localNow} there`] },
    { label: "Reminder", value: [reminderLine(shown)] },
    {
      label: "Pause",
      value: [shown.pause ? `${shown.pause.firstDay} to ${shown.pause.lastDay} (me pause off ends it)` : "none"],
    },
    {
      label: "New cards per day",
      value: [
        shown.newPerDay === undefined
          ? `${shown.communityNewPerDay}, the community's (me new sets yours)`
          : `${shown.newPerDay}`,
      ],
    },
    {
      label: "Reviews per day",
      value: [shown.reviewsPerDay === undefined ? "no limit (me reviews sets one)" : `${shown.reviewsPerDay}`],
    },
    {
      label: "Leaderboards",
      value: [shown.hidden ? "hidden: you are not listed (me show rejoins)" : "listed (me hide leaves them)"],
    },
  ];
  const blocks: Block[] = [{ type: "fields", fields }];
  return view("Your settings", "info", blocks, {
    footer: "Your data here: me export gives a copy, me forget deletes it.",
  });
}

export interface ForgetSummary {
  answers: number;
  reviews: number;
  cards: number;
}

/** The question `me forget` asks first: what goes, and the one button that confirms it. */
export function forgetConfirmationView(summary: ForgetSummary, nonce: string, validMinutes: number): View {
  return view(
    "Delete your data here?",
    "warning",
    [
      text(
        `This deletes everything studybot holds about you in this community: ${summary.answers} quiz answers, ` +
          `${summary.reviews} reviews, ${summary.cards} cards' memory, your streak, points and settings. ` +
          "It cannot be undone; me export gives you a copy first.",
      ),
    ],
    {
      buttons: [[{ action: encodeAction({ kind: "forget", nonce }), label: "Delete my data", style: "danger" }]],
      footer: `The button works for ${validMinutes} minutes, for you only.`,
    },
  );
}
