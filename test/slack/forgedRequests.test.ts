import { HTTPModuleFunctions } from "@slack/bolt";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "../../src/services/ports.js";
import { useTempDir } from "../kit/tempDir.js";
import { eventually } from "../kit/eventually.js";
import {
  answerButton,
  ephemeralFor,
  PEOPLE,
  postQuiz,
  QUIZ_CHANNEL,
  type SlackTestBot,
  shownText,
  startSlackBot,
} from "./harness.js";

/** A logger that keeps its warnings. */
function recordingLogger() {
  const warnings: { fields: Record<string, unknown>; message: string | undefined }[] = [];
  const logger: Logger = {
    info() {},
    warn: (fields, message) => warnings.push({ fields: fields as Record<string, unknown>, message }),
    error() {},
  };
  return { logger, warnings };
}

describe("Slack over HTTP: forged, replayed and malformed requests", () => {
  const tempDir = useTempDir("studybot-slack-");
  let t: SlackTestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("does not count a flood of unsigned requests as activity for the ack-first pacing", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake } = t;
    const { ts } = await postQuiz(t);
    const pacedBefore = t.slack.pacedRequests();
    const clicks = [PEOPLE.ana, PEOPLE.ben, PEOPLE.cy].map((person) =>
      fake.click(person.id, { channel: QUIZ_CHANNEL, ts }, answerButton(0)),
    );
    const flood = Array.from({ length: 60 }, (_, index) =>
      fake.click(PEOPLE.ben.id, { channel: QUIZ_CHANNEL, ts }, answerButton(1), index % 2 ? "none" : "wrong-secret"),
    );
    const [clicked, flooded] = await Promise.all([Promise.all(clicks), Promise.all(flood)]);
    expect(clicked.map((delivery) => delivery.status)).toEqual([200, 200, 200]);
    expect(new Set(flooded.map((delivery) => delivery.status))).toEqual(new Set([401]));
    expect(t.slack.pacedRequests() - pacedBefore).toBe(3);
    for (const person of [PEOPLE.ana, PEOPLE.ben, PEOPLE.cy]) await ephemeralFor(fake, person.id);
  });

  it("logs refused requests as one warning a minute, with their count", async () => {
    const { logger, warnings } = recordingLogger();
    t = await startSlackBot(tempDir(), "http", { logger });
    const { fake, bot } = t;
    const unsigned = () => fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "help", "none");
    for (let n = 0; n < 20; n++) expect((await unsigned()).status).toBe(401);
    const refusals = () => warnings.filter((warning) => "refused" in warning.fields);
    expect(refusals()).toHaveLength(1);
    expect(refusals()[0]?.fields).toMatchObject({ refused: 1, reasons: { unsigned: 1 } });

    bot.clock.advance(61_000);
    await fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "help", "wrong-secret");
    expect(refusals()).toHaveLength(2);
    expect(refusals()[1]?.fields).toMatchObject({ refused: 20, reasons: { unsigned: 19, "bad-signature": 1 } });
  });

  it("refuses a signed request sent again within its 5 minutes: the replayed quiz is not posted twice", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake } = t;
    await postQuiz(t);
    const replay = await fake.replayLast();
    expect(replay.status).toBe(401);
    // A signed request after it is handled, so a second quiz would have been posted by now.
    const help = await fake.sendCommand(PEOPLE.cy.id, QUIZ_CHANNEL, "help");
    await eventually(
      () => fake.callsTo("response_url").find((call) => call.args.url === help.responseUrl),
      "the reply to help",
    );
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("acknowledges Slack's retry of an event that carries the same signature, and counts the event once", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const { quiz, ts } = await postQuiz(t, "quiz now reactions");
    await fake.react(PEOPLE.ana.id, { channel: QUIZ_CHANNEL, ts }, "regional_indicator_b");
    await ephemeralFor(fake, PEOPLE.ana.id);
    expect((await fake.replayLast({ retryNum: 1 })).status).toBe(200);
    await fake.react(PEOPLE.ben.id, { channel: QUIZ_CHANNEL, ts }, "regional_indicator_c");
    await ephemeralFor(fake, PEOPLE.ben.id);
    expect(fake.callsTo("chat.postEphemeral").filter((call) => call.args.user === PEOPLE.ana.id)).toHaveLength(1);
    expect(bot.store.answers.forQuiz(quiz.id)).toHaveLength(2);
  });

  it("refuses a timestamp more than 5 minutes ahead", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake } = t;
    const command = await fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "quiz now", "future");
    expect(command.status).toBe(401);
    const help = await fake.sendCommand(PEOPLE.cy.id, QUIZ_CHANNEL, "help");
    await eventually(
      () => fake.callsTo("response_url").find((call) => call.args.url === help.responseUrl),
      "the reply to help",
    );
    expect(fake.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("answers a signed body that is not an object with 400, and keeps serving", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const { quiz, ts } = await postQuiz(t);
    const malformed = [
      { form: "payload=null" },
      { form: "payload=%5B1%5D" },
      { form: "payload=%7Bnot%20json" },
      { json: "null" },
      { json: '"text"' },
      { json: "{" },
    ];
    for (const body of malformed) expect((await fake.postToApp({ ...body, signing: "valid" })).status).toBe(400);
    const click = await fake.click(PEOPLE.ben.id, { channel: QUIZ_CHANNEL, ts }, answerButton(quiz.correctIndex));
    expect(click.status).toBe(200);
    expect(shownText((await ephemeralFor(fake, PEOPLE.ben.id)).args)).toContain("Right!");
    expect(bot.store.quizzes.get(quiz.id)?.answered).toBe(1);
  });

  it("parses a click's body once, in Bolt: the check that it is an object reads only the start of its JSON", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const { quiz, ts } = await postQuiz(t);
    const parsed = vi.spyOn(HTTPModuleFunctions, "parseHTTPRequestBody");
    try {
      const clicks = [PEOPLE.ana, PEOPLE.ben].map((person) =>
        fake.click(person.id, { channel: QUIZ_CHANNEL, ts }, answerButton(quiz.correctIndex)),
      );
      expect((await Promise.all(clicks)).map((click) => click.status)).toEqual([200, 200]);
      expect(parsed).toHaveBeenCalledTimes(2);
    } finally {
      parsed.mockRestore();
    }
    for (const person of [PEOPLE.ana, PEOPLE.ben]) await ephemeralFor(fake, person.id);
    expect(bot.store.quizzes.get(quiz.id)?.answered).toBe(2);
  });

  it("lets through to Bolt a form whose payload is given twice, or padded before its object, as Bolt reads them", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake } = t;
    await postQuiz(t);
    const parsed = vi.spyOn(HTTPModuleFunctions, "parseHTTPRequestBody");
    try {
      // Twice: Bolt takes the form itself, an object. Refused here, they would get 400 and never reach Bolt's parse.
      const forms = ["payload=null&p%61yload=null", `payload=${encodeURIComponent(' \n\t{"type":"x"}')}`];
      for (const form of forms) expect((await fake.postToApp({ form, signing: "valid" })).status).not.toBe(400);
      expect(parsed).toHaveBeenCalledTimes(2);
    } finally {
      parsed.mockRestore();
    }
  });
});
