import { isValidTimeZone, localDay, localTime } from "../../core/studyDay.js";
import { noticeView } from "../../core/views.js";
import type { CommandHandler } from "./types.js";
import { privateReply, UserError } from "../ports.js";

export const settingsTimeZone: CommandHandler<"settings-timezone"> = {
  names: ["settings-timezone"],
  run({ services, community, now }, command) {
    if (!isValidTimeZone(command.timeZone)) {
      throw new UserError(
        `Unknown time zone "${command.timeZone}".`,
        "Use an IANA name such as Europe/Berlin or America/New_York.",
      );
    }
    services.store.communities.setTimeZone(community.id, command.timeZone);
    const local = `${localDay(now, command.timeZone)} ${localTime(now, command.timeZone)}`;
    return privateReply(
      noticeView(
        "Time zone set",
        `Study days and quiz times now count in ${command.timeZone} (it is ${local} there).`,
        "success",
      ),
    );
  },
};
