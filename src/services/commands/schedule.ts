import { scheduleAddedView, scheduleListView } from "../../core/scheduleViews.js";
import { noticeView, text } from "../../core/views.js";
import { NO_THREADS_HERE } from "./quiz.js";
import type { CommandHandler } from "./types.js";
import { privateReply } from "../ports.js";

export const scheduleAdd: CommandHandler<"schedule-add"> = {
  names: ["schedule-add"],
  async run({ services, actor, community, member }, command) {
    const schedule = await services.schedules.add({
      community,
      channelId: actor.channelId,
      createdBy: member,
      cron: command.cron,
      ...(command.timeZone ? { timeZone: command.timeZone } : {}),
      ...(command.deck ? { deckId: command.deck } : {}),
      ...(command.mode ? { mode: command.mode } : {}),
      ...(command.window ? { window: command.window } : {}),
      ...(command.choice ? { choice: command.choice } : {}),
      ...(command.thread ? { thread: true } : {}),
      ...(command.ping ? { ping: command.ping } : {}),
    });
    const added = scheduleAddedView(schedule);
    const unthreaded = command.thread && !services.schedules.startsThreads(community);
    return privateReply(unthreaded ? { ...added, blocks: [...added.blocks, text(NO_THREADS_HERE)] } : added);
  },
};

export const scheduleList: CommandHandler<"schedule-list"> = {
  names: ["schedule-list"],
  run({ services, actor, community }) {
    return privateReply(scheduleListView(services.schedules.list(community), actor.channelId));
  },
};

export const scheduleChange: CommandHandler<"schedule-remove" | "schedule-pause" | "schedule-resume"> = {
  names: ["schedule-remove", "schedule-pause", "schedule-resume"],
  run({ services, community }, command) {
    const { id } = command;
    if (command.name === "schedule-remove") {
      services.schedules.remove(community, id);
      return privateReply(noticeView("Schedule removed", `Schedule #${id} is gone; it posts nothing more.`, "success"));
    }
    if (command.name === "schedule-pause") {
      services.schedules.pause(community, id);
      return privateReply(
        noticeView("Schedule paused", `Schedule #${id} posts nothing until: schedule resume ${id}`, "success"),
      );
    }
    services.schedules.resume(community, id);
    return privateReply(
      noticeView(
        "Schedule resumed",
        `Schedule #${id} posts again from its next fire time (schedule list shows it).`,
        "success",
      ),
    );
  },
};
