import { webApi } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { noticeView } from "../../src/core/views.js";
import { sendFilesPrivately, uploadReplyFiles } from "../../src/platforms/slack/replyFiles.js";
import type { ReplyFile } from "../../src/services/ports.js";
import { BOT_TOKEN, FakeSlack } from "./fakeSlack.js";

const csv: ReplyFile = {
  name: "report-cards.csv",
  contentType: "text/csv; charset=utf-8",
  bytes: new TextEncoder().encode('\uFEFFcard,accuracy\r\n"gVisor, runsc",0.5\r\n'),
};
const png: ReplyFile = { name: "stats.png", contentType: "image/png", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) };

describe("files in Slack replies", () => {
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function realClient() {
    fake = await FakeSlack.start();
    fake.addMember({ id: "U0ANA", name: "ana" });
    return { fake, client: new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }) };
  }

  it("go up with files.uploadV2, byte for byte, into the channel", async () => {
    const { fake, client } = await realClient();
    await uploadReplyFiles(client, [csv, png], "C0CLASS");
    expect(fake.callsTo("files.upload")).toEqual([]);
    expect(fake.filesIn("C0CLASS").map((file) => [file.filename, file.bytes])).toEqual([
      [csv.name, Buffer.from(csv.bytes)],
      [png.name, Buffer.from(png.bytes)],
    ]);
  });

  it("of a private reply go to the person's direct messages, and the reply says so", async () => {
    const { fake, client } = await realClient();
    const shown = await sendFilesPrivately(client, [csv], "U0ANA", noticeView("Report", "Ready."));
    expect(fake.callsTo("conversations.open").map((call) => call.args.users)).toEqual(["U0ANA"]);
    expect(fake.filesIn("DU0ANA").map((file) => file.filename)).toEqual([csv.name]);
    expect(JSON.stringify(shown.blocks)).toContain("Sent to you in a direct message from studybot: report-cards.csv");
  });

  it("fail loudly when Slack cannot open the direct message, instead of claiming they were sent", async () => {
    const { client } = await realClient();
    await expect(sendFilesPrivately(client, [csv], "U0GONE", noticeView("Report", "Ready."))).rejects.toThrow(
      /user_not_found/,
    );
  });
});
