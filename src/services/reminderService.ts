import type { ReminderAction } from "../core/actions.js";
import type { Deck } from "../core/deck.js";
import { type DeckDue, hasSomethingDue, type ReminderContent, reminderView } from "../core/reminderViews.js";
import { reminderInstant, reminderTimesIn } from "../core/reminderTimes.js";
import { liveStreak, streakEndsTonight } from "../core/streaks.js";
import { addDays, localDay, startOfLocalDay } from "../core/studyDay.js";
import { errorView, type View } from "../core/views.js";
import type { Community } from "../store/communities.js";
import type { Store } from "../store/index.js";
import type { ReminderCandidate, ReminderOutcome } from "../store/reminders.js";
import type { Member } from "../store/users.js";
import type { DeckLibrary } from "./deckLibrary.js";
import { DeliveryQueue } from "./deliveryQueue.js";
import type { AnswerSettlement } from "./answerSettlement.js";
import type { DrillCaller, DrillService } from "./drillService.js";
import { type ChannelMessenger, type Clock, type Logger, type Randomness, RecipientUnreachableError } from "./ports.js";

const MINUTE_MS = 60_000;
/**
 * How far back the first sweep of a process looks for reminders missed while
 * no process ran: those within the catch-up grace are sent late, older ones
 * skipped and logged. A day back covers every local day still going on.
 */
const LOOKBACK_MS = 24 * 60 * MINUTE_MS;
/** Claims older than this are pruned: their local days are over in every zone. */
const CLAIMS_KEPT_MS = 3 * 24 * 60 * MINUTE_MS;
/** People decided (and claimed) per transaction and turn of the event loop. */
const DECIDED_PER_TURN = 500;
/** Private messages per platform waiting inside its messenger at once (it paces the requests). */
const SENDS_IN_FLIGHT = 8;

export interface ReminderServiceDeps {
  store: Store;
  decks: DeckLibrary;
  clock: Clock;
  randomness: Randomness;
  logger: Logger;
  messengers: ReadonlyMap<string, ChannelMessenger>;
  drills: DrillService;
  /** New cards a person may start per deck and local day, unless they set their own. */
  newCardsPerDay: number;
  /** Quiz answers still unsettled are applied before a sweep reads due cards and study days. */
  settlement: Pick<AnswerSettlement, "settleInTurns">;
}

/** What one sweep decided. */
export interface SweepOutcome {
  queued: number;
  nothingDue: number;
  paused: number;
  /** Missed while no process ran, beyond the catch-up grace: skipped. */
  missed: number;
}

/**
 * What every candidate of one sweep shares, computed once: most share their
 * community and the day's bounds in their zone (a binary search over the
 * time zone data, the costliest step per person otherwise).
 */
class SweepMemo {
  private readonly bounds = new Map<string, { startOfToday: Date; startOfTomorrow: Date }>();
  private readonly catalogs = new Map<number, readonly Deck[]>();

  constructor(private readonly decks: DeckLibrary) {}

  dayBounds(day: string, zone: string): { startOfToday: Date; startOfTomorrow: Date } {
    const key = `${day} ${zone}`;
    let bounds = this.bounds.get(key);
    if (!bounds) {
      bounds = { startOfToday: startOfLocalDay(day, zone), startOfTomorrow: startOfLocalDay(addDays(day, 1), zone) };
      this.bounds.set(key, bounds);
    }
    return bounds;
  }

  decksOf(communityId: number): readonly Deck[] {
    let decks = this.catalogs.get(communityId);
    if (!decks) {
      // As drills see them: without the cards an admin skipped.
      decks = this.decks
        .forCommunity(communityId)
        .list()
        .map((deck) => this.decks.askable(communityId, deck));
      this.catalogs.set(communityId, decks);
    }
    return decks;
  }
}

interface Delivery {
  userId: number;
  day: string;
  platform: string;
  externalId: string;
  content: ReminderContent;
}

