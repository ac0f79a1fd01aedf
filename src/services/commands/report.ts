import { reportCsvFiles } from "../../core/reportCsv.js";
import { reportTitle, reportView } from "../../core/reportViews.js";
import { noticeView } from "../../core/views.js";
import { privateReply, withFiles } from "../ports.js";
import type { CommandHandler, CommandOf } from "./types.js";

const CSV = "text/csv; charset=utf-8";

const requestOf = (command: CommandOf<"report" | "report-export">, now: Date) => ({
  period: command.period,
  now,
  ...(command.deck ? { deckId: command.deck } : {}),
});

export const report: CommandHandler<"report"> = {
  names: ["report"],
  run({ services, community, now }, command) {
    return privateReply(reportView(services.reports.build(community, requestOf(command, now))));
  },
};

export const reportExport: CommandHandler<"report-export"> = {
  names: ["report-export"],
  run({ services, community, now }, command) {
    const built = services.reports.build(community, { ...requestOf(command, now), complete: true });
    if (built.totals.members === 0) return privateReply(reportView(built));
    const files = reportCsvFiles(built).map((file) => ({
      name: file.name,
      contentType: CSV,
      bytes: new TextEncoder().encode(file.text),
    }));
    const summary = `${built.members.length} members and ${built.cards.length} cards, one row each.`;
    return withFiles(privateReply(noticeView(`${reportTitle(built)} · CSV`, summary, "success")), files);
  },
};
