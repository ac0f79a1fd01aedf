import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import {
  type ApplicationFlags,
  type GatewayDispatchPayload,
  GatewayDispatchEvents,
  type GatewayIdentifyData,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
  type GatewayReceivePayload,
  type GatewaySendPayload,
} from "discord-api-types/v10";
import { type WebSocket, WebSocketServer } from "ws";
import { APP_ID, BOT_TOKEN, BOT_USER, GUILD_ID } from "./model.js";
import type { DiscordState } from "./state.js";

/** Discord's WebSocket gateway: identifies the bot, sends READY and GUILD_CREATE, acknowledges heartbeats, dispatches events. */
export class FakeGateway {
  identifies = 0;
  private readonly sockets = new Set<WebSocket>();
  private readonly sequence = new WeakMap<WebSocket, number>();
  private readonly server: WebSocketServer;

  constructor(
    http: Server,
    private readonly state: DiscordState,
    /** The gateway's own address, for RESUME (known once the server listens). */
    private readonly url: () => string,
  ) {
    this.server = new WebSocketServer({ server: http });
    this.server.on("connection", (socket) => this.onGatewayConnection(socket));
  }

  get connected(): boolean {
    return this.sockets.size > 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onGatewayConnection(socket: WebSocket): void {
    this.sequence.set(socket, 0);
    socket.on("message", (raw) => this.onGatewayFrame(socket, String(raw)));
    socket.on("close", () => this.sockets.delete(socket));
    this.send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: 41_250 }, s: null, t: null });
  }

  private onGatewayFrame(socket: WebSocket, raw: string): void {
    const payload = JSON.parse(raw) as GatewaySendPayload;
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.send(socket, { op: GatewayOpcodes.HeartbeatAck, d: undefined, s: null, t: null });
        return;
      case GatewayOpcodes.Identify:
        this.identify(socket, payload.d);
        return;
      case GatewayOpcodes.Resume:
        // Sessions are not kept: the client starts a new one, as after a long outage.
        this.send(socket, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
        return;
      default:
        return;
    }
  }

  private identify(socket: WebSocket, data: GatewayIdentifyData): void {
    if (data.token !== BOT_TOKEN) {
      socket.close(4004, "Authentication failed.");
      return;
    }
    this.identifies += 1;
    this.sockets.add(socket);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: BOT_USER,
      guilds: [{ id: GUILD_ID, unavailable: true }],
      session_id: randomBytes(16).toString("hex"),
      resume_gateway_url: this.url(),
      shard: [0, 1],
      application: { id: APP_ID, flags: 0 as ApplicationFlags, flags_new: "0" },
    };
    this.dispatchTo(socket, GatewayDispatchEvents.Ready, ready);
    this.dispatchTo(socket, GatewayDispatchEvents.GuildCreate, this.state.guildCreate());
  }

  private send(socket: WebSocket, payload: GatewayReceivePayload): void {
    socket.send(JSON.stringify(payload));
  }

  private dispatchTo(socket: WebSocket, event: GatewayDispatchEvents, data: unknown): void {
    const s = (this.sequence.get(socket) ?? 0) + 1;
    this.sequence.set(socket, s);
    this.send(socket, { op: GatewayOpcodes.Dispatch, t: event, s, d: data } as GatewayDispatchPayload);
  }

  /** Sends an event to every identified session; false when the bot is offline (the event is lost). */
  dispatch(event: GatewayDispatchEvents, data: unknown): boolean {
    for (const socket of this.sockets) this.dispatchTo(socket, event, data);
    return this.sockets.size > 0;
  }
}
