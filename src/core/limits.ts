/**
 * Every cap on what a deck may hold and on how much of it a summary shows, in
 * one place so that README can list them. Each is there so that one admin's
 * file cannot block the event loop (Discord, Slack and the scheduler share it)
 * or fill a chat reply: work on a deck is linear in its size, and its size is
 * bounded here.
 */

/**
 * Bytes of one deck file, wherever it comes from: `decks/*.yaml`, `studybot
 * decks import <file>`, or a file attached to `deck import` in the chat.
 * 10,000 cards of the seed deck's size (about 360 bytes of YAML each) fit.
 */
export const DECK_FILE_MAX_BYTES = 4 * 1024 * 1024;

/**
 * Cards in one deck. Learning 25 new cards a day (a heavy FSRS load) takes a
 * year to go through 9,125, so a larger deck is a data dump, not a course.
 */
export const DECK_MAX_CARDS = 10_000;

/**
 * Characters of a card's front or back. Discord's plain message holds 2,000:
 * a card that long can still be shown whole on every platform.
 */
export const CARD_TEXT_MAX_CHARS = 2000;

/** Tags on one card: enough for a topic and a few sub-topics, used to pick distractors. */
export const CARD_MAX_TAGS = 20;

/**
 * Cards of one import that share a front or a back and are marked as answering
 * the same prompt (`same_as`): the marks grow with the square of the group, and
 * a back that more cards share ("true", "yes") answers no one prompt.
 */
export const SAME_ANSWER_MAX_CARDS = 20;

/** Items a summary names before "and N more": skipped rows per reason, problems per deck file. */
export const SUMMARY_MAX_ITEMS = 10;

/** Terms (and topics) `deck info` lists before "and N more". */
export const DECK_INFO_MAX_TERMS = 40;

const count = (n: number) => n.toLocaleString("en-US");

/** Why a deck file of `bytes` is refused, or undefined when it is within the cap. */
export function deckFileSizeProblem(bytes: number): string | undefined {
  return fileSizeProblem(bytes, DECK_FILE_MAX_BYTES, "a deck file");
}

/** Why an Anki package of `bytes` is refused, or undefined when it is within the cap. */
export function apkgFileSizeProblem(bytes: number): string | undefined {
  return fileSizeProblem(bytes, APKG_FILE_MAX_BYTES, "an Anki package");
}

function fileSizeProblem(bytes: number, max: number, kind: string): string | undefined {
  if (bytes <= max) return undefined;
  const cap = `${max / (1024 * 1024)} MB (${count(max)} bytes)`;
  return `the file has ${count(bytes)} bytes: ${kind} may have up to ${cap}`;
}

/** How long a channel quiz may stay open, however it is asked for: a `quiz now` window, a schedule's, or QUIZ_WINDOW_MINUTES. */
export const MAX_WINDOW_MINUTES = 7 * 24 * 60;

/**
 * Schedules in one channel, paused ones included (they can be resumed). A
 * channel shows one open quiz at a time (the next post closes it), so a
 * handful of schedules cover every real timetable (a morning and an evening
 * quiz on weekdays, another at the weekend); ten leave room to spare, while
 * 1,000 copies of "* * * * *" would post 1,000 quizzes in one minute.
 */
export const MAX_SCHEDULES_PER_CHANNEL = 10;

/**
 * Schedules in one community (server or workspace): ten full channels. Every
 * schedule is a timer in the one process that serves every community, so one
 * community's admin must not be able to add an unbounded number of them.
 */
export const MAX_SCHEDULES_PER_COMMUNITY = 100;

/**
 * Digests in one community (`digest add`). A weekly digest per channel of a
 * class, or one per study group, fits in ten; each is a timer and a report
 * read in the process that serves every community.
 */
export const MAX_DIGESTS_PER_COMMUNITY = 10;

/**
 * An Anki package (.apkg) is a zip: these caps refuse a zip bomb before it is
 * inflated. A package with media may be large, but only its collection is
 * unpacked, and 10,000 notes of text fit in a few MB of SQLite.
 */
export const APKG_FILE_MAX_BYTES = 256 * 1024 * 1024;
export const APKG_MAX_ENTRIES = 10_000;
export const APKG_ENTRY_MAX_BYTES = 256 * 1024 * 1024;
export const APKG_TOTAL_MAX_BYTES = 1024 * 1024 * 1024;
