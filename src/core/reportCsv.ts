import { csvDocument } from "./csv.js";
import { type ClassReport, percent } from "./report.js";
import { HIDDEN_MEMBER } from "./reportViews.js";

export interface CsvFile {
  name: string;
  text: string;
}

/** "report-week-2026-11-02" or "report-all-capitals": what the files of one report are called. */
function baseName(report: ClassReport): string {
  return ["report", report.period, report.deck?.id, report.firstDay].filter(Boolean).join("-");
}

/** `report export`: one row per member and one row per card, every one of them. */
export function reportCsvFiles(report: ClassReport): CsvFile[] {
  const members = csvDocument([
    ["member", "points", "answers", "correct", "accuracy_percent", "streak_days", "cards_learned", "cards_mastered"],
    ...report.members.map((member) => [
      member.hidden ? HIDDEN_MEMBER : member.name,
      member.points,
      member.answered,
      member.correct,
      percent(member),
      member.streak,
      member.learned,
      member.mastered,
    ]),
  ]);
  const cards = csvDocument([
    ["deck", "card", "name", "answers", "correct", "accuracy_percent", "most_picked_wrong", "picked", "missed"],
    ...report.cards.map((card) => [
      card.deckId,
      card.cardId,
      card.name,
      card.answered,
      card.correct,
      percent(card),
      card.mostPickedWrong?.text ?? "",
      card.mostPickedWrong?.picked ?? 0,
      card.answered - card.correct,
    ]),
  ]);
  const base = baseName(report);
  return [
    { name: `${base}-members.csv`, text: members },
    { name: `${base}-cards.csv`, text: cards },
  ];
}
