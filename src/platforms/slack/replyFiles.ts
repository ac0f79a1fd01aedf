import type { webApi } from "@slack/bolt";
import { text, type View } from "../../core/views.js";
import type { ReplyFile } from "../../services/ports.js";

/** Uploads a reply's files into a channel with files.uploadV2 (files.upload is retired). */
export async function uploadReplyFiles(
  client: webApi.WebClient,
  files: readonly ReplyFile[],
  channelId: string,
): Promise<void> {
  await client.files.uploadV2({
    channel_id: channelId,
    file_uploads: files.map((file) => ({ file: Buffer.from(file.bytes), filename: file.name, title: file.name })),
  });
}

/**
 * Slack has no private files (an ephemeral message cannot carry one), so a
 * private reply's files go to the person's direct messages with the app,
 * where only they see them; the returned view says so.
 */
export async function sendFilesPrivately(
  client: webApi.WebClient,
  files: readonly ReplyFile[],
  userId: string,
  shown: View,
): Promise<View> {
  const opened = await client.conversations.open({ users: userId });
  const channelId = opened.channel?.id;
  if (!channelId) throw new Error(`Slack opened no direct message channel with ${userId}`);
  await uploadReplyFiles(client, files, channelId);
  const names = files.map((file) => file.name).join(", ");
  return { ...shown, blocks: [...shown.blocks, text(`Sent to you in a direct message from studybot: ${names}`)] };
}
