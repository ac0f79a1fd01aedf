import { randomUUID } from "node:crypto";
import {
  APP_ID,
  BOT_USER_ID,
  type ButtonChoice,
  type Delivery,
  findButton,
  type RecordedCall,
  type Signing,
  type SlackBlock,
  TEAM,
} from "./model.js";
import { SignedPoster, type SlackRequest } from "./signedHttp.js";
import type { SlackSocketMode } from "./socketMode.js";
import { directChannelOf, type SlackWebApi } from "./webApi.js";

/**
 * What users do, played by a test: slash commands, clicks, modal submits,
 * reactions and other events, sent to the app the way Slack does (signed HTTP
 * posts, or Socket Mode envelopes that the app must acknowledge).
 */
export class SlackEvents {
  /** Where deliveries go: the app's HTTP endpoint (HTTP mode), or its Socket Mode connection. */
  appUrl: string | undefined;
  readonly http = new SignedPoster();
  private eventCounter = 0;

  constructor(
    private readonly api: SlackWebApi,
    private readonly socket: SlackSocketMode,
  ) {}

  /** `/study <text>` typed by a user in a channel. */
  async sendCommand(user: string, channel: string, text: string, signing: Signing = "valid") {
    const responseUrl = this.api.newResponseUrl();
    const person = this.api.users.get(user);
    const body = {
      token: "legacy-verification-token",
      team_id: TEAM.id,
      team_domain: TEAM.domain,
      channel_id: channel,
      channel_name: channel.toLowerCase(),
      user_id: user,
      user_name: person?.name ?? user,
      command: "/study",
      text,
      api_app_id: APP_ID,
      is_enterprise_install: "false",
      response_url: responseUrl,
      trigger_id: `trigger-${randomUUID()}`,
    };
    const delivery = await this.deliver("slash_commands", body, {
      form: new URLSearchParams(body).toString(),
      signing,
    });
    return { ...delivery, responseUrl };
  }

  /** A click on a button the app rendered, found by its label (or a predicate) in the stored message. */
  async click(user: string, at: { channel: string; ts: string }, which: ButtonChoice, signing: Signing = "valid") {
    const button = findButton(this.api.message(at.channel, at.ts).blocks, which);
    return this.sendBlockAction({ ...button, channel: at.channel, messageTs: at.ts, user, signing });
  }

  /**
   * A click on a button of an ephemeral message (only its user sees it, so the
   * fake keeps no copy): the message is the reply the app sent to a response URL.
   */
  async clickEphemeralButton(reply: RecordedCall, channel: string, user: string, which: ButtonChoice) {
    const button = findButton((reply.args.blocks as SlackBlock[] | undefined) ?? [], which);
    return this.sendBlockAction({ ...button, channel, messageTs: `${Date.now() / 1000}`, user, ephemeral: true });
  }

  /** Submits a modal the app opened (a recorded views.open) with values typed into its inputs. */
  async submitModal(opened: RecordedCall, user: string, values: Record<string, Record<string, string>>) {
    const view = opened.args.view as { callback_id: string; private_metadata?: string; blocks: unknown[] };
    const person = this.api.users.get(user);
    const state = Object.fromEntries(
      Object.entries(values).map(([blockId, actions]) => [
        blockId,
        Object.fromEntries(
          Object.entries(actions).map(([actionId, value]) => [actionId, { type: "plain_text_input", value }]),
        ),
      ]),
    );
    const payload = {
      type: "view_submission",
      team: { id: TEAM.id, domain: TEAM.domain },
      user: { id: user, username: person?.name ?? user, name: person?.name ?? user, team_id: TEAM.id },
      api_app_id: APP_ID,
      token: "legacy-verification-token",
      trigger_id: `trigger-${randomUUID()}`,
      view: {
        id: "V0MODAL",
        team_id: TEAM.id,
        type: "modal",
        callback_id: view.callback_id,
        private_metadata: view.private_metadata ?? "",
        blocks: view.blocks,
        state: { values: state },
        hash: "1",
        app_id: APP_ID,
        bot_id: "B0BOT",
      },
      response_urls: [],
      is_enterprise_install: false,
    };
    return this.deliver("interactive", payload, {
      form: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      signing: "valid",
    });
  }