/**
 * Daily reminders: each sweep finds the people whose reminder time came since
 * the last one (their zone, else their community's), claims each person's
 * local day in the database, and queues a private message for those with
 * cards due; the queue sends them at the pace each platform allows.
 */
export class ReminderService {
  /** The end of the last sweep's window; unset until this process's first sweep. */
  private sweptUntil: Date | undefined;
  private lastPrune = 0;
  private readonly queues = new Map<string, DeliveryQueue<Delivery>>();

  constructor(private readonly deps: ReminderServiceDeps) {}

  /**
   * Decides and queues every reminder due since the previous sweep (the
   * first looks back a day). Claims are written before anything is queued,
   * so a second process sweeping the same minute finds them taken.
   */
  async sweep(catchUpGraceMinutes: number): Promise<SweepOutcome> {
    const { store, clock, logger, settlement } = this.deps;
    const now = clock.now();
    // Due counts and "studied today" come from memory and streaks: the latest quiz answers count. The sweep comes
    // each minute, maybe amid a burst of clicks: they are answered between the chunks.
    const settling = settlement.settleInTurns();
    if (settling) await settling;
    // Never further back than the look back: after a failed sweep or a long suspend, the window stays a day at most.
    const from = new Date(Math.max(this.sweptUntil?.getTime() ?? 0, now.getTime() - LOOKBACK_MS));
    const outcome: SweepOutcome = { queued: 0, nothingDue: 0, paused: 0, missed: 0 };
    if (now <= from) return outcome;
    const lateAfter = now.getTime() - catchUpGraceMinutes * MINUTE_MS;
    const instants = new Map<string, Date>();
    const instantOf = (day: string, time: string, zone: string) => {
      const key = `${day} ${time} ${zone}`;
      let instant = instants.get(key);
      if (!instant) {
        instant = reminderInstant(day, time, zone);
        instants.set(key, instant);
      }
      return instant;
    };
    const deliveries: Delivery[] = [];
    const memo = new SweepMemo(this.deps.decks);
    try {
      for (const zone of store.reminders.zonesInUse()) {
        for (const range of reminderTimesIn(zone, from, now)) {
          const candidates = store.reminders.candidates(zone, range).filter((candidate) => {
            const due = instantOf(range.day, candidate.remindAt, zone);
            // Outside this window (a wider range around a DST change), or set after its time had passed today.
            return due > from && due <= now && due >= candidate.updatedAt && this.canSend(candidate.platform);
          });
          if (candidates.length === 0) continue;
          for (let start = 0; start < candidates.length; start += DECIDED_PER_TURN) {
            // Queued only once their claims are committed: a rolled-back claim sends nothing.
            const claimed = store.transaction(() =>
              candidates.slice(start, start + DECIDED_PER_TURN).flatMap((candidate) => {
                const late = instantOf(range.day, candidate.remindAt, zone).getTime() < lateAfter;
                const decided = this.decide(candidate, range.day, now, late, memo);
                if (decided === undefined) return [];
                if (typeof decided !== "string") return [decided];
                outcome[decided] += 1;
                return [];
              }),
            );
            for (const delivery of claimed) deliveries.push(delivery);
            // Clicks and commands go on between chunks: 100,000 people due in one minute take seconds to decide.
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
      }
      // Only once it all went through: a sweep that failed midway is swept again (what it claimed stays claimed).
      this.sweptUntil = now;
    } finally {
      outcome.queued = deliveries.length;
      this.enqueue(deliveries);
    }
    if (outcome.missed > 0) {
      logger.warn(
        { missed: outcome.missed, catchUpGraceMinutes },
        "reminders missed while studybot was down, beyond the catch-up grace: skipped",
      );
    }
    if (now.getTime() - this.lastPrune > 60 * MINUTE_MS) {
      this.lastPrune = now.getTime();
      store.reminders.prune(new Date(now.getTime() - CLAIMS_KEPT_MS));
    }
    return outcome;
  }

  /** Stops sending; reminders claimed but not sent yet are given back, for whoever sweeps next to send. */
  async stop(): Promise<void> {
    for (const queue of this.queues.values()) {
      const unsent = await queue.stop();
      for (const delivery of unsent) this.deps.store.reminders.release(delivery.userId, delivery.day);
      queue.resume();
    }
    // The next sweep of this process looks back again, and finds what was given back.
    this.sweptUntil = undefined;
  }

  /** Resolves once every queued reminder is sent (tests and the benchmark wait for it). */
  async drained(): Promise<void> {
    for (const queue of this.queues.values()) await queue.drained();
  }

  /**
   * Who clicks a reminder's button or a drill's button in a private message,
   * where no server tells the community: the member the button was made for,
   * when the clicker is that person on that platform.
   */
  privateCaller(
    platform: string,
    externalUserId: string,
    /** A drill's own button, or its answer's Report card: both name the drill session. */
    action: ReminderAction | { kind: "drill" | "report"; sessionId: number },
  ): DrillCaller | undefined {
    const { store } = this.deps;
    const userId =
      action.kind === "reminder"
        ? store.reminders.buttonTarget(action.userId, action.nonce) && action.userId
        : store.drills.session(action.sessionId)?.userId;
    const member = userId ? store.users.get(userId) : undefined;
    const community = member ? store.communities.get(member.communityId) : undefined;
    if (!member || !community || member.externalId !== externalUserId || community.platform !== platform) {
      return undefined;
    }
    return { community, member };
  }

  /** A click on a reminder's "Start drill": the drill of the reminder's community and deck. */
  startDrill(platform: string, externalUserId: string, action: ReminderAction): View {
    const caller = this.privateCaller(platform, externalUserId, action);
    const target = this.deps.store.reminders.buttonTarget(action.userId, action.nonce);
    if (!caller || !target) {
      return errorView("That button does not belong to anything studybot knows.", "Start a drill with drill.");
    }
    return this.deps.drills.start(caller, target.deckId ? { deck: target.deckId } : {});
  }

  private canSend(platform: string): boolean {
    return this.deps.messengers.get(platform)?.sendDirect !== undefined;
  }

  /**
   * Claims the person's day with the reason nothing is sent, or with the drill
   * its button starts; undefined when another process claimed it first.
   */
  private decide(
    candidate: ReminderCandidate,
    day: string,
    now: Date,
    late: boolean,
    memo: SweepMemo,
  ): Exclude<keyof SweepOutcome, "queued"> | Delivery | undefined {
    const { reminders } = this.deps.store;
    const skip = (outcome: ReminderOutcome & ("missed" | "paused" | "nothing_due")) => {
      if (!reminders.claim(candidate.userId, day, now, { outcome })) return undefined;
      return outcome === "nothing_due" ? "nothingDue" : outcome;
    };
    if (late) return skip("missed");
    if (reminders.isPaused(candidate.userId, day)) return skip("paused");
    const decks = this.decksDue(candidate, day, now, memo);
    if (!hasSomethingDue(decks.map(({ due }) => due))) return skip("nothing_due");
    const nonce = this.deps.randomness.nonce();
    const deckId = decks.reduce((best, deck) =>
      deck.due.due + deck.due.fresh > best.due.due + best.due.fresh ? deck : best,
    ).id;
    if (!reminders.claim(candidate.userId, day, now, { deckId, nonce })) return undefined;
    const streak = this.deps.store.stats.streak(candidate.userId);
    return {
      userId: candidate.userId,
      day,
      platform: candidate.platform,
      externalId: candidate.externalId,
      content: {
        communityName: candidate.communityName,
        decks: decks.map(({ due }) => due),
        streak: liveStreak(streak, day),
        streakEndsTonight: candidate.remindStreak && streakEndsTonight(streak, day),
        button: { kind: "reminder", userId: candidate.userId, nonce },
      },
    };
  }

  /**
   * Per deck of the member's community, what their reminder would count now:
   * reviews due today and new cards still allowed today under their limits
   * (the Home tab shows the same numbers).
   */
  dueByDeck(community: Community, member: Member, now: Date): { id: string; due: DeckDue }[] {
    const settings = this.deps.store.memberSettings.get(member.id);
    const timeZone = settings.timeZone ?? community.timeZone;
    return this.decksDue(
      {
        userId: member.id,
        communityId: community.id,
        timeZone,
        ...(settings.newPerDay !== undefined ? { newPerDay: settings.newPerDay } : {}),
        ...(settings.reviewsPerDay !== undefined ? { reviewsPerDay: settings.reviewsPerDay } : {}),
      },
      localDay(now, timeZone),
      now,
      new SweepMemo(this.deps.decks),
    );
  }

  /** Per deck of the community: reviews due today and new cards still allowed today under the person's limits. */
  private decksDue(
    candidate: Pick<ReminderCandidate, "userId" | "communityId" | "timeZone" | "newPerDay" | "reviewsPerDay">,
    day: string,
    now: Date,
    memo: SweepMemo,
  ): { id: string; due: DeckDue }[] {
    const { store } = this.deps;
    const { startOfToday, startOfTomorrow } = memo.dayBounds(day, candidate.timeZone);
    const counts = new Map(
      store.reminders.deckCounts(candidate.userId, now, startOfTomorrow).map((count) => [count.deckId, count]),
    );
    const newPerDay = candidate.newPerDay ?? this.deps.newCardsPerDay;
    return memo.decksOf(candidate.communityId).map((deck) => {
      const count = counts.get(deck.id);
      const unseen = Math.max(0, deck.cards.length - (count?.seen ?? 0));
      const allowance =
        unseen > 0 && newPerDay > 0
          ? newPerDay - store.drills.newCardsStartedSince(candidate.userId, deck.id, startOfToday)
          : 0;
      const due = count?.due ?? 0;
      return {
        id: deck.id,
        due: {
          title: deck.title,
          due: candidate.reviewsPerDay === undefined ? due : Math.min(due, candidate.reviewsPerDay),
          fresh: Math.max(0, Math.min(unseen, allowance)),
        },
      };
    });
  }

  private enqueue(deliveries: readonly Delivery[]): void {
    const byPlatform = new Map<string, Delivery[]>();
    for (const delivery of deliveries) {
      const list = byPlatform.get(delivery.platform) ?? [];
      list.push(delivery);
      byPlatform.set(delivery.platform, list);
    }
    for (const [platform, list] of byPlatform) {
      let queue = this.queues.get(platform);
      if (!queue) {
        queue = new DeliveryQueue((delivery) => this.deliver(delivery), SENDS_IN_FLIGHT);
        this.queues.set(platform, queue);
      }
      queue.add(list);
    }
  }

  /** Sends one reminder and records how it went; a person who cannot be reached gets no more until they say so. */
  private async deliver(delivery: Delivery): Promise<void> {
    const { store, logger, clock } = this.deps;
    const messenger = this.deps.messengers.get(delivery.platform);
    try {
      if (!messenger?.sendDirect) throw new Error(`${delivery.platform} is not connected`);
      await messenger.sendDirect(delivery.externalId, reminderView(delivery.content));
      // Outcomes of one turn of the event loop share a commit: a fast platform answers hundreds per turn.
      await store.joinTransaction(() => store.reminders.finish(delivery.userId, delivery.day, "sent"));
    } catch (error) {
      if (error instanceof RecipientUnreachableError) {
        store.transaction(() => {
          store.reminders.finish(delivery.userId, delivery.day, "unreachable");
          store.reminders.switchOff(delivery.userId, error.reason, clock.now());
        });
        logger.info({ userId: delivery.userId, reason: error.reason }, "reminders switched off: person unreachable");
        return;
      }
      await store.joinTransaction(() => store.reminders.finish(delivery.userId, delivery.day, "failed"));
      logger.error({ err: error, userId: delivery.userId, platform: delivery.platform }, "reminder not sent");
    }
  }
}
