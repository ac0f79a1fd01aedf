import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../kit/eventually.js";
import { useTempDir } from "../kit/tempDir.js";
import { GUILD_ID } from "./fakeDiscord.js";
import { ANA, type DiscordScenario, discordScenario, embedOf, embedText, QUIZ_CHANNEL, replyData } from "./harness.js";

const STUDENTS = { id: "1200000000000000101", name: "students", mentionable: true };
const TEACHERS = { id: "1200000000000000102", name: "teachers", mentionable: false };
const NOBODY_PINGED = { parse: [] };

describe("Discord: quiz threads and schedule pings", () => {
  const tempDir = useTempDir("studybot-discord-threads-");
  let scenario: DiscordScenario | undefined;
  afterEach(async () => {
    await scenario?.shutdown();
    scenario = undefined;
  });

  it("quiz now thread starts a thread named after the question, and the results go there too", async () => {
    scenario = await discordScenario(tempDir());
    const { fake } = scenario;
    const reply = replyData(
      await scenario.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now", { thread: "thread" })),
    );
    expect(embedText(reply)).toContain("Its discussion thread is open");
    const [quiz] = fake.messagesIn(QUIZ_CHANNEL);
    if (!quiz) throw new Error("no quiz posted");
    const [call] = fake.callsTo("POST", "/channels/:channel/messages/:message/threads");
    expect(call?.path).toBe(`/channels/${QUIZ_CHANNEL}/messages/${quiz.id}/threads`);
    const stored = scenario.store.quizzes.get(1);
    const body = call?.body as { name: string; auto_archive_duration: number };
    expect(body.name).toBe(stored?.prompt.replace(/\s+/g, " ").trim().slice(0, 100));
    expect(body.name.length).toBeLessThanOrEqual(100);
    expect(body.auto_archive_duration).toBe(1440);
    expect(stored?.threadId).toBe(quiz.id);
    // An ordinary post: no content, and allowed mentions that ping nobody.
    expect(quiz.content).toBe("");
    expect(quiz.allowedMentions).toMatchObject(NOBODY_PINGED);
    expect(quiz.allowedMentions).not.toHaveProperty("roles");

    await scenario.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz close"));
    const [inThread] = await eventually(() => {
      const posted = fake.messagesIn(quiz.id);
      return posted.length > 0 ? posted : undefined;
    }, "the results in the thread");
    expect(embedOf(inThread).title).toBe(embedOf(quiz).title);
    expect(embedOf(inThread).title).toContain("closed");
    expect(inThread?.allowedMentions).toMatchObject(NOBODY_PINGED);
    expect(quiz.editedAt).toBeDefined();
    expect(fake.messagesIn(QUIZ_CHANNEL)).toHaveLength(1);
  });

  it("a quiz whose thread Discord refuses is posted all the same, and the admin hears why", async () => {
    const noThreads = "1300000000000000009";
    scenario = await discordScenario(tempDir(), {
      channels: [{ id: noThreads, name: "no-threads", botDenied: ["CreatePublicThreads"] }],
    });
    const { fake } = scenario;
    const reply = replyData(
      await scenario.response(fake.sendCommand(ANA.id, noThreads, "quiz now", { thread: "thread" })),
    );
    expect(embedText(reply)).toContain("Its thread could not be started");
    expect(fake.messagesIn(noThreads)).toHaveLength(1);
    expect(fake.state.threads.size).toBe(0);
    expect(scenario.store.quizzes.get(1)?.threadId).toBeNull();
  });

  it("a schedule with thread and ping mentions only that role, after a restart", async () => {
    scenario = await discordScenario(tempDir());
    const { fake, services, clock } = scenario;
    fake.addRole(STUDENTS);
    const added = replyData(
      await scenario.response(
        fake.sendCommand(ANA.id, QUIZ_CHANNEL, "schedule add", {
          cron: "0 9 * * 1-5",
          thread: "thread",
          ping: STUDENTS.id,
        }),
      ),
    );
    expect(embedOf(added).title).toBe("Schedule #1 added");
    expect(embedText(added)).toContain("thread · pings @students");
    const list = replyData(await scenario.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "schedule list")));
    expect(embedText(list)).toContain("thread · pings @students");

    await scenario.stopBot();
    await scenario.startBot();
    clock.set("2026-11-03T09:00:10Z");
    expect(await services.schedules.runDue(1, 30)).toBe("posted");
    const [post] = fake.messagesIn(QUIZ_CHANNEL);
    const [raw] = fake.callsTo("POST", "/channels/:channel/messages");
    expect((raw?.body as { content: string } | undefined)?.content).toBe(`<@&${STUDENTS.id}>`);
    expect((raw?.body as { allowed_mentions: unknown } | undefined)?.allowed_mentions).toStrictEqual({
      parse: [],
      roles: [STUDENTS.id],
    });
    expect(post?.content).toBe(`<@&${STUDENTS.id}>`);
    expect(fake.state.threads.get(post?.id ?? "")?.parentId).toBe(QUIZ_CHANNEL);

    // The next post closes this one: its results edit and thread message ping nobody.
    await scenario.stopBot();
    await scenario.startBot();
    clock.set("2026-11-04T09:00:10Z");
    expect(await services.schedules.runDue(1, 30)).toBe("posted");
    const [inThread] = await eventually(() => {
      const posted = fake.messagesIn(post?.id ?? "");
      return posted.length > 0 ? posted : undefined;
    }, "the first quiz's results in its thread");
    expect(inThread?.content).toBe("");
    expect(inThread?.allowedMentions).toMatchObject(NOBODY_PINGED);
    const edits = fake.callsTo("PATCH", "/channels/:channel/messages/:message");
    for (const edit of edits) {
      expect((edit.body as { allowed_mentions?: unknown }).allowed_mentions).toMatchObject(NOBODY_PINGED);
      expect(edit.body).not.toHaveProperty("content");
    }
  });

  it("refuses a role that does not exist, or that studybot may not mention, with an example", async () => {
    scenario = await discordScenario(tempDir());
    const { fake, services } = scenario;
    fake.addRole(STUDENTS);
    fake.addRole(TEACHERS);
    const running = scenario;
    // Without the markdown escapes, as a person reads it.
    const add = async (ping: string) =>
      embedText(
        replyData(
          await running.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "schedule add", { cron: "0 9 * * 1-5", ping })),
        ),
      ).replace(/\\([*_])/g, "$1");
    // A role picked in the slash form always exists; a name (or a role deleted since) may not.
    const community = scenario.store.communities.ensure("discord", GUILD_ID, "", "UTC", scenario.clock.now());
    const unknown = services.schedules.add({
      community,
      channelId: QUIZ_CHANNEL,
      createdBy: scenario.store.users.ensure(community.id, ANA.id, ANA.username),
      cron: "0 9 * * 1-5",
      ping: { kind: "name", name: "stuedents" },
    });
    await expect(unknown).rejects.toThrow('There is no role "stuedents" in this server');
    await expect(unknown).rejects.toMatchObject({
      hint: expect.stringContaining("schedule add 0 9 * * 1-5 ping @students"),
    });
    const everyone = await add(GUILD_ID);
    expect(everyone).toContain("That role is not in this server (studybot never pings @\u200beveryone)");
    const teachers = await add(TEACHERS.id);
    expect(teachers).toContain("studybot may not mention @teachers");
    expect(teachers).toContain("schedule add 0 9 * * 1-5 ping @teachers");
    expect(scenario.store.schedules.all()).toHaveLength(0);

    // With Mention @everyone, @here, and All Roles, studybot may mention any role.
    fake.state.botRolePermissions = 1n << 17n;
    expect(await add(TEACHERS.id)).toContain("pings @teachers");
  });
});
