import { afterEach, describe, expect, it } from "vitest";
import type { Deck } from "../../../src/core/deck.js";
import type { SlackBlock } from "../../slack/fakeSlack.js";
import {
  answerButton,
  ephemeralFor,
  PEOPLE,
  postQuiz,
  QUIZ_CHANNEL,
  type SlackTestBot,
  shownText,
  startSlackBot,
  replyTo,
} from "../../slack/harness.js";
import { useTempDir } from "../../kit/tempDir.js";
import { eventually } from "../../kit/eventually.js";

const OTHER_CHANNEL = "C0OTHER";

/** Deck text written to notify everyone, a user group, a user, a channel, or to smuggle a link. */
const pingingDeck: Deck = {
  id: "pings",
  title: "<!everyone> study night",
  description: "",
  cards: [
    "<!everyone>",
    "<!here>",
    "<!channel>",
    "<@U0ADMIN>",
    "<!subteam^S0TEACH>",
    "<#C0QUIZ>",
    "<https://evil.example|click>",
  ].map((text, i) => ({
    id: `card-${i}`,
    front: `Who is told by ${text}?`,
    back: `Nobody: ${text} & **bold**`,
    term: `term ${i} ${text}`.slice(0, 80),
    tags: ["pings"],
  })),
};

/** Every Slack mention or link in a text (`<@U…>`, `<!…>`, `<#…>`, `<http…|…>`), less the date tokens that show a formatting mark as typed. */
const markupIn = (text: string) =>
  (text.match(/<[@!#h][^>]*>/g) ?? []).filter((markup) => !/^<!date\^00000000\^\{_\}\|[*_~`]>$/.test(markup));

/** The texts Slack reads as mrkdwn (mentions and links work there): the fallback and every mrkdwn element. Plain text shows literally. */
function mrkdwnTexts(args: Record<string, unknown>): string[] {
  const texts = [String(args.text ?? "")];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const { type, text } = node as { type?: unknown; text?: unknown };
      if (type === "mrkdwn" && typeof text === "string") texts.push(text);
      else Object.values(node).forEach(walk);
    }
  };
  walk(args.blocks);
  return texts;
}

/** The action id and value of the first button whose value passes `which`, in rendered blocks. */
function buttonIn(blocks: readonly SlackBlock[], which: (value: string, label: string) => boolean) {
  for (const block of blocks) {
    for (const element of block.elements ?? []) {
      if (element.value !== undefined && which(element.value, element.text?.text ?? "")) {
        return { actionId: element.action_id ?? "", value: element.value };
      }
    }
  }
  throw new Error("no such button");
}

describe("Slack: nobody acts for another, nobody is pinged", () => {
  const tempDir = useTempDir("studybot-abuse-slack-");
  let t: SlackTestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("refuses a quiz button sent from another channel or workspace, and records a click for the clicker only", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const { quiz, ts } = await postQuiz(t);
    const button = buttonIn(fake.message(QUIZ_CHANNEL, ts).blocks, (value) =>
      answerButton(quiz.correctIndex)({ value }),
    );

    await fake.sendBlockAction({ ...button, channel: OTHER_CHANNEL, messageTs: ts, user: PEOPLE.cy.id });
    expect(shownText((await ephemeralFor(fake, PEOPLE.cy.id)).args)).toContain(
      "That button belongs to a quiz in another channel.",
    );
    await fake.sendBlockAction({
      ...button,
      channel: QUIZ_CHANNEL,
      messageTs: ts,
      user: PEOPLE.ben.id,
      team: "T0OTHER",
    });
    expect(shownText((await ephemeralFor(fake, PEOPLE.ben.id)).args)).toContain(
      "does not belong to a quiz this bot posted",
    );
    expect(bot.store.answers.forQuiz(quiz.id)).toEqual([]);

    await fake.click(PEOPLE.ana.id, { channel: QUIZ_CHANNEL, ts }, answerButton(quiz.correctIndex));
    const ack = await ephemeralFor(fake, PEOPLE.ana.id);
    expect(ack.args.user).toBe(PEOPLE.ana.id);
    const answers = bot.store.answers.forQuiz(quiz.id);
    expect(answers.map((answer) => bot.store.users.get(answer.userId)?.externalId)).toEqual([PEOPLE.ana.id]);
  });

  it("refuses another member's drill button replayed on a public message, privately, leaving the message and the drill as they were", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const { ts } = await postQuiz(t);
    const { responseUrl } = await fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "drill");
    const card = await replyTo(fake, responseUrl);
    const shown = await replyTo(
      fake,
      (await fake.clickEphemeralButton(card, QUIZ_CHANNEL, PEOPLE.ana.id, "Show answer")).responseUrl,
    );
    const good = buttonIn((shown.args.blocks as SlackBlock[]) ?? [], (_, label) => label.startsWith("Good"));
    const publicBefore = JSON.stringify(fake.message(QUIZ_CHANNEL, ts));

    const replay = await fake.sendBlockAction({ ...good, channel: QUIZ_CHANNEL, messageTs: ts, user: PEOPLE.ben.id });
    const refusal = await replyTo(fake, replay.responseUrl);
    expect(refusal.args).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(shownText(refusal.args)).toContain("That drill belongs to someone else.");
    expect(JSON.stringify(fake.message(QUIZ_CHANNEL, ts))).toBe(publicBefore);
    expect(fake.callsTo("chat.update")).toEqual([]);

    const ana = bot.store.users.findByExternalId(bot.store.quizzes.get(1)?.communityId ?? 0, PEOPLE.ana.id);
    const session = bot.store.drills.openSession(ana?.id ?? 0);
    expect(session).toMatchObject({ position: 0, answerShown: true });
    expect(bot.store.drills.memoriesOf(ana?.id ?? 0)).toEqual([]);
  });

  it("never lets deck text or display names notify anyone: every mention in what it sends is one it made", async () => {
    t = await startSlackBot(tempDir(), "http", { decks: [pingingDeck], adminUsers: ["U0MAL"] });
    const { fake } = t;
    fake.addMember({ id: "U0MAL", name: "mal", displayName: "<!everyone> <@U0ADMIN> <!subteam^S0TEACH>" });
    const { quiz, ts } = await postQuiz(t);
    await fake.click("U0MAL", { channel: QUIZ_CHANNEL, ts }, answerButton(quiz.correctIndex));
    await ephemeralFor(fake, "U0MAL");
    await fake.sendCommand("U0MAL", QUIZ_CHANNEL, "quiz close");
    await fake.waitForCall("chat.update");
    await fake.sendCommand("U0MAL", QUIZ_CHANNEL, "leaderboard");
    await fake.sendCommand("U0MAL", QUIZ_CHANNEL, "drill");
    await eventually(() => fake.callsTo("response_url").length >= 3, "the replies");

    const sent = fake.calls.filter((call) =>
      ["chat.postMessage", "chat.update", "chat.postEphemeral", "response_url"].includes(call.method),
    );
    expect(sent.length).toBeGreaterThan(4);
    for (const call of sent) {
      for (const text of mrkdwnTexts(call.args)) {
        // The only markup is a mention of someone who answered, made by studybot from their id.
        for (const markup of markupIn(text)) expect(markup, `${call.method}: ${text.slice(0, 300)}`).toBe("<@U0MAL>");
      }
    }
    // Shown as written: the card's back at close, escaped, with the deck's own markdown kept.
    const results = mrkdwnTexts(fake.callsTo("chat.update")[0]?.args ?? {}).join("\n");
    expect(results).toMatch(/Nobody: &lt;[!@#h][^&]*&gt; &amp; \*bold\*/);
  });
});