  /** A user picks a message shortcut (the ⋮ menu) on a message someone wrote in a channel. */
  async messageShortcut(
    user: string,
    message: { channel: string; author: string; text: string },
    callbackId: string,
    signing: Signing = "valid",
  ) {
    const person = this.api.users.get(user);
    const ts = `${Date.now() / 1000}`;
    const payload = {
      type: "message_action",
      token: "legacy-verification-token",
      action_ts: ts,
      team: { id: TEAM.id, domain: TEAM.domain },
      user: { id: user, name: person?.name ?? user, username: person?.name ?? user, team_id: TEAM.id },
      channel: { id: message.channel, name: message.channel.toLowerCase() },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: callbackId,
      trigger_id: `trigger-${randomUUID()}`,
      response_url: this.api.newResponseUrl(),
      message_ts: ts,
      message: { type: "message", user: message.author, ts, text: message.text },
    };
    return this.deliver("interactive", payload, {
      form: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      signing,
    });
  }

  /** The user opens the app's Home tab (or its Messages tab): an `app_home_opened` event. */
  async openHome(user: string, tab: "home" | "messages" = "home") {
    const published = this.api.homes.get(user);
    return this.sendEvent({
      type: "app_home_opened",
      user,
      channel: directChannelOf(user),
      tab,
      event_ts: `${Date.now() / 1000}`,
      ...(published ? { view: { id: published.id, type: "home", blocks: published.blocks } } : {}),
    });
  }

  /** A click on a button of the user's published Home tab, found by its label (or a predicate). */
  async clickHome(user: string, which: ButtonChoice) {
    const button = findButton(this.homeBlocks(user), which);
    return this.sendHomeAction(user, {
      type: "button",
      action_id: button.actionId,
      block_id: button.blockId,
      text: { type: "plain_text", text: button.text, emoji: true },
      value: button.value,
    });
  }

  /** The user picks a time in the Home tab's time picker. */
  async pickHomeTime(user: string, time: string) {
    const section = this.homeBlocks(user).find(
      (block) => (block.accessory as { type?: string } | undefined)?.type === "timepicker",
    );
    if (!section) throw new Error("no time picker on the Home tab");
    const picker = section.accessory as { action_id: string; initial_time?: string };
    return this.sendHomeAction(user, {
      type: "timepicker",
      action_id: picker.action_id,
      block_id: section.block_id ?? "",
      selected_time: time,
      ...(picker.initial_time ? { initial_time: picker.initial_time } : {}),
    });
  }

  /**
   * A block action from the Home tab, as Slack sends it: the view instead of a
   * channel and message, and no response URL. Any action may be given (a forged one too).
   */
  async sendHomeAction(user: string, action: Record<string, unknown>) {
    const person = this.api.users.get(user);
    const published = this.api.homes.get(user);
    const viewId = published?.id ?? "V0HOME";
    const payload = {
      type: "block_actions",
      user: { id: user, username: person?.name ?? user, name: person?.name ?? user, team_id: TEAM.id },
      api_app_id: APP_ID,
      token: "legacy-verification-token",
      container: { type: "view", view_id: viewId },
      trigger_id: `trigger-${randomUUID()}`,
      team: { id: TEAM.id, domain: TEAM.domain },
      enterprise: null,
      is_enterprise_install: false,
      view: {
        id: viewId,
        team_id: TEAM.id,
        type: "home",
        blocks: published?.blocks ?? [],
        private_metadata: "",
        callback_id: "",
        state: { values: {} },
        hash: "1",
        app_id: APP_ID,
        bot_id: "B0BOT",
      },
      actions: [{ ...action, action_ts: `${Date.now() / 1000}` }],
    };
    return this.deliver("interactive", payload, {
      form: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      signing: "valid",
    });
  }

  private homeBlocks(user: string): SlackBlock[] {
    const published = this.api.homes.get(user);
    if (!published) throw new Error(`no Home tab published for ${user}`);
    return published.blocks;
  }

