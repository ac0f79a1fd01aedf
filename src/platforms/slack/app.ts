import type { AddressInfo } from "node:net";
import { format } from "node:util";
import { App, type Logger as BoltLogger, HTTPReceiver, LogLevel, SocketModeReceiver, webApi } from "@slack/bolt";
import type { Logger } from "../../services/ports.js";
import type { Services } from "../../services/services.js";
import { InFlight } from "../inFlight.js";
import { AckFirst } from "./ackFirst.js";
import { registerButtons } from "./actions.js";
import { registerStudyCommand } from "./commands.js";
import { registerCardFromMessage } from "./cardFromMessage.js";
import { registerDeckImport } from "./deckImport.js";
import { registerHome } from "./home.js";
import { registerMessagesTab } from "./messagesTab.js";
import { registerTypedAnswers } from "./drills.js";
import { registerReportForm } from "./reportCard.js";
import { SlackMessenger, slackErrorCode } from "./messenger.js";
import { LetterReactions, registerReactionAnswers } from "./reactions.js";
import { SignedRequests } from "./signedRequests.js";
import { SLACK_PLATFORM, SlackUsers } from "./users.js";

export interface SlackOptions {
  botToken: string;
  /** Socket Mode (xapp-…); preferred when both it and a signing secret are given. */
  appToken?: string;
  /** HTTP mode: requests are verified with it. */
  signingSecret?: string;
  /** The Web API URL (SLACK_API_URL), e.g. https://slack.com/api/ */
  apiUrl: string;
  /** HTTP mode's port; 0 picks a free one. */
  port: number;
  adminUsers: readonly string[];
}

/** What the Slack handlers share. */
export interface SlackAdapter {
  services: Services;
  client: webApi.WebClient;
  users: SlackUsers;
  messenger: SlackMessenger;
  logger: Logger;
  /** During a burst of requests, work that follows an acknowledgement waits here for a pause. */
  acknowledgements: AckFirst;
  /**
   * Runs the work that follows an acknowledgement at its turn, tracked so a
   * stop waits for it, while the listener that asked returns at once.
   */
  afterAcknowledgements(work: () => Promise<void>): void;
}

export interface RunningSlack {
  mode: "socket" | "http";
  /** HTTP mode: the port requests are received on (Slack posts to /slack/events). */
  port?: number;
  /** HTTP mode: the requests that passed verification, so counted as activity by the ack-first pacing. */
  pacedRequests(): number;
  /** True while events can arrive: the Socket Mode connection is open, or the HTTP server listens. */
  isConnected(): boolean;
  /** Stops receiving events: the Socket Mode connection closes, or the HTTP server stops accepting. */
  stopTakingEvents(): Promise<void>;
  /** Stops receiving, lets the handlers under way finish, then lets go of the platform. */
  stop(): Promise<void>;
}

/** Handlers acknowledge first; what follows is a few API calls, well within this. */
const DRAIN_MS = 3000;

/**
 * Starts the Slack app (Bolt) in Socket Mode or over HTTP and registers its
 * messenger with the services. The bot token is checked first, so a wrong
 * token stops the start with Slack's own reason.
 */
