import { settingsView } from "../../core/meViews.js";
import { pauseAhead } from "../../core/streaks.js";
import { addDays, localDay, localTime } from "../../core/studyDay.js";
import { noticeView } from "../../core/views.js";
import { askToForget, exportFile, forgetConfirmed } from "../memberData.js";
import { privateReply, withFiles } from "../ports.js";
import type { CommandContext, CommandHandler } from "./types.js";

/** `me`: a member's own settings and data. Every answer is private. */

const PLATFORM_NAMES: Record<string, string> = { slack: "Slack", discord: "Discord", console: "terminal" };

/** Today, in the member's zone (their own, else the community's). */
function today({ services, community, member, now }: CommandContext): string {
  return localDay(now, services.progress.timeZoneOf(community, member));
}

export const me: CommandHandler<"me"> = {
  names: ["me"],
  run(ctx) {
    const { services, community, member, now, actor } = ctx;
    const settings = services.store.memberSettings.get(member.id);
    const zone = services.progress.timeZoneOf(community, member);
    const day = today(ctx);
    const pause = pauseAhead(services.store.memberSettings.pauses(member.id), day);
    return privateReply(
      settingsView({
        ...settings,
        communityTimeZone: community.timeZone,
        localNow: `${day} ${localTime(now, zone)}`,
        ...(pause ? { pause } : {}),
        communityNewPerDay: services.drills.newCardsPerDay,
        platformName: PLATFORM_NAMES[actor.platform] ?? actor.platform,
      }),
    );
  },
};

export const meTimeZone: CommandHandler<"me-timezone"> = {
  names: ["me-timezone"],
  run({ services, community, member, now }, { timeZone }) {
    services.store.memberSettings.update(member.id, community.id, { timeZone, timeZoneFromProfile: false }, now);
    const local = `${localDay(now, timeZone)} ${localTime(now, timeZone)}`;
    return privateReply(
      noticeView(
        "Time zone set",
        `Your study days, streak, reminder and drill limits now count in ${timeZone} (it is ${local} there).`,
        "success",
      ),
    );
  },
};

export const meRemind: CommandHandler<"me-remind"> = {
  names: ["me-remind"],
  run({ services, community, member, now }, { reminder }) {
    const { memberSettings } = services.store;
    if (reminder === "off") {
      memberSettings.update(member.id, community.id, { remindAt: null, remindStreak: false }, now);
      return privateReply(noticeView("Reminder off", "studybot will not remind you. me remind 07:30 sets one again."));
    }
    // Setting a time again is the answer to reminders studybot switched off itself (closed DMs).
    memberSettings.update(
      member.id,
      community.id,
      { remindAt: reminder.at, remindStreak: reminder.streak, remindersOffReason: null, remindersOffTold: false },
      now,
    );
    const zone = services.progress.timeZoneOf(community, member);
    const streak = reminder.streak ? " With streak, also when your streak would end tonight." : "";
    return privateReply(
      noticeView(
        "Reminder set",
        `Every day at ${reminder.at} (${zone}) when you have cards due, in a private message.${streak}`,
        "success",
      ),
    );
  },
};

export const mePause: CommandHandler<"me-pause"> = {
  names: ["me-pause"],
  run(ctx, { days }) {
    const { services, community, member } = ctx;
    const { memberSettings } = services.store;
    const day = today(ctx);
    if (days === "off") {
      memberSettings.endPauses(member.id, day, addDays(day, -1));
      return privateReply(noticeView("Pause ended", "Welcome back: reminders and your streak count again today."));
    }
    const lastDay = addDays(day, days - 1);
    memberSettings.addPause(member.id, { firstDay: day, lastDay });
    const zone = services.progress.timeZoneOf(community, member);
    return privateReply(
      noticeView(
        "Paused",
        `From today to ${lastDay} (${days} days, ${zone}): no reminders, and your streak waits. me pause off ends it early.`,
        "success",
      ),
    );
  },
};

export const meLimit: CommandHandler<"me-new" | "me-reviews"> = {
  names: ["me-new", "me-reviews"],
  run({ services, community, member, now }, command) {
    const isNew = command.name === "me-new";
    const change = isNew ? { newPerDay: command.perDay } : { reviewsPerDay: command.perDay };
    services.store.memberSettings.update(member.id, community.id, change, now);
    const what = isNew ? "new cards" : "reviews";
    return privateReply(
      noticeView("Limit set", `Your drills now ask up to ${command.perDay} ${what} per day and deck.`, "success"),
    );
  },
};

export const meVisibility: CommandHandler<"me-hide" | "me-show"> = {
  names: ["me-hide", "me-show"],
  run({ services, community, member, now }, command) {
    const hidden = command.name === "me-hide";
    services.store.memberSettings.update(member.id, community.id, { hidden }, now);
    return privateReply(
      hidden
        ? noticeView("Hidden", "You are off the leaderboards; you still see your own rank. me show rejoins.", "success")
        : noticeView("Listed", "You are on the leaderboards again.", "success"),
    );
  },
};

export const meExport: CommandHandler<"me-export"> = {
  names: ["me-export"],
  run({ services, community, member, now }) {
    const file = exportFile(services, community, member, now);
    const reply = privateReply(
      noticeView("Your data", `Everything studybot holds about you here is in ${file.name}.`, "success"),
    );
    return withFiles(reply, [file]);
  },
};

export const meForget: CommandHandler<"me-forget"> = {
  names: ["me-forget"],
  run({ services, community, member, now }, { code }) {
    const view =
      code === undefined ? askToForget(services, member, now) : forgetConfirmed(services, community, member, code, now);
    return privateReply(view);
  },
};
