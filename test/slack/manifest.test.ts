import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { MAKE_CARD_CALLBACK } from "../../src/platforms/slack/cardFromMessage.js";
import { SLASH_COMMAND } from "../../src/platforms/slack/commands.js";
import { useTempDir } from "../kit/tempDir.js";
import {
  answerButton,
  ephemeralFor,
  PEOPLE,
  postQuiz,
  QUIZ_CHANNEL,
  type SlackTestBot,
  startSlackBot,
} from "./harness.js";

interface Manifest {
  features: {
    shortcuts: { type: string; callback_id: string }[];
    app_home: Record<string, boolean>;
    slash_commands: { command: string; should_escape: boolean }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

/** The bot scopes each Web API method needs (null: none, or the app-level token's connections:write). */
const METHOD_SCOPES: Record<string, string | string[] | null> = {
  "auth.test": null,
  "apps.connections.open": null,
  response_url: null,
  "chat.postMessage": "chat:write",
  "chat.update": "chat:write",
  "chat.postEphemeral": "chat:write",
  "reactions.add": "reactions:write",
  "reactions.get": "reactions:read",
  "users.info": "users:read",
  "views.open": null,
  "views.publish": null,
  // Public channels, and the private ones the bot shares.
  "users.conversations": ["channels:read", "groups:read"],
  "conversations.open": "im:write",
  "files.getUploadURLExternal": "files:write",
  upload: null,
  "files.completeUploadExternal": "files:write",
  "usergroups.list": "usergroups:read",
};
const EVENT_SCOPES: Record<string, string | null> = {
  reaction_added: "reactions:read",
  "message.im": "im:history",
  app_home_opened: null,
};

const manifest = parse(readFileSync(new URL("../../slack-app-manifest.yaml", import.meta.url), "utf8")) as Manifest;

describe("Slack: the app manifest", () => {
  const tempDir = useTempDir("studybot-slack-");
  let t: SlackTestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("declares the command, interactivity, the reaction event and Socket Mode", () => {
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: SLASH_COMMAND, should_escape: true }),
    ]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([
      "reaction_added",
      "message.im",
      "app_home_opened",
    ]);
    expect(manifest.features.app_home).toMatchObject({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: "message", callback_id: MAKE_CARD_CALLBACK }),
    ]);
  });

  it("asks for exactly the scopes the app uses", async () => {
    t = await startSlackBot(tempDir(), "socket");
    const { fake } = t;
    const buttons = await postQuiz(t);
    await fake.click(PEOPLE.ana.id, { channel: QUIZ_CHANNEL, ts: buttons.ts }, answerButton(0));
    await ephemeralFor(fake, PEOPLE.ana.id);
    const reactions = await postQuiz(t, "quiz now reactions");
    await fake.react(PEOPLE.ben.id, { channel: QUIZ_CHANNEL, ts: reactions.ts }, "regional_indicator_a");
    await ephemeralFor(fake, PEOPLE.ben.id);
    await fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "quiz close");
    await fake.waitForCall("chat.update", 2);
    // report export replies with files: they go up to the admin's direct messages.
    await fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "report export");
    await fake.waitForCall("files.completeUploadExternal");
    // A schedule's ping is checked against the workspace's user groups.
    fake.api.userGroups.push({ id: "S0STUDENTS", handle: "students", name: "Students" });
    await fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "schedule add 0 9 * * 1-5 ping @students");
    await fake.waitForCall("usergroups.list");
    // The Home tab lists the next quizzes of the channels the person is in.
    await fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, 'schedule add "0 9 * * *"');
    await fake.openHome(PEOPLE.ana.id);
    await fake.waitForCall("views.publish");

    const methods = new Set(fake.calls.map((call) => call.method));
    for (const method of methods) expect(Object.keys(METHOD_SCOPES), `scope of ${method}`).toContain(method);
    const needed = new Set<string>(["commands"]);
    for (const event of manifest.settings.event_subscriptions.bot_events) {
      expect(Object.keys(EVENT_SCOPES), `scope of ${event}`).toContain(event);
      const scope = EVENT_SCOPES[event];
      if (scope) needed.add(scope);
    }
    for (const method of methods) for (const scope of [METHOD_SCOPES[method] ?? []].flat()) needed.add(scope);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });
});