export async function startSlack(services: Services, options: SlackOptions, logger: Logger): Promise<RunningSlack> {
  const boltLogger = toBoltLogger(logger);
  const clientOptions = { slackApiUrl: options.apiUrl, logger: boltLogger };
  const identity = await new webApi.WebClient(options.botToken, clientOptions).auth.test().catch((error: unknown) => {
    throw new Error(
      `Slack refused SLACK_BOT_TOKEN (${slackErrorCode(error) ?? String(error)}): use the app's Bot User OAuth Token, xoxb-…`,
    );
  });
  if (!identity.user_id || !identity.bot_id)
    throw new Error("SLACK_BOT_TOKEN is not a bot token: use the app's Bot User OAuth Token, xoxb-…");
  const socketMode = Boolean(options.appToken);
  const acknowledgements = new AckFirst();
  // Made here rather than by Bolt: the health check asks whether the Socket Mode connection is open, and over
  // HTTP our own verification stands in front of Bolt's handling.
  const receiver = options.appToken
    ? new SocketModeReceiver({ appToken: options.appToken, logger: boltLogger, installerOptions: { clientOptions } })
    : httpReceiver(options, services, logger, boltLogger, acknowledgements);
  const app = new App({
    token: options.botToken,
    // Known ids spare Bolt its own auth.test.
    botId: identity.bot_id,
    botUserId: identity.user_id,
    receiver,
    clientOptions,
    logger: boltLogger,
    // studybot keeps no conversation state in Bolt. The store's middleware would look every event up and, finding
    // nothing, build an Error with its stack trace: per click in a burst, about as costly as verifying the request.
    convoStore: false,
  });
  const users = new SlackUsers(app.client, new Set(options.adminUsers), logger);
  const letters = new LetterReactions(app.client, logger);
  const messenger = new SlackMessenger(
    app.client,
    { userId: identity.user_id, name: identity.user ?? "studybot" },
    letters,
    users,
    logger,
  );
  const handlers = new InFlight();
  const adapter: SlackAdapter = {
    services,
    client: app.client,
    users,
    messenger,
    logger,
    acknowledgements,
    afterAcknowledgements(work) {
      handlers
        .track(acknowledgements.turn().then(work))
        .catch((error: unknown) => logger.error({ err: error }, "slack handler failed"));
    },
  };

  app.use(async ({ next }) => handlers.track(next()));
  app.use(handleEachEventOnce());
  registerStudyCommand(app, adapter);
  registerButtons(app, adapter);
  registerReactionAnswers(app, adapter);
  registerTypedAnswers(app, adapter);
  registerReportForm(app, adapter);
  registerDeckImport(app, adapter);
  registerCardFromMessage(app, adapter);
  registerMessagesTab(app, adapter);
  registerHome(app, adapter);
  app.error(async (error) => {
    logger.error({ err: error }, "slack handler failed");
  });

  services.messengers.set(SLACK_PLATFORM, messenger);
  let port: number | undefined;
  let listening = () => false;
  try {
    if (socketMode) {
      await app.start();
    } else {
      const server = await app.start(options.port);
      port = (server.address() as AddressInfo).port;
      listening = () => server.listening;
    }
  } catch (error) {
    services.messengers.delete(SLACK_PLATFORM);
    throw new Error(
      socketMode
        ? `Slack refused SLACK_APP_TOKEN (${slackErrorCode(error) ?? String(error)}): use an app-level token, xapp-…, with the connections:write scope`
        : `Could not receive Slack requests on PORT ${options.port}: ${String(error)}`,
    );
  }
  logger.info(
    { mode: socketMode ? "socket" : "http", port, bot: identity.user, team: identity.team },
    "slack connected",
  );
  let receiving = true;
  const stopTakingEvents = async () => {
    if (!receiving) return;
    receiving = false;
    await app.stop();
  };
  return {
    mode: socketMode ? "socket" : "http",
    ...(port !== undefined ? { port } : {}),
    pacedRequests: () => acknowledgements.requestsCounted,
    isConnected: () =>
      receiver instanceof SocketModeReceiver ? (receiver.client.websocket?.isActive() ?? false) : listening(),
    stopTakingEvents,
    async stop() {
      await stopTakingEvents();
      if (!(await handlers.drain(DRAIN_MS))) logger.warn({}, "slack handlers still running at shutdown");
      services.messengers.delete(SLACK_PLATFORM);
    },
  };
}

/** Bolt's HTTP receiver with its signature check off: SignedRequests checks more, and before it. */
function httpReceiver(
  options: SlackOptions,
  services: Services,
  logger: Logger,
  boltLogger: BoltLogger,
  acknowledgements: AckFirst,
): HTTPReceiver {
  if (!options.signingSecret) throw new Error("Slack over HTTP needs SLACK_SIGNING_SECRET");
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    signatureVerification: false,
    logger: boltLogger,
  });
  new SignedRequests(options.signingSecret, services.clock, logger, (response) =>
    acknowledgements.arrived(response),
  ).guard(receiver);
  return receiver;
}

/**
 * Slack sends an event again (same event_id, with x-slack-retry-num) when it
 * thinks the first delivery was lost. Answers are kept once by the services
 * anyway; this keeps the retry from sending a second acknowledgement.
 */
function handleEachEventOnce(capacity = 5_000) {
  const seen = new Set<string>();
  return async ({ body, next }: { body: unknown; next: () => Promise<void> }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string") {
      if (seen.has(eventId)) return;
      seen.add(eventId);
      // A Set iterates in insertion order: the first entry is the oldest.
      if (seen.size > capacity) seen.delete(seen.values().next().value as string);
    }
    await next();
  };
}

/** Bolt and its clients log through ours; their debug chatter (request bodies) is dropped. */
function toBoltLogger(logger: Logger): BoltLogger {
  const text = (parts: unknown[]) => format(...parts);
  return {
    debug() {},
    info: (...parts: unknown[]) => logger.info({ source: "slack" }, text(parts)),
    warn: (...parts: unknown[]) => logger.warn({ source: "slack" }, text(parts)),
    error: (...parts: unknown[]) => logger.error({ source: "slack" }, text(parts)),
    setLevel() {},
    getLevel: () => LogLevel.INFO,
    setName() {},
  };
}
