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
import { APP_ID, BOT_TOKEN, BOT_USER, shardOf } from "./model.js";
import type { DiscordState } from "./state.js";

/**
 * Discord's WebSocket gateway: identifies the bot, sends READY and GUILD_CREATE, acknowledges heartbeats, dispatches
 * events. Sharded as Discord is: an IDENTIFY must carry the shard count Discord requires (else close 4011), and a
 * session hears only the servers its shard owns, `(guild_id >> 22) % shard_count`.
 */
export class FakeGateway {
  identifies = 0;
  /** The shard `[id, count]` of each IDENTIFY, in order (refused ones included). */
  readonly identified: [number, number][] = [];
  /** Close codes sent to the bot, in order. */
  readonly closeCodes: number[] = [];
  /** Each identified session with the shard id it runs. */
  private readonly sockets = new Map<WebSocket, number>();
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
    for (const socket of this.sockets.keys()) socket.terminate();
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

  /** Shard ids with a live session now. */
  get connectedShards(): number[] {
    return [...this.sockets.values()].sort((a, b) => a - b);
  }

  private closeWith(socket: WebSocket, code: number, reason: string): void {
    this.closeCodes.push(code);
    socket.close(code, reason);
  }

  private identify(socket: WebSocket, data: GatewayIdentifyData): void {
    if (data.token !== BOT_TOKEN) {
      this.closeWith(socket, 4004, "Authentication failed.");
      return;
    }
    const [shardId, shardCount] = data.shard ?? [0, 1];
    this.identified.push([shardId, shardCount]);
    if (shardCount !== this.state.shards.required) {
      this.closeWith(socket, 4011, "Sharding required.");
      return;
    }
    this.identifies += 1;
    this.sockets.set(socket, shardId);
    const owned = this.state.guildIds.filter((guildId) => shardOf(guildId, shardCount) === shardId);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: BOT_USER,
      guilds: owned.map((id) => ({ id, unavailable: true })),
      session_id: randomBytes(16).toString("hex"),
      resume_gateway_url: this.url(),
      shard: [shardId, shardCount],
      application: { id: APP_ID, flags: 0 as ApplicationFlags, flags_new: "0" },
    };
    this.dispatchTo(socket, GatewayDispatchEvents.Ready, ready);
    for (const guildId of owned) {
      this.dispatchTo(socket, GatewayDispatchEvents.GuildCreate, this.state.guildCreate(guildId));
    }
  }

  private send(socket: WebSocket, payload: GatewayReceivePayload): void {
    socket.send(JSON.stringify(payload));
  }

  private dispatchTo(socket: WebSocket, event: GatewayDispatchEvents, data: unknown): void {
    const s = (this.sequence.get(socket) ?? 0) + 1;
    this.sequence.set(socket, s);
    this.send(socket, { op: GatewayOpcodes.Dispatch, t: event, s, d: data } as GatewayDispatchPayload);
  }

  /**
   * Sends an event to the session of the shard owning its server (an event of no server: to every session);
   * false when no session got it (that shard is offline: the event is lost).
   */
  dispatch(event: GatewayDispatchEvents, data: unknown): boolean {
    const guildId = (data as { guild_id?: string }).guild_id;
    const owner = guildId === undefined ? undefined : shardOf(guildId, this.state.shards.required);
    let sent = false;
    for (const [socket, shardId] of this.sockets) {
      if (owner !== undefined && shardId !== owner) continue;
      this.dispatchTo(socket, event, data);
      sent = true;
    }
    return sent;
  }
}
