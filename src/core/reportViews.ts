import type { Period } from "./commands.js";
import { MASTERED_STABILITY_DAYS } from "./drillPlan.js";
import type { CardResult, ClassReport, MemberResult } from "./report.js";
import { accuracy, formatAccuracy } from "./scoring.js";
import { type Inline, text, type View, view } from "./views.js";

const PERIOD_NAMES: Record<Period, string> = { week: "this week", month: "this month", all: "all time" };

export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;

/** What hidden members (`me hide`) are called: counted in every figure, never named. */
export const HIDDEN_MEMBER = "A hidden member";

export function periodLabel(period: Period, firstDay: string | null): string {
  return firstDay === null ? PERIOD_NAMES[period] : `${PERIOD_NAMES[period]} (since ${firstDay})`;
}

/** "33% right of 12 answers": a card's class accuracy with the number behind it. */
export function cardAccuracy(card: CardResult): string {
  return `${formatAccuracy(accuracy(card.correct, card.answered))} right of ${plural(card.answered, "answer")}`;
}

/** "most who missed it picked *Kata Containers* (5 of 8)"; nothing when nobody missed it. */
export function wrongPickLine(card: CardResult): Inline[] {
  const wrong = card.mostPickedWrong;
  if (!wrong) return [" · nobody missed it"];
  const who = wrong.picked * 2 > wrong.missed ? "most who missed it" : "of those who missed it, the most";
  return [` · ${who} picked `, { strong: wrong.text }, ` (${wrong.picked} of ${wrong.missed})`];
}

function memberLine(member: MemberResult): Inline[] {
  const right = formatAccuracy(accuracy(member.correct, member.answered));
  return [
    `${member.points} pts · ${plural(member.answered, "answer")} · ${right} right · streak ${member.streak}d · ` +
      `${member.learned} learned · ${member.mastered} mastered`,
  ];
}

export function reportTitle(report: Pick<ClassReport, "period" | "deck">): string {
  return `Class report · ${PERIOD_NAMES[report.period]}${report.deck ? ` · ${report.deck.title}` : ""}`;
}

/** `report`: the class's figures, its hardest cards and its most active members, for the admin alone. */
export function reportView(report: ClassReport): View {
  const title = reportTitle(report);
  const when = periodLabel(report.period, report.firstDay);
  const { totals } = report;
  if (totals.members === 0) {
    const where = report.deck ? ` in ${report.deck.title}` : "";
    return view(title, "info", [text(`No quiz${where} was answered ${when}: there is nothing to report yet.`)]);
  }
  const classAccuracy = formatAccuracy(accuracy(totals.correct, totals.answered));
  const cards = report.cards.map((card, index) => ({
    label: `Hard card ${index + 1}: ${card.name}`,
    value: [cardAccuracy(card), ...wrongPickLine(card)],
  }));
  const members = report.members.map((member) => ({
    label: member.hidden ? HIDDEN_MEMBER : member.name,
    value: memberLine(member),
  }));
  const listed =
    report.members.length < totals.members
      ? ` The ${report.members.length} with the most points are listed; report export has everyone.`
      : "";
  return view(
    title,
    "info",
    [
      text(
        `${plural(totals.members, "member")} gave ${plural(totals.answered, "answer")} ${when}: `,
        { strong: classAccuracy },
        ` right.${listed}`,
      ),
      { type: "fields", fields: [...cards, ...members] },
    ],
    {
      footer:
        `Times in ${report.timeZone}; a quiz counts in the period it was posted. Learned: reviewed at least once; ` +
        `mastered: remembered for over ${MASTERED_STABILITY_DAYS} days (FSRS stability).`,
    },
  );
}
