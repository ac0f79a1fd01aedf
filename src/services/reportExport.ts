import { reportCsvFiles } from "../core/reportCsv.js";
import type { ClassReport } from "../core/report.js";
import type { ReportRepository, ReportScope } from "../store/reports.js";
import type { ReplyFile } from "./ports.js";
import { readReportFigures } from "./reportFigures.js";
import { answerOf, siblingModule, startModuleWorker } from "./workerThreads.js";

const CSV = "text/csv; charset=utf-8";

/** What a report says before its figures: the period, its first day, the deck, the time zone. */
export type ReportHeading = Omit<ClassReport, "totals" | "cards" | "members">;

/** Everything `report export` needs, as plain data a worker thread can be sent. */
export interface ReportExportJob {
  heading: ReportHeading;
  scope: ReportScope;
  today: string;
  /** Names of the cards in the scope's decks, by cardNameKey. */
  cardNames: ReadonlyMap<string, string>;
}

export interface ReportExport {
  report: ReportHeading & Pick<ClassReport, "totals">;
  /** Rows in the files: one per member, one per card. */
  members: number;
  cards: number;
  /** None when nobody answered in the period. */
  files: ReplyFile[];
}

export const cardNameKey = (deckId: string, cardId: string): string => `${deckId}\n${cardId}`;

/** The export's CSV files, every member and every card, read through `reports`. */
export function buildReportExport(reports: ReportRepository, job: ReportExportJob): ReportExport {
  const nameOf = (deckId: string, cardId: string) => job.cardNames.get(cardNameKey(deckId, cardId)) ?? cardId;
  const report: ClassReport = { ...job.heading, ...readReportFigures(reports, job.scope, job.today, {}, nameOf) };
  const encoder = new TextEncoder();
  const files =
    report.totals.members === 0
      ? []
      : reportCsvFiles(report).map((file) => ({ name: file.name, contentType: CSV, bytes: encoder.encode(file.text) }));
  return {
    report: { ...job.heading, totals: report.totals },
    members: report.members.length,
    cards: report.cards.length,
    files,
  };
}

/**
 * buildReportExport on a worker thread with its own read-only connection to
 * `file` (WAL lets it read beside the bot's writes): at 100,000 members the
 * export takes seconds, during which the bot's own thread keeps answering.
 * The files come back moved, not copied.
 */
export function buildReportExportOnWorker(file: string, job: ReportExportJob): Promise<ReportExport> {
  return answerOf<ReportExport>(startModuleWorker(siblingModule(import.meta.url, "reportExportWorker"), { file, job }));
}
