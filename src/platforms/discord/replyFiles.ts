import { AttachmentBuilder } from "discord.js";
import { text, type View } from "../../core/views.js";
import type { Reply } from "../../services/ports.js";
import { type Audience, type DiscordMessage, type PrivateDiscordMessage, renderView } from "./render.js";

/** Discord refuses a bot's message whose attachments pass 10 MiB (a server's limit without boosts). */
export const DISCORD_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

export interface DiscordReplyMessage extends DiscordMessage {
  files: AttachmentBuilder[];
}

export type PrivateDiscordReplyMessage = DiscordReplyMessage & PrivateDiscordMessage;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * A reply as a Discord message with its files attached. Files past the upload
 * limit are left off and named in the message (Discord would refuse the whole
 * message, text included), so the person still gets the rest and knows why.
 */
export function renderReply(reply: Pick<Reply, "view" | "files">): DiscordReplyMessage;
export function renderReply(reply: Pick<Reply, "view" | "files">, audience: Audience): PrivateDiscordReplyMessage;
export function renderReply(reply: Pick<Reply, "view" | "files">, audience: Audience = {}): PrivateDiscordReplyMessage {
  const files: AttachmentBuilder[] = [];
  const tooLarge: string[] = [];
  let total = 0;
  for (const file of reply.files ?? []) {
    if (total + file.bytes.byteLength > DISCORD_UPLOAD_MAX_BYTES) {
      tooLarge.push(`${file.name} (${megabytes(file.bytes.byteLength)})`);
      continue;
    }
    total += file.bytes.byteLength;
    files.push(new AttachmentBuilder(Buffer.from(file.bytes), { name: file.name }));
  }
  const view: View =
    tooLarge.length === 0
      ? reply.view
      : {
          ...reply.view,
          blocks: [
            ...reply.view.blocks,
            text(
              `Not attached, over Discord's ${megabytes(DISCORD_UPLOAD_MAX_BYTES)} upload limit: ${tooLarge.join(", ")}. ` +
                "The terminal bot (npm start) saves it as a file.",
            ),
          ],
        };
  // Added to the message renderView made, not spread into a copy (see renderView).
  return Object.assign(renderView(view, audience), { files });
}
