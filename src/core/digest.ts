import type { CardResult, MemberResult } from "./report.js";
import { cardAccuracy, plural, wrongPickLine } from "./reportViews.js";
import { accuracy, formatAccuracy } from "./scoring.js";
import { fireTimeLabel } from "./scheduleViews.js";
import { daysBetween } from "./studyDay.js";
import { type RankingRow, text, type View, view } from "./views.js";

/** Places the digest's board shows. */
export const DIGEST_TOP = 10;
/** Hardest cards the digest names. */
export const DIGEST_HARDEST_CARDS = 3;
/** Names a streak line lists before "and N more". */
const DIGEST_NAMES_PER_LINE = 10;
/** Day streaks worth a cheer when reached. */
export const STREAK_MILESTONES: readonly number[] = [7, 14, 30, 50, 100, 200, 365, 500, 1000];
/** A best streak shorter than this is a start, not a record worth announcing. */
export const MIN_PERSONAL_BEST = 3;

/** A member's live streak, from user_streaks: `current` consecutive study days ending on `lastDay`. */
export interface StreakLine {
  name: string;
  current: number;
  best: number;
  lastDay: string;
}

/**
 * The highest milestone the streak reached on a day from `sinceDay` on: its
 * days are consecutive up to `lastDay`, so it was `current - k` long k days
 * before. Undefined when no milestone was reached in the period.
 */
export function milestoneReached(streak: StreakLine, sinceDay: string): number | undefined {
  const daysInPeriod = daysBetween(sinceDay, streak.lastDay);
  return [...STREAK_MILESTONES]
    .reverse()
    .find((days) => streak.current >= days && streak.current - days <= daysInPeriod);
}

/** A record set in the period: the current run is the best ever, and it grew in the period. */
export function isPersonalBest(streak: StreakLine, sinceDay: string): boolean {
  return streak.current === streak.best && streak.current >= MIN_PERSONAL_BEST && streak.lastDay >= sinceDay;
}

export interface DigestInput {
  /** The previous fire time: the digest covers what happened since. */
  since: Date;
  sinceDay: string;
  timeZone: string;
  totals: { members: number; answered: number; correct: number };
  /** Most points first, hidden members (`me hide`) left out. */
  top: readonly MemberResult[];
  hardest: readonly CardResult[];
  streaks: readonly StreakLine[];
  /** Cards members mastered in the period (FSRS stability crossed MASTERED_STABILITY_DAYS). */
  mastered: number;
}

function names(entries: readonly string[]): string {
  const shown = entries.slice(0, DIGEST_NAMES_PER_LINE).join(", ");
  const more = entries.length - DIGEST_NAMES_PER_LINE;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

/** The digest a channel gets at each fire time: the period's board, streaks, hardest cards and cards mastered. */
export function digestView(input: DigestInput): View {
  const title = `Class digest · since ${fireTimeLabel(input.since, input.timeZone)}`;
  if (input.totals.members === 0 && input.streaks.length === 0 && input.mastered === 0) {
    return view(title, "info", [
      text("Nobody studied since the last digest. A quiz now or a drill starts the next one."),
    ]);
  }
  const right = formatAccuracy(accuracy(input.totals.correct, input.totals.answered));
  const rows: RankingRow[] = input.top.map((member, index) => ({
    rank: index + 1,
    user: { externalId: member.externalId, name: member.name },
    value: `${member.points} pts`,
    detail: `${member.correct}/${member.answered} right`,
    isCaller: false,
  }));
  const milestones = input.streaks.flatMap((streak) => {
    const days = milestoneReached(streak, input.sinceDay);
    return days === undefined ? [] : [`${streak.name} (${days} days)`];
  });
  const bests = input.streaks
    .filter((streak) => isPersonalBest(streak, input.sinceDay))
    .map((streak) => `${streak.name} (${streak.current} days)`);
  const fields = [
    ...(milestones.length > 0 ? [{ label: "Streak milestones", value: [names(milestones)] }] : []),
    ...(bests.length > 0 ? [{ label: "Personal bests", value: [names(bests)] }] : []),
    ...input.hardest.map((card, index) => ({
      label: `Hard card ${index + 1}: ${card.name}`,
      value: [cardAccuracy(card), ...wrongPickLine(card)],
    })),
    { label: "Cards mastered", value: [`${input.mastered} (remembered for over three weeks)`] },
  ];
  return view(
    title,
    "info",
    [
      text(
        `${plural(input.totals.members, "member")} gave ${plural(input.totals.answered, "answer")}: `,
        { strong: right },
        " right.",
      ),
      ...(rows.length > 0 ? [{ type: "ranking" as const, rows, gapBeforeLast: false }] : []),
      { type: "fields", fields },
    ],
    { footer: "Posted by digest add · digest list shows the digests" },
  );
}

/** What `digest add` and `digest list` show of one digest. */
export interface DigestSummary {
  id: number;
  channelId: string;
  cron: string;
  timeZone: string;
  nextFires: readonly Date[];
  lastFailure?: { fireTime: Date; problem: string } | undefined;
}

function describeDigest(digest: DigestSummary): string {
  const next =
    digest.nextFires.length === 0
      ? "It has no fire time in the coming years."
      : `Next: ${digest.nextFires.map((fire) => fireTimeLabel(fire, digest.timeZone)).join(" · ")}`;
  const failure = digest.lastFailure
    ? ` ⚠ The digest of ${fireTimeLabel(digest.lastFailure.fireTime, digest.timeZone)} failed: ${digest.lastFailure.problem}`
    : "";
  return ` ${digest.timeZone}. ${next}${failure}`;
}

export function digestAddedView(digest: DigestSummary): View {
  return view(
    `Digest #${digest.id} added`,
    "success",
    [text("Posts the class's digest in this channel on ", { code: digest.cron }, describeDigest(digest))],
    { footer: `digest remove ${digest.id}` },
  );
}

export function digestListView(digests: readonly DigestSummary[], currentChannelId: string): View {
  if (digests.length === 0) {
    return view("Digests", "info", [
      text("No digests yet."),
      text("Post the class's week here every Friday at 17:00: ", { code: "digest add 0 17 * * 5" }),
    ]);
  }
  const fields = digests.map((digest) => ({
    label: `#${digest.id} · ${digest.channelId === currentChannelId ? "this channel" : `channel ${digest.channelId}`}`,
    value: [{ code: digest.cron }, describeDigest(digest)],
  }));
  return view("Digests", "info", [{ type: "fields", fields }], {
    footer: "Times are each digest's own wall clock · digest remove <id>",
  });
}
