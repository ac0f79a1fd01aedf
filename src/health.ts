import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "./store/database.js";

/** A chat platform as the health check sees it. */
export interface PlatformHealth {
  name: string;
  isConnected(): boolean;
  /** A sharded platform's shards (Discord's, in every process) and their states. */
  shards?(): Record<string, string>;
}

export interface HealthReport {
  status: "ok" | "unavailable";
  database: string;
  platforms: Record<string, "connected" | "disconnected">;
  /** Per sharded platform (Discord), each shard's state: "ready" when it serves its servers. */
  shards?: Record<string, Record<string, string>>;
}

/** The database answers a query, and every platform is connected (on every shard). */
export function checkHealth(db: Db, platforms: readonly PlatformHealth[]): HealthReport {
  let database = "ok";
  try {
    if (!db.open) database = "closed";
    else db.prepare("SELECT 1 FROM schema_migrations LIMIT 1").get();
  } catch (error) {
    database = error instanceof Error ? error.message : String(error);
  }
  const states = Object.fromEntries(
    platforms.map((platform) => [platform.name, platform.isConnected() ? "connected" : "disconnected"] as const),
  );
  const sharded = platforms.flatMap((platform) =>
    platform.shards ? [[platform.name, platform.shards()] as const] : [],
  );
  const healthy = database === "ok" && Object.values(states).every((state) => state === "connected");
  return {
    status: healthy ? "ok" : "unavailable",
    database,
    platforms: states,
    ...(sharded.length > 0 ? { shards: Object.fromEntries(sharded) } : {}),
  };
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * `GET /healthz` on 127.0.0.1 only (the container's own HEALTHCHECK, or a
 * local supervisor, asks; nothing outside needs it): 200 with the report when
 * healthy, 503 with it when not.
 */
export async function startHealthServer(port: number, report: () => HealthReport): Promise<HealthServer> {
  const server = createServer((req, res) => {
    if (req.method !== "GET" || req.url !== "/healthz") {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found: GET /healthz\n");
      return;
    }
    const health = report();
    res
      .writeHead(health.status === "ok" ? 200 : 503, { "content-type": "application/json" })
      .end(`${JSON.stringify(health)}\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) =>
      reject(new Error(`Cannot serve GET /healthz on 127.0.0.1:${port} (HEALTH_PORT): ${error.message}`)),
    );
    server.listen(port, "127.0.0.1", () => {
      server.removeAllListeners("error");
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
