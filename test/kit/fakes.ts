import type { Deck } from "../../src/core/deck.js";
import { closeAfterTest } from "./closeAfterTest.js";
import type { RatePolicy } from "../../src/core/rateLimit.js";
import type { View } from "../../src/core/views.js";
import { DeckCatalog } from "../../src/decks/loader.js";
import { openDatabase } from "../../src/store/database.js";
import { Store } from "../../src/store/index.js";
import type { Actor } from "../../src/services/ports.js";
import { type ChannelMessenger, type Clock, type Logger, silentLogger } from "../../src/services/ports.js";
import { seededRandomness } from "../../src/services/randomness.js";
import { Services } from "../../src/services/services.js";

/** A clock the test moves by hand. */
export class FakeClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Records what services post and edit, like a chat channel would show it. */
export class RecordingMessenger implements ChannelMessenger {
  readonly posts: { channelId: string; messageId: string; view: View }[] = [];
  readonly edits: { channelId: string; messageId: string; view: View }[] = [];
  /** Private messages (reminders), with the instant each was sent. */
  readonly directs: { userId: string; view: View; at: Date }[] = [];
  failNextPost?: Error;
  failNextEdit?: Error;
  /** Private messages to these people fail with their error. */
  readonly failDirectTo = new Map<string, Error>();

  async post(channelId: string, view: View) {
    if (this.failNextPost) {
      const error = this.failNextPost;
      this.failNextPost = undefined;
      throw error;
    }
    const messageId = `m${this.posts.length + 1}`;
    this.posts.push({ channelId, messageId, view });
    return { messageId };
  }

  async sendDirect(userId: string, view: View) {
    const failure = this.failDirectTo.get(userId);
    if (failure) throw failure;
    this.directs.push({ userId, view, at: new Date() });
  }

  async edit(channelId: string, messageId: string, view: View) {
    if (this.failNextEdit) {
      const error = this.failNextEdit;
      this.failNextEdit = undefined;
      throw error;
    }
    this.edits.push({ channelId, messageId, view });
  }
}

export function smallDeck(id = "capitals", size = 6): Deck {
  const names = ["France", "Spain", "Italy", "Norway", "Peru", "Japan", "Kenya", "Chile"];
  const capitals = ["Paris", "Madrid", "Rome", "Oslo", "Lima", "Tokyo", "Nairobi", "Santiago"];
  return {
    id,
    title: `Capitals (${id})`,
    description: "",
    cards: names.slice(0, size).map((name, index) => ({
      id: name.toLowerCase(),
      front: `Capital of ${name}`,
      back: capitals[index] as string,
      term: name,
      tags: [index % 2 === 0 ? "europe" : "world"],
    })),
  };
}

export interface TestBot {
  services: Services;
  store: Store;
  clock: FakeClock;
  messenger: RecordingMessenger;
  close(): void;
}

export function makeServices(
  file: string,
  options: {
    decks?: Deck[];
    start?: string;
    clock?: FakeClock;
    seed?: number;
    timeZone?: string;
    platform?: string;
    /** Off unless a test is about it: most tests send many commands at one fake instant. */
    commandRateLimit?: RatePolicy;
    logger?: Logger;
  } = {},
): TestBot {
  const db = openDatabase(file);
  const store = new Store(db);
  const clock = options.clock ?? new FakeClock(new Date(options.start ?? "2026-11-02T09:00:00Z"));
  const decks = options.decks ?? [smallDeck()];
  const services = new Services({
    store,
    decks: new DeckCatalog(decks.map((deck) => ({ deck, file: `decks/${deck.id}.yaml` }))),
    clock,
    randomness: seededRandomness(options.seed ?? 7),
    logger: options.logger ?? silentLogger,
    config: {
      defaultTimeZone: options.timeZone ?? "UTC",
      quizWindowMinutes: 60,
      commandRateLimit: options.commandRateLimit ?? null,
    },
  });
  const messenger = new RecordingMessenger();
  services.messengers.set(options.platform ?? "test", messenger);
  // Like a stop without the goodbye: answers still unsettled stay queued in the file, as after a crash.
  const close = () => {
    services.settlement.stop();
    db.close();
  };
  return { services, store, clock, messenger, close };
}

/** `makeServices` for one test: closed when the test finishes, whatever its outcome. */
export function openTestBot(file: string, options: Parameters<typeof makeServices>[1] = {}): TestBot {
  return closeAfterTest(makeServices(file, options));
}

export function actor(userId: string, overrides: Partial<Actor> = {}): Actor {
  return {
    platform: "test",
    communityId: "guild-1",
    channelId: "quiz-channel",
    userId,
    userName: userId,
    isAdmin: false,
    ...overrides,
  };
}
