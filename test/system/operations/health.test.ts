import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkHealth, type HealthServer, startHealthServer } from "../../../src/health.js";
import { openDatabase } from "../../../src/store/database.js";
import { discordScenario } from "../../discord/harness.js";
import { closeAfterTest } from "../../kit/closeAfterTest.js";
import { useTempDir } from "../../kit/tempDir.js";
import { startSlackBot } from "../../slack/harness.js";
import { eventually } from "../../kit/eventually.js";

describe("health endpoint", () => {
  const tempDir = useTempDir("studybot-health-");
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("reports the database and each platform: 200 when all are up, 503 with what is not", async () => {
    const db = closeAfterTest(openDatabase(join(tempDir(), "studybot.db")));
    let slackUp = true;
    const platforms = [
      { name: "discord", isConnected: () => true },
      { name: "slack", isConnected: () => slackUp },
    ];
    server = await startHealthServer(0, () => checkHealth(db, platforms));
    const get = async (path: string) => {
      const response = await fetch(`http://127.0.0.1:${server?.port}${path}`);
      return { status: response.status, body: await response.text() };
    };

    expect(await get("/healthz")).toEqual({
      status: 200,
      body: `${JSON.stringify({ status: "ok", database: "ok", platforms: { discord: "connected", slack: "connected" } })}\n`,
    });
    slackUp = false;
    const down = await get("/healthz");
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toEqual({
      status: "unavailable",
      database: "ok",
      platforms: { discord: "connected", slack: "disconnected" },
    });
    slackUp = true;
    db.close();
    expect(JSON.parse((await get("/healthz")).body)).toMatchObject({ status: "unavailable", database: "closed" });
    expect((await get("/")).status).toBe(404);
  });

  it("knows whether Discord's gateway session is up", async () => {
    const scenario = closeAfterTest(await discordScenario(tempDir()));
    closeAfterTest(scenario.fake);
    expect(scenario.bot.isConnected()).toBe(true);
    await scenario.stopBot();
    expect(scenario.bot.isConnected()).toBe(false);
  });

  it("knows whether Slack is connected, in Socket Mode and over HTTP", async () => {
    for (const mode of ["socket", "http"] as const) {
      const t = await startSlackBot(tempDir(), mode);
      closeAfterTest(t.fake);
      closeAfterTest(t.bot);
      expect(t.slack.isConnected()).toBe(true);
      await t.slack.stop();
      await eventually(() => !t.slack.isConnected(), `slack (${mode}) to be disconnected`);
    }
  });

  it("names HEALTH_PORT when its port is taken", async () => {
    server = await startHealthServer(0, () => ({ status: "ok", database: "ok", platforms: {} }));
    await expect(
      startHealthServer(server.port, () => ({ status: "ok", database: "ok", platforms: {} })),
    ).rejects.toThrow(`Cannot serve GET /healthz on 127.0.0.1:${server.port} (HEALTH_PORT)`);
  });

  it("listens on 127.0.0.1 only", async () => {
    server = await startHealthServer(0, () => ({ status: "ok", database: "ok", platforms: {} }));
    const { networkInterfaces } = await import("node:os");
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === "IPv4" && !address.internal);
    if (!outside) return;
    await expect(fetch(`http://${outside.address}:${server.port}/healthz`)).rejects.toThrow();
  });
});
