import { echoed } from "../../core/clip.js";
import { studyCalendar } from "../../core/pictures/calendar.js";
import { parseUserToken } from "../../core/userToken.js";
import type { CommandHandler } from "./types.js";
import { privateReply, publicReply, UserError } from "../ports.js";

export const leaderboard: CommandHandler<"leaderboard"> = {
  names: ["leaderboard"],
  run({ services, community, member, now }, command) {
    return publicReply(services.boards.leaderboard(community, member, command.period, command.sort, now));
  },
};

export const stats: CommandHandler<"stats"> = {
  names: ["stats"],
  run({ services, community, member, now }, command) {
    let subject = member;
    if (command.user) {
      const token = parseUserToken(command.user);
      const found =
        token.kind === "id"
          ? services.store.users.findByExternalId(community.id, token.id)
          : services.store.users.findByName(community.id, token.name);
      if (!found) throw new UserError(`No stats for ${echoed(command.user)} yet: they have not answered a quiz here.`);
      subject = found;
    }
    const card = services.pictures.statsCardData(community, subject, now);
    return privateReply(services.boards.stats(community, subject, now, studyCalendar(card)));
  },
};
