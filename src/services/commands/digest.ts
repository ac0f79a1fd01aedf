import { digestAddedView, digestListView } from "../../core/digest.js";
import { noticeView } from "../../core/views.js";
import { privateReply } from "../ports.js";
import type { CommandHandler } from "./types.js";

export const digestAdd: CommandHandler<"digest-add"> = {
  names: ["digest-add"],
  run({ services, actor, community, member }, command) {
    const digest = services.digests.add({
      community,
      channelId: actor.channelId,
      createdBy: member,
      cron: command.cron,
      ...(command.timeZone ? { timeZone: command.timeZone } : {}),
    });
    return privateReply(digestAddedView(digest));
  },
};

export const digestList: CommandHandler<"digest-list"> = {
  names: ["digest-list"],
  run({ services, actor, community }) {
    return privateReply(digestListView(services.digests.list(community), actor.channelId));
  },
};

export const digestRemove: CommandHandler<"digest-remove"> = {
  names: ["digest-remove"],
  run({ services, community }, command) {
    services.digests.remove(community, command.id);
    return privateReply(
      noticeView("Digest removed", `Digest #${command.id} is gone; it posts nothing more.`, "success"),
    );
  },
};