  /** A block action with any value: what a forged or stale payload looks like. */
  async sendBlockAction(action: {
    channel: string;
    messageTs: string;
    user: string;
    actionId: string;
    value: string;
    blockId?: string;
    text?: string;
    signing?: Signing;
    ephemeral?: boolean;
    /** Another workspace's id: the payload as a click in that workspace would send it. */
    team?: string;
  }) {
    const responseUrl = this.api.newResponseUrl();
    const user = this.api.users.get(action.user);
    const team = { id: action.team ?? TEAM.id, domain: action.team ? "another-team" : TEAM.domain };
    const payload = {
      type: "block_actions",
      user: { id: action.user, username: user?.name ?? action.user, name: user?.name ?? action.user, team_id: team.id },
      api_app_id: APP_ID,
      token: "legacy-verification-token",
      container: {
        type: "message",
        message_ts: action.messageTs,
        channel_id: action.channel,
        is_ephemeral: action.ephemeral ?? false,
      },
      trigger_id: `trigger-${randomUUID()}`,
      team,
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: action.channel, name: action.channel.toLowerCase() },
      // Slack sends the message only for messages everyone sees.
      ...(action.ephemeral
        ? {}
        : { message: this.api.messages.get(`${action.channel}/${action.messageTs}`) ?? { ts: action.messageTs } }),
      response_url: responseUrl,
      actions: [
        {
          type: "button",
          action_id: action.actionId,
          block_id: action.blockId ?? "actions",
          text: { type: "plain_text", text: action.text ?? "button", emoji: true },
          value: action.value,
          action_ts: `${Date.now() / 1000}`,
        },
      ],
    };
    const serialized = JSON.stringify(payload, (key, value) => (key === "reactions" ? undefined : value));
    const delivery = await this.deliver("interactive", JSON.parse(serialized), {
      form: new URLSearchParams({ payload: serialized }).toString(),
      signing: action.signing ?? "valid",
    });
    return { ...delivery, responseUrl };
  }

  /**
   * A user adds a reaction: stored on the message (so `reactions.get` sees it) and,
   * unless `deliver` is false (the app was offline, or Slack lost the event), sent
   * as a `reaction_added` event.
   */
  async react(
    user: string,
    at: { channel: string; ts: string },
    reaction: string,
    options: { deliver?: boolean; eventId?: string; retryNum?: number } = {},
  ) {
    this.api.addReaction(at.channel, at.ts, reaction, user);
    if (options.deliver === false) return undefined;
    return this.sendEvent(
      {
        type: "reaction_added",
        user,
        reaction,
        item: { type: "message", channel: at.channel, ts: at.ts },
        item_user: BOT_USER_ID,
        event_ts: `${Date.now() / 1000}`,
      },
      options,
    );
  }

  /** An Events API callback; give the same event id and a retry number to imitate Slack's retries. */
  async sendEvent(
    event: Record<string, unknown>,
    options: { eventId?: string; retryNum?: number; signing?: Signing } = {},
  ) {
    this.eventCounter += 1;
    const eventId = options.eventId ?? `Ev${String(this.eventCounter).padStart(8, "0")}`;
    const body = {
      token: "legacy-verification-token",
      team_id: TEAM.id,
      api_app_id: APP_ID,
      event,
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: TEAM.id, user_id: BOT_USER_ID, is_bot: true }],
      is_ext_shared_channel: false,
    };
    const delivery = await this.deliver("events_api", body, {
      json: JSON.stringify(body),
      signing: options.signing ?? "valid",
      ...(options.retryNum !== undefined ? { retryNum: options.retryNum } : {}),
    });
    return { ...delivery, eventId };
  }

  private async deliver(
    type: "slash_commands" | "interactive" | "events_api",
    payload: Record<string, unknown>,
    request: SlackRequest,
  ): Promise<Delivery> {
    if (this.appUrl === undefined) return this.socket.sendEnvelope(type, payload, request.retryNum);
    return this.http.post(this.appUrl, request);
  }

  /** Posts any body to the app's HTTP endpoint as Slack would, signed as asked (a malformed one too). */
  async postToApp(request: SlackRequest): Promise<Delivery> {
    if (this.appUrl === undefined) throw new Error("the app does not receive over HTTP");
    return this.http.post(this.appUrl, request);
  }
}
