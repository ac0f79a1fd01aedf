import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";
import { APP_ID, type Delivery } from "./model.js";

/** Socket Mode: the app's WebSocket, envelopes sent to it and the acknowledgements it returns. */
export class SlackSocketMode {
  /** Socket Mode acknowledgements, by envelope id. */
  readonly acks = new Map<string, Record<string, unknown>>();
  private readonly sockets = new Set<WebSocket>();
  private readonly ackWaiters = new Map<string, (payload: Record<string, unknown>) => void>();
  private readonly wss: WebSocketServer;

  constructor(server: Server) {
    this.wss = new WebSocketServer({ server, path: "/socket-mode" });
    this.wss.on("connection", (socket) => this.accept(socket));
  }

  get connections(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /** Sends a Socket Mode envelope and resolves with the app's acknowledgement. */
  async sendEnvelope(type: string, payload: Record<string, unknown>, retryNum?: number): Promise<Delivery> {
    const socket = [...this.sockets][0];
    if (!socket) throw new Error("the app has no Socket Mode connection");
    const envelopeId = randomUUID();
    const acked = new Promise<Record<string, unknown>>((resolve) => this.ackWaiters.set(envelopeId, resolve));
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== "events_api",
        ...(type === "events_api" ? { retry_attempt: retryNum ?? 0, retry_reason: retryNum ? "timeout" : "" } : {}),
      }),
    );
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`envelope ${type} not acknowledged within 3 s`)), 3_000).unref(),
    );
    const ack = await Promise.race([acked, timeout]);
    return { status: 200, body: JSON.stringify(ack) };
  }

  accept(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
      if (!message.envelope_id) return;
      this.acks.set(message.envelope_id, message.payload ?? {});
      this.ackWaiters.get(message.envelope_id)?.(message.payload ?? {});
      this.ackWaiters.delete(message.envelope_id);
    });
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        connection_info: { app_id: APP_ID },
        debug_info: { host: "fake-slack", approximate_connection_time: 18060 },
      }),
    );
  }
}
