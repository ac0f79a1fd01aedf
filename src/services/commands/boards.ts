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

/** A plain ASCII name: Discord finds an embed's image by it (attachment://stats.png). */
export const STATS_CARD_FILE = "stats.png";

export const stats: CommandHandler<"stats"> = {
  names: ["stats"],
  async run({ services, community, member, now }, command) {
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
    const view = services.boards.stats(community, subject, now, studyCalendar(card));
    const png = await services.pictures.statsCardPng(card);
    return {
      ...privateReply({ ...view, image: STATS_CARD_FILE }),
      files: [{ name: STATS_CARD_FILE, contentType: "image/png", bytes: png }],
    };
  },
};
