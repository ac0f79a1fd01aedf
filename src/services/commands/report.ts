import { reportView } from "../../core/reportViews.js";
import { privateReply } from "../ports.js";
import type { CommandHandler } from "./types.js";

export const report: CommandHandler<"report"> = {
  names: ["report"],
  run({ services, community, now }, command) {
    const built = services.reports.build(community, {
      period: command.period,
      now,
      ...(command.deck ? { deckId: command.deck } : {}),
    });
    return privateReply(reportView(built));
  },
};
