import { reportTitle, reportView } from "../../core/reportViews.js";
import { daysBetween, localDay } from "../../core/studyDay.js";
import { noticeView } from "../../core/views.js";
import { REPORT_DAYS } from "../pictureService.js";
import { privateReply, withFiles } from "../ports.js";
import type { CommandHandler, CommandOf } from "./types.js";

const requestOf = (command: CommandOf<"report" | "report-export">, now: Date) => ({
  period: command.period,
  now,
  ...(command.deck ? { deckId: command.deck } : {}),
});

/** A plain ASCII name: Discord finds an embed's image by it (attachment://report.png). */
export const REPORT_CHART_FILE = "report.png";

export const report: CommandHandler<"report"> = {
  names: ["report"],
  async run({ services, community, now }, command) {
    const built = services.reports.build(community, requestOf(command, now));
    const view = reportView(built);
    // A period without answers says so in words; a chart of nothing would only repeat it.
    if (built.totals.members === 0) return privateReply(view);
    // The chart covers the report's period, up to today; all time shows the recent days.
    const days =
      built.firstDay === null ? REPORT_DAYS : daysBetween(built.firstDay, localDay(now, community.timeZone)) + 1;
    const chart = services.pictures.reportChartData(
      community,
      { days, ...(command.deck ? { deckId: command.deck } : {}) },
      now,
    );
    const png = await services.pictures.reportChartPng(chart);
    return withFiles(privateReply({ ...view, image: REPORT_CHART_FILE }), [
      { name: REPORT_CHART_FILE, contentType: "image/png", bytes: png },
    ]);
  },
};

export const reportExport: CommandHandler<"report-export"> = {
  names: ["report-export"],
  async run({ services, community, now }, command) {
    const exported = await services.reports.export(community, requestOf(command, now));
    if (exported.files.length === 0) return privateReply(reportView({ ...exported.report, cards: [], members: [] }));
    const summary = `${exported.members} members and ${exported.cards} cards, one row each.`;
    const notice = noticeView(`${reportTitle(exported.report)} · CSV`, summary, "success");
    return withFiles(privateReply(notice), exported.files);
  },
};
