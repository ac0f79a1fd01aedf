import { type ForgetSummary, forgetConfirmationView } from "../core/meViews.js";
import { errorView, noticeView, type View } from "../core/views.js";
import type { Community } from "../store/communities.js";
import type { Member } from "../store/users.js";
import type { ReplyFile } from "./ports.js";
import type { Services } from "./services.js";

/** A member's own data: the `me export` file, and `me forget` with its confirmation. */

/** Long enough to read what goes; short enough that an old message cannot delete anyone. */
export const FORGET_VALID_MINUTES = 10;
export const EXPORT_FORMAT = "studybot-member-export";
export const EXPORT_VERSION = 1;

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/** Everything studybot holds about the member in this community, as the JSON document `me export` sends. */
export function memberExport(services: Services, community: Community, member: Member, now: Date): object {
  const { store } = services;
  const { memberData } = store;
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    community: { platform: community.platform, id: community.externalId, name: community.name },
    member: { id: member.externalId, name: member.name },
    settings: store.memberSettings.get(member.id),
    pauses: store.memberSettings.pauses(member.id),
    streak: store.stats.streak(member.id),
    // Local days; freezes spent before migration 0015 have no days, only streak.frozenDays.
    frozenDays: store.frozenDays.days(member.id),
    leaderboardTotals: memberData.periods(member.id),
    answers: memberData
      .answers(member.id)
      .map(({ answeredAt, ...answer }) => ({ ...answer, answeredAt: iso(answeredAt) })),
    reviews: memberData.reviews(member.id).map(({ dueBefore, reviewedAt, dueAfter, ...review }) => ({
      ...review,
      dueBefore: iso(dueBefore),
      reviewedAt: iso(reviewedAt),
      dueAfter: iso(dueAfter),
    })),
    cards: store.drills.memoriesOf(member.id).map(({ deckId, cardId, memory }) => ({
      deckId,
      cardId,
      ...memory,
      due: memory.due.toISOString(),
      lastReview: memory.lastReview?.toISOString() ?? null,
    })),
    cardReports: store.cardFlags
      .ofUser(member.id)
      .map(({ flaggedAt, ...report }) => ({ ...report, flaggedAt: flaggedAt.toISOString() })),
  };
}

export function exportFile(services: Services, community: Community, member: Member, now: Date): ReplyFile {
  const json = JSON.stringify(memberExport(services, community, member, now), null, 2);
  return {
    name: `studybot-export-${now.toISOString().slice(0, 10)}.json`,
    contentType: "application/json; charset=utf-8",
    bytes: new TextEncoder().encode(`${json}\n`),
  };
}

/** Step one of `me forget`: a confirmation only this member can give, for a few minutes. */
export function askToForget(services: Services, member: Member, now: Date): View {
  const { memberData, drills } = services.store;
  const nonce = services.randomness.nonce();
  memberData.requestForget(member.id, nonce, new Date(now.getTime() + FORGET_VALID_MINUTES * 60_000));
  const summary: ForgetSummary = {
    answers: memberData.answers(member.id).length,
    reviews: memberData.reviews(member.id).length,
    cards: drills.memoriesOf(member.id).length,
  };
  return forgetConfirmationView(summary, nonce, FORGET_VALID_MINUTES);
}

/** Step two: deletes the member when `nonce` is their pending confirmation; anything else changes nothing. */
export function forgetConfirmed(services: Services, community: Community, member: Member, nonce: string, now: Date) {
  const { store } = services;
  return store.transaction((): View => {
    const request = store.memberData.forgetRequest(member.id);
    if (!request || request.nonce !== nonce) {
      return errorView(
        "That confirmation is not yours, or not the latest: nothing was deleted.",
        "Run me forget again and use the button of its answer.",
      );
    }
    if (request.expiresAt.getTime() < now.getTime()) {
      return errorView(
        `That confirmation expired after ${FORGET_VALID_MINUTES} minutes: nothing was deleted.`,
        "Run me forget again.",
      );
    }
    store.memberData.forget(member.id, community.id);
    return noticeView(
      "Your data is deleted",
      "studybot holds nothing about you in this community any more. Using it again starts afresh.",
      "success",
    );
  });
}

/** The answer to a confirmation clicked again after the deletion: there is nobody left to delete. */
export const nothingToForgetView = (): View =>
  noticeView("Nothing to delete", "studybot holds nothing about you in this community.", "info");
