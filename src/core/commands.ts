/** Typed commands of the one grammar every platform shares (see README "Commands"). */

export type AnswerMode = "buttons" | "reactions";
export type CardChoice = "rotation" | "weakest";
export type DrillMode = "flip" | "choice" | "type";
export type Period = "week" | "month" | "all";
export type LeaderboardSort = "points" | "streak" | "accuracy";

/**
 * What an admin gives `deck import` in the chat, filled in by the adapter from
 * its paste form or an attached file (the typed grammar has neither).
 */
export type DeckUpload =
  | { kind: "text"; text: string; title: string }
  | { kind: "file"; bytes: Uint8Array; fileName: string };

/**
 * Who a scheduled quiz mentions, as typed: a platform's mention (a Discord
 * role, a Slack user group) or a name the platform looks up when the schedule is added.
 */
export type PingTarget = { kind: "role" | "group"; id: string } | { kind: "name"; name: string };

/** A PingTarget as the platform found it when the schedule was added. */
export interface PingGroup {
  /** The platform's id of the role or user group. */
  id: string;
  /** Its name then, for `schedule list`. */
  label: string;
}

/** How long a channel quiz stays open: a number of minutes, or until the schedule's next post. */
export type AnswerWindow = { kind: "minutes"; minutes: number } | { kind: "until-next" };

export type Command =
  | { name: "quiz-now"; deck?: string; mode?: AnswerMode; window?: AnswerWindow; thread?: true }
  | { name: "quiz-close" }
  | {
      name: "schedule-add";
      cron: string;
      timeZone?: string;
      deck?: string;
      mode?: AnswerMode;
      window?: AnswerWindow;
      choice?: CardChoice;
      /** Start a discussion thread on each quiz. */
      thread?: true;
      ping?: PingTarget;
    }
  | { name: "schedule-list" }
  | { name: "schedule-remove" | "schedule-pause" | "schedule-resume"; id: number }
  | { name: "drill"; deck?: string; count?: number; mode?: DrillMode }
  | { name: "leaderboard"; period: Period; sort: LeaderboardSort }
  | { name: "stats"; user?: string }
  | { name: "deck-list" }
  | { name: "deck-info"; deck: string }
  | { name: "deck-import"; deck?: string; upload?: DeckUpload }
  | { name: "deck-remove"; deck: string }
  | { name: "deck-reload" }
  | { name: "deck-flags"; deck?: string }
  | { name: "deck-skip" | "deck-unskip"; deck: string; card: string }
  | { name: "flag"; deck: string; card: string; reason: string }
  | { name: "settings-timezone"; timeZone: string }
  | { name: "report"; deck?: string; period: Period }
  | { name: "report-export"; deck?: string; period: Period }
  | { name: "digest-add"; cron: string; timeZone?: string }
  | { name: "digest-list" }
  | { name: "digest-remove"; id: number }
  | { name: "help"; topic?: string }
  | { name: "me" }
  | { name: "me-timezone"; timeZone: string }
  /** `at` is a local "HH:MM"; `streak` also asks for the nudge when the streak would end tonight. */
  | { name: "me-remind"; reminder: { at: string; streak: boolean } | "off" }
  | { name: "me-pause"; days: number | "off" }
  | { name: "me-new" | "me-reviews"; perDay: number }
  | { name: "me-hide" | "me-show" }
  | { name: "me-export" }
  /** Without `code`: asks for the confirmation; with it (the confirmation's code): deletes. */
  | { name: "me-forget"; code?: string };

export type CommandName = Command["name"];

/** A failure names the command word when the line started with one (its arguments were refused), not otherwise. */
export type ParseResult =
  | { ok: true; command: Command }
  | { ok: false; error: string; usage: string; commandWord?: string };
